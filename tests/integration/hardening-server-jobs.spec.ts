// A process killed mid-run (kill -9) leaves its pg-boss job 'active'; until pg-boss declares it dead, nothing
// else of that queue runs: a due erasure waits. These tests move the clock by rewriting the job's start time.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { sql } from 'drizzle-orm'
import PgBoss from 'pg-boss'
import { projectRoot } from '#db/runtime'
import { CANCELLATION_JOB, PORTAL_SCHEDULES, sendJobNow, startJobRunner } from '~/lib/dpo/jobs.server'
import { adminDb } from '../support/admin-db'

const databaseUrl = () => process.env.DATABASE_URL!

async function jobState(id: string) {
  const [row] = await adminDb.execute<{ state: string }>(sql`select state from pgboss.job where id = ${id}`)
  return row?.state
}

test('every queue the portal works gives up on a crashed run within 15 minutes, cancellations within 5', async () => {
  const names = PORTAL_SCHEDULES.map((j) => j.name)
  // the queues as the portal under test created them at its start
  const queues = await adminDb.execute<{ name: string; expire_seconds: number }>(
    sql`select name, expire_seconds from pgboss.queue where name in ${sql.raw(`(${names.map((n) => `'${n}'`).join(', ')})`)}`,
  )
  expect(queues.map((q) => q.name).sort()).toEqual([...names].sort())
  for (const q of queues) expect(q.expire_seconds, q.name).toBeLessThanOrEqual(15 * 60)
  expect(queues.find((q) => q.name === CANCELLATION_JOB.name)!.expire_seconds).toBeLessThanOrEqual(5 * 60)
})

test('a queue whose worker was killed mid-run runs again when the portal restarts 10 minutes later', async () => {
  const name = `test-crash-${randomUUID().slice(0, 8)}`
  // a worker with the cancellation queue's settings starts a run and is killed in the middle of it
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hanging-job-runner.ts', name], {
    cwd: projectRoot,
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const exited = new Promise<string | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)))
  let output = ''
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (output.includes(word) ? resolve() : child.exitCode !== null ? reject(new Error(output)) : setTimeout(check, 50))
      check()
    })
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  await said('ready')
  const crashed = (await sendJobNow({ databaseUrl: databaseUrl(), name }))!
  await said('running')
  child.kill('SIGKILL')
  expect(await exited).toBe('SIGKILL')
  expect(await jobState(crashed)).toBe('active')

  // 10 minutes pass: the crashed run is still 'active', and the schedule's next run waits behind it
  await adminDb.execute(sql`update pgboss.job set started_on = started_on - interval '10 minutes' where id = ${crashed}`)
  const next = (await sendJobNow({ databaseUrl: databaseUrl(), name }))!

  let ran!: (runId: string) => void
  const run = new Promise<string>((resolve) => (ran = resolve))
  const restarted = await startJobRunner({
    databaseUrl: databaseUrl(),
    schedule: false,
    jobs: [{ ...CANCELLATION_JOB, name, run: async ({ runId }) => (ran(runId), { due: 0, completed: 0 }) }],
  })
  try {
    // the restarted portal declares the crashed run dead (to be retried) and works the queue again
    expect(await jobState(crashed)).toBe('retry')
    expect(await run).toBe(next)
  } finally {
    await restarted.stop()
  }
})

test('a queue made before with the old one-hour expiry gets the shorter one when the portal starts', async () => {
  const name = `test-old-queue-${randomUUID().slice(0, 8)}`
  const boss = new PgBoss({ connectionString: databaseUrl(), max: 1, supervise: false, schedule: false })
  await boss.start()
  await boss.createQueue(name, { name, policy: 'stately', retryLimit: 3, retryDelay: 300, expireInSeconds: 3600 })
  await boss.stop({ graceful: false, wait: true })
  const runner = await startJobRunner({ databaseUrl: databaseUrl(), schedule: false, jobs: [{ ...CANCELLATION_JOB, name, run: async () => ({}) }] })
  try {
    const [queue] = await adminDb.execute<{ expire_seconds: number }>(sql`select expire_seconds from pgboss.queue where name = ${name}`)
    expect(queue.expire_seconds).toBeLessThanOrEqual(5 * 60)
  } finally {
    await runner.stop()
  }
})
