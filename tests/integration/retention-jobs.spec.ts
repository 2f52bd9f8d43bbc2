import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { sql } from 'drizzle-orm'
import { PORTAL_SCHEDULES, sendJobNow, startJobRunner } from '~/lib/dpo/jobs.server'
import { adminDb } from '../support/admin-db'

test('the portal schedules retention and cancellations', () => {
  expect(PORTAL_SCHEDULES.map((j) => j.name)).toEqual(expect.arrayContaining(['retention', 'account-cancellations']))
})

test('the job runner keeps its schedules in PostgreSQL (Europe/Berlin) and runs a job when one is sent', async () => {
  const name = `test-job-${randomUUID().slice(0, 8)}`
  let ran!: (input: { now: Date; runId: string }) => void
  const run = new Promise<{ now: Date; runId: string }>((resolve) => (ran = resolve))
  // once a year, so it never fires by itself while the suite runs
  const runner = await startJobRunner({
    databaseUrl: process.env.DATABASE_URL!,
    jobs: [{ name, cron: '0 3 1 1 *', run: async (input) => (ran(input), { rows: 0 }) }],
  })
  try {
    const [schedule] = await adminDb.execute<{ cron: string; timezone: string }>(sql`select cron, timezone from pgboss.schedule where name = ${name}`)
    expect(schedule).toEqual({ cron: '0 3 1 1 *', timezone: 'Europe/Berlin' })
    expect(await sendJobNow({ databaseUrl: process.env.DATABASE_URL!, name })).toBeTruthy()
    const input = await run
    expect(input.now).toBeInstanceOf(Date)
    expect(input.runId).toMatch(/^[0-9a-f-]{36}$/)
  } finally {
    await runner.stop()
    await adminDb.execute(sql`delete from pgboss.schedule where name = ${name}`)
  }
})
