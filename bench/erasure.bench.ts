// Erasure and retention against a plain DELETE of the same rows on an identical copy of the database,
// in the same run (issue 5):
//   1. erase an account with 100,000 VPN sessions and 10,000 forum posts (the whole cancellation
//      transaction: lists, receipts, holds, final email, tombstone) — goal >= 0.8 of the plain rate;
//   2. purge 3,000,000 VPN session rows of which half have expired — goal >= 0.5 of the plain rate,
//      while /my-data of other customers, read from a real portal process, keeps its p99 <= 2x baseline.
// Both sides run with the archive trigger told it is retention (no copies), so they do the same row work.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import postgres from 'postgres'
import { freePort } from '../db/embedded'
import { projectRoot } from '../db/runtime'
import { buildPaths } from '../server/build-paths'
import { fmt, percentile, startBenchEnvironment, timed } from './support/harness'

const ERASE_SESSIONS = 100_000
const ERASE_POSTS = 10_000
const PURGE_USERS = 30_000
const PURGE_ROWS = 3_000_000
const READERS = 4
const GOALS = { erasure: 0.8, purge: 0.5, p99: 2 }
const DAY = 86_400_000

function withDatabase(url: string, name: string) {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function generate(sql: postgres.Sql) {
  // known-good rows: skip the per-row foreign-key checks while loading (owner's session only)
  await sql`set session_replication_role = replica`
  const bigUserId = randomUUID()
  await sql`insert into users (id, username, email, password_hash, email_verified_at, age_confirmed_at)
    values (${bigUserId}, 'bench_big', 'bench_big@example.test', '!', now(), now())`
  await sql`insert into vpn_sessions (user_id, client_ip, server_id, started_at, ended_at)
    select ${bigUserId}, ('198.51.100.' || (g % 254 + 1))::inet, 'server-' || (g % 9), now() - g * interval '70 seconds', now() - g * interval '60 seconds'
    from generate_series(1, ${ERASE_SESSIONS}) g`
  await sql`insert into forum_posts (user_id, author_name, author_email, title, body, created_at)
    select ${bigUserId}, 'bench_big', 'bench_big@example.test', case when g % 5 = 0 then 'Thread ' || g end,
           repeat('WireGuard handshake, MTU and DNS notes. ', 3 + g % 12), now() - g * interval '37 minutes'
    from generate_series(1, ${ERASE_POSTS}) g`

  // the purge population: every session younger than 89 days now, so the portal's own hourly job finds nothing;
  // the benchmark's purge looks from 44.5 days ahead, when half of them have expired
  await sql`insert into users (id, username, email, password_hash, email_verified_at, age_confirmed_at)
    select 'purge-' || g, 'purge_' || g, 'purge_' || g || '@example.test', '!', now(), now() from generate_series(1, ${PURGE_USERS}) g`
  await sql`insert into vpn_sessions (user_id, client_ip, server_id, started_at, ended_at)
    select 'purge-' || (g % ${PURGE_USERS} + 1), ('10.' || (g % 250) || '.' || (g % 200) || '.1')::inet, 'server-' || (g % 9),
           now() - ((g::bigint * 7919) % 89000) * interval '86.4 seconds', null
    from generate_series(1, ${PURGE_ROWS}) g`

  // other customers who read their own data meanwhile
  const readers: string[] = []
  for (let i = 0; i < READERS; i++) {
    const id = randomUUID()
    readers.push(id)
    await sql`insert into users (id, username, email, password_hash, email_verified_at, age_confirmed_at)
      values (${id}, ${`reader_${i}`}, ${`reader_${i}@example.test`}, '!', now(), now())`
    await sql`insert into vpn_sessions (user_id, client_ip, server_id, started_at)
      select ${id}, '192.0.2.1', 'server-1', now() - g * interval '3 hours' from generate_series(1, 100) g`
  }
  await sql`set session_replication_role = origin`
  await sql`vacuum analyze`
  return { bigUserId, readers }
}

async function startPortal(databaseUrl: string) {
  if (!fs.existsSync(buildPaths().serverBuild)) spawnSync('npx', ['remix', 'build'], { cwd: projectRoot, stdio: 'inherit' })
  const port = await freePort()
  const url = `http://localhost:${port}`
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: String(port), APP_URL: url, SEED_DEMO_DATA: 'false' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const deadline = Date.now() + 60_000
  for (;;) {
    if (Date.now() > deadline) throw new Error('The portal did not start within a minute')
    try {
      if ((await fetch(`${url}/privacy`)).status < 500) break
    } catch {
      await new Promise((r) => setTimeout(r, 200))
    }
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}

// Each reader fetches its /my-data in a loop until `until` settles; latencies in ms.
async function readMyData(url: string, cookies: string[], { until, ms }: { until?: Promise<unknown>; ms?: number }) {
  const samples: number[] = []
  let done = false
  if (until) void until.finally(() => (done = true))
  const stopAt = ms ? Date.now() + ms : Infinity
  await Promise.all(
    cookies.map(async (cookie) => {
      while (!done && Date.now() < stopAt) {
        const { ms: took, value: status } = await timed(async () => {
          const response = await fetch(`${url}/my-data`, { headers: { cookie } })
          await response.arrayBuffer()
          return response.status
        })
        if (status !== 200) throw new Error(`/my-data answered ${status}`)
        samples.push(took)
      }
    }),
  )
  return samples
}

function line(name: string, ours: { rows: number; ms: number }, plain: { rows: number; ms: number }, goal: number) {
  const oursRate = ours.rows / (ours.ms / 1000)
  const plainRate = plain.rows / (plain.ms / 1000)
  const ratio = oursRate / plainRate
  console.log(
    `${name}: ${ours.rows} rows in ${fmt(ours.ms / 1000, 2)} s = ${fmt(oursRate, 0)} rows/s; plain DELETE ${plain.rows} rows in ${fmt(plain.ms / 1000, 2)} s = ${fmt(plainRate, 0)} rows/s; ratio ${fmt(ratio, 2)} (goal >= ${goal}) ${ratio >= goal ? 'OK' : 'BELOW GOAL'}`,
  )
}

export async function run() {
  const env = await startBenchEnvironment()
  const owner = postgres(env.databaseUrl, { max: 1, onnotice: () => {} })
  let portal: Awaited<ReturnType<typeof startPortal>> | undefined
  try {
    const generated = await timed(() => generate(owner))
    console.log(`generated ${ERASE_SESSIONS + ERASE_POSTS + PURGE_ROWS} rows in ${fmt(generated.ms / 1000)} s`)
    const { bigUserId, readers } = generated.value
    const { db, closeDb, schema } = await import('../db/client.server')
    const { scheduleCancellation, completeCancellation } = await import('../app/lib/erasure/cancellation.server')
    const { runRetention, retentionCutoff } = await import('../app/lib/erasure/retention.server')
    const { createUserSession } = await import('../app/lib/platform/auth.server')
    // the cancellation is scheduled before the copy, so both databases hold the same rows
    const scheduled = await scheduleCancellation({ userId: bigUserId, actor: { type: 'customer', id: bigUserId } })
    if (!scheduled.ok) throw new Error('could not schedule the cancellation')
    const [cancellation] = await db.select().from(schema.accountCancellations).where(eq(schema.accountCancellations.userId, bigUserId))

    // the identical copy: a template copy needs the source database idle
    await closeDb()
    await owner.end()
    const admin = postgres(withDatabase(env.databaseUrl, 'template1'), { max: 1, onnotice: () => {} })
    await admin`create database bench_copy template postgres`
    await admin.end()
    const copy = postgres(withDatabase(env.databaseUrl, 'bench_copy'), { max: 1, onnotice: () => {} })

    // 1. erasure of one large account
    const plainErase = await timed(() =>
      copy.begin(async (tx) => {
        await tx`select set_config('app.change_reason', 'retention', true)`
        const a = await tx`delete from vpn_sessions where user_id = ${bigUserId}`
        const b = await tx`delete from forum_posts where user_id = ${bigUserId}`
        return a.count + b.count
      }),
    )
    const ourErase = await timed(async () => {
      const result = await completeCancellation({ cancellationId: cancellation.id, now: new Date(cancellation.effectiveAt.getTime() + 1000) })
      if (!result.completed) throw new Error('the cancellation did not complete')
      return (result.deleted.vpn_sessions ?? 0) + (result.deleted.forum_posts ?? 0)
    })
    if (ourErase.value !== plainErase.value) throw new Error(`erased ${ourErase.value} rows, plain DELETE ${plainErase.value}`)
    line('erasure (100,000 VPN sessions + 10,000 forum posts, one transaction)', { rows: ourErase.value, ms: ourErase.ms }, { rows: plainErase.value, ms: plainErase.ms }, GOALS.erasure)

    // 2. purge of 3 million rows, half expired, while other customers read /my-data from a real portal.
    // Autovacuum is held off the table on both sides while they delete: the batched purge commits as it goes,
    // so the cleaning would otherwise run during its measurement and after the plain DELETE's; each side's
    // VACUUM is timed separately instead.
    const mainOwner = postgres(env.databaseUrl, { max: 1, onnotice: () => {} })
    for (const conn of [mainOwner, copy]) await conn`alter table vpn_sessions set (autovacuum_enabled = false)`
    const now = new Date(Date.now() + 44.5 * DAY)
    const cutoff = await retentionCutoff(db, now, '90 days')
    portal = await startPortal(env.databaseUrl)
    const cookies = await Promise.all(readers.map(async (id) => (await createUserSession(id, 'bench')).split(';')[0]))
    await readMyData(portal.url, cookies, { ms: 5_000 }) // warm-up
    const baseline = await readMyData(portal.url, cookies, { ms: 15_000 })

    const purge = runRetention({ now, runId: `bench-${randomUUID()}`, only: ['vpn-sessions'] })
    const [ourPurge, during] = await Promise.all([timed(() => purge), readMyData(portal.url, cookies, { until: purge })])
    const purged = ourPurge.value.reduce((sum, r) => sum + r.rows, 0)

    // the plain DELETE runs under the same readers, so both rates are measured under the same load
    const plainDelete = timed(() =>
      copy.begin(async (tx) => {
        await tx`select set_config('app.change_reason', 'retention', true)`
        return (await tx`delete from vpn_sessions where started_at <= ${cutoff.toISOString()}::timestamptz`).count
      }),
    )
    const [plainPurge, duringPlain] = await Promise.all([plainDelete, readMyData(portal.url, cookies, { until: plainDelete })])
    if (purged !== plainPurge.value) throw new Error(`purged ${purged} rows, plain DELETE ${plainPurge.value}`)
    const [ourVacuum, plainVacuum] = [await timed(() => mainOwner`vacuum vpn_sessions`), await timed(() => copy`vacuum vpn_sessions`)]
    for (const conn of [mainOwner, copy]) await conn`alter table vpn_sessions reset (autovacuum_enabled)`
    await mainOwner.end()
    line(`purge (${PURGE_ROWS.toLocaleString('en')} session rows, half expired)`, { rows: purged, ms: ourPurge.ms }, { rows: plainPurge.value, ms: plainPurge.ms }, GOALS.purge)
    console.log(`  then VACUUM of the table: ${fmt(ourVacuum.ms / 1000, 2)} s after the purge, ${fmt(plainVacuum.ms / 1000, 2)} s after the plain DELETE`)
    const p99Base = percentile(baseline, 99)
    const p99During = percentile(during, 99)
    console.log(
      `/my-data of ${READERS} other customers: p99 ${fmt(p99Base)} ms before (${baseline.length} reads), ${fmt(p99During)} ms during the purge (${during.length} reads); ratio ${fmt(p99During / p99Base, 2)} (goal <= ${GOALS.p99}) ${p99During / p99Base <= GOALS.p99 ? 'OK' : 'ABOVE GOAL'}; for comparison ${fmt(percentile(duringPlain, 99))} ms during the plain DELETE (${duringPlain.length} reads)`,
    )
    await copy.end()
    await closeDb()
  } finally {
    await portal?.stop()
    await env.stop()
  }
}
