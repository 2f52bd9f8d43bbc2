// The DPO's queue at 200,000 requests: latency of the first page against a page deep in it (the 3,800th
// of 50), through the keyset function the page uses and through HTTP as the logged-in DPO, measured in
// one run. Goal: the deep page at most 1.5 times the first. For contrast, the same deep page by OFFSET.
import { randomUUID } from 'node:crypto'
import postgres from 'postgres'
import { hashPassword } from '../app/lib/platform/password.server'
import { fmt, percentile, startBenchEnvironment, timed } from './support/harness'

const REQUESTS = Number(process.env.DSR_BENCH_REQUESTS ?? 200_000)
const SAMPLES = 40
const GOAL = 1.5

// Most requests are answered; about one in ten is still open, as in a queue that is kept up with.
async function seedRequests(sql: postgres.Sql) {
  await sql`
    insert into data_subject_requests (number, user_id, email, type, status, received_at, due_at, identity_verified_at,
                                       completed_at, denied_at, withdrawn_at, updated_at)
    select 'DSR-BENCH-' || lpad(g::text, 7, '0'), null, 'person' || g || '@example.test',
           (array['access','portability','rectification','erasure','restriction','objection','consent_withdrawal','other'])[1 + g % 8]::dsr_type,
           s.status::dsr_status, r.received_at, r.received_at + interval '1 month', r.received_at,
           case when s.status = 'completed' then r.received_at + interval '9 days' end,
           case when s.status = 'denied' then r.received_at + interval '12 days' end,
           case when s.status = 'withdrawn' then r.received_at + interval '2 days' end,
           now()
    from generate_series(1, ${REQUESTS}) g
    cross join lateral (select now() - (g % 1095) * interval '1 day' - (g % 997) * interval '1 minute' as received_at) r
    cross join lateral (select case
      when g % 10 = 0 then (array['received','in_progress','awaiting_clarification'])[1 + (g / 10) % 3]
      when g % 10 = 1 then 'denied'
      when g % 10 = 2 then 'withdrawn'
      else 'completed' end as status) s`
  await sql`analyze data_subject_requests`
}

async function login(baseUrl: string, identifier: string, password: string) {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identifier, password }),
    redirect: 'manual',
  })
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-session='))
  if (!cookie) throw new Error(`The DPO login failed (${response.status})`)
  return cookie.split(';')[0]
}

// Alternating samples, so that both pages see the same machine state; the median of each.
async function compare(first: () => Promise<unknown>, deep: () => Promise<unknown>) {
  await first()
  await deep()
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    a.push((await timed(first)).ms)
    b.push((await timed(deep)).ms)
  }
  return { first: percentile(a, 50), deep: percentile(b, 50) }
}

export async function run() {
  const env = await startBenchEnvironment({ portal: true })
  const owner = postgres(env.databaseUrl, { max: 2, onnotice: () => {} })
  try {
    const seeded = await timed(() => seedRequests(owner))
    console.log(`Seeded ${REQUESTS} requests in ${fmt(seeded.ms / 1000)} s`)
    const password = 'bench-dpo-password'
    await owner`insert into users (id, username, email, password_hash, role, email_verified_at, age_confirmed_at)
      values (${randomUUID()}, 'benchdpo', 'benchdpo@example.test', ${await hashPassword(password)}, 'dpo', now(), now())`

    // the app's own module, on the app's role, like the page
    const { listQueue, encodeCursor, decodeCursor } = await import('../app/lib/dpo/dsr-queue.server')
    const views = [
      { name: 'all requests', filter: { view: 'all' as const }, where: owner`status <> 'identity_unverified'` },
      { name: 'open requests', filter: {}, where: owner`status in ('received', 'in_progress', 'awaiting_clarification')` },
    ]
    const rows: Record<string, Record<string, string | number>> = {}
    const baseUrl = env.portal!.url
    const cookie = await login(baseUrl, 'benchdpo', password)
    let worst = 0
    for (const view of views) {
      const [{ n }] = await owner<{ n: number }[]>`select count(*)::int as n from data_subject_requests where ${view.where}`
      const position = Math.floor(n * 0.95)
      const [row] = await owner<{ due_micros: string; id: number }[]>`
        select (extract(epoch from due_at) * 1000000)::bigint::text as due_micros, id::int as id
        from data_subject_requests where ${view.where} order by due_at, id offset ${position - 1} limit 1`
      const cursor = decodeCursor(encodeCursor({ dueMicros: BigInt(row.due_micros), id: row.id }))!
      const deepPage = await listQueue({ filter: view.filter, after: cursor })
      if (deepPage.rows.length !== 50) throw new Error(`The deep page of ${view.name} has ${deepPage.rows.length} rows`)

      const fn = await compare(
        () => listQueue({ filter: view.filter }),
        () => listQueue({ filter: view.filter, after: cursor }),
      )
      const query = new URLSearchParams(view.filter.view ? { view: view.filter.view } : {})
      const deepQuery = new URLSearchParams({ ...Object.fromEntries(query), after: encodeCursor(cursor) })
      const get = async (q: URLSearchParams) => {
        const res = await fetch(`${baseUrl}/dpo?${q}`, { headers: { Cookie: cookie } })
        if (res.status !== 200) throw new Error(`GET /dpo?${q} answered ${res.status}`)
        return res.arrayBuffer()
      }
      const http = await compare(
        () => get(query),
        () => get(deepQuery),
      )
      // what the same deep page costs when paged by OFFSET instead
      const offset = await timed(() => owner`select id from data_subject_requests where ${view.where} order by due_at, id offset ${position} limit 51`)
      const label = `${view.name} (${n}, page ${Math.floor(position / 50) + 1})`
      rows[`${label}: keyset function`] = { 'first page ms': +fmt(fn.first, 2), 'deep page ms': +fmt(fn.deep, 2), 'deep ÷ first': +fmt(fn.deep / fn.first, 2) }
      rows[`${label}: HTTP as the DPO`] = { 'first page ms': +fmt(http.first, 2), 'deep page ms': +fmt(http.deep, 2), 'deep ÷ first': +fmt(http.deep / http.first, 2) }
      rows[`${label}: OFFSET, for contrast`] = { 'first page ms': '', 'deep page ms': +fmt(offset.ms, 2), 'deep ÷ first': +fmt(offset.ms / fn.first, 1) }
      worst = Math.max(worst, fn.deep / fn.first, http.deep / http.first)
    }
    console.table(rows)
    console.log(`worst ratio deep ÷ first: ${fmt(worst, 2)}  (goal <= ${GOAL}: ${worst <= GOAL ? 'ok' : 'MISSED'})`)
  } finally {
    await owner.end()
    const { closeDb } = await import('#db/client.server')
    await closeDb()
    await env.stop()
  }
}
