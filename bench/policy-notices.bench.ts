// Issue 8: publishing a change to 100,000 customers. How fast do the notices reach the outbox, against
// a plain INSERT … SELECT of the same rows (the physical limit of writing them), and do pages stay
// responsive meanwhile?
import { sql } from 'drizzle-orm'
import { fmt, percentile, sampleLatency, startBenchEnvironment, timed } from './support/harness'

const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 100_000)

export async function run() {
  const env = await startBenchEnvironment({ portal: true })
  try {
    // app modules read DATABASE_URL on first use, which the harness has just set
    const { db } = await import('#db/client.server')
    const policy = await import('~/lib/policy/policy.server')
    const { renderEmail } = await import('~/lib/platform/email.server')
    const { adminDb } = await import('../tests/support/admin-db')

    await adminDb.execute(sql`
      insert into users (id, username, email, password_hash, role, status, email_verified_at, age_confirmed_at)
      select 'bench-' || g, 'customer' || g, 'customer' || g || '@example.test', 'x', 'customer', 'active', now(), now()
      from generate_series(1, ${CUSTOMERS}) g`)
    await adminDb.execute(sql`analyze`)
    console.log(`${CUSTOMERS} active customers`)

    // the limit: one INSERT … SELECT of the same number of rendered messages, rolled back afterwards
    const sample = await renderEmail(db, 'policy-change', {
      username: 'x', document: 'privacy', documentName: 'privacy notice', versionNumber: 3, changeSummary: 'Bench change.', effectiveAt: new Date('2030-01-01T09:00:00Z'),
      significant: true, diffUrl: 'http://localhost/privacy/history/3', cancelUrl: 'http://localhost/account/cancel', hasPrevious: true,
    }, 'en')
    const plain = await timed(() =>
      adminDb.transaction(async (tx) => {
        await tx.execute(sql`
          insert into outbox_messages (user_id, template, to_address, subject, html, text)
          select id, 'policy-change', email, ${sample.subject}, ${sample.html}, ${sample.text} from users where role = 'customer'`)
        tx.rollback()
      }).catch((e: unknown) => { if (!(e instanceof Error && e.message.includes('Rollback'))) throw e }),
    )

    const baseline = await sampleLatency(`${env.portal!.url}/privacy`, { ms: 3000 })

    const dpoId = 'bench-dpo'
    await adminDb.execute(sql`insert into users (id, username, email, password_hash, role, email_verified_at, age_confirmed_at) values (${dpoId}, 'benchdpo', 'dpo@bench.test', 'x', 'dpo', now(), now())`)
    const draft = await policy.createDraft({ document: 'privacy', text: 'Benchmark version.', textDe: 'Fassung für den Benchmark.', changeSummary: 'Bench change.', changeSummaryDe: 'Änderung für den Benchmark.', significant: true, actorId: dpoId })
    const effectiveAt = await policy.earliestEffectiveAt({ significant: true })
    const campaign = (async () => {
      const published = await timed(() => policy.publishVersion({ versionId: draft.id, effectiveAt }))
      const drained = await timed(() => policy.drainPolicyCampaign({ versionId: draft.id }))
      return { published, drained }
    })()
    const during = await sampleLatency(`${env.portal!.url}/privacy`, { until: campaign })
    const { published, drained } = await campaign

    const ours = published.ms + drained.ms
    const rate = (ms: number) => CUSTOMERS / (ms / 1000)
    console.log(`plain INSERT … SELECT of ${CUSTOMERS} messages: ${fmt(plain.ms, 0)} ms (${fmt(rate(plain.ms), 0)} rows/s)`)
    console.log(`publish (ledger rows): ${fmt(published.ms, 0)} ms; notices into the outbox: ${fmt(drained.ms, 0)} ms (${drained.value} messages)`)
    console.log(`notices reach the outbox at ${fmt(rate(ours), 0)} rows/s: ratio ${fmt(plain.ms / ours, 2)} of the plain INSERT … SELECT`)
    console.log(
      `GET /privacy while idle: p50 ${fmt(percentile(baseline, 50))} ms, p99 ${fmt(percentile(baseline, 99))} ms (${baseline.length} requests); ` +
        `during the campaign: p50 ${fmt(percentile(during, 50))} ms, p99 ${fmt(percentile(during, 99))} ms (${during.length} requests)`,
    )
  } finally {
    await env.stop()
  }
}
