// Background work that runs inside the portal's process, so `npm start` is all there is to remember:
// the outbox worker (email delivery) and the scheduled jobs (retention, cancellations) on pg-boss.
import { PORTAL_SCHEDULES, startJobRunner } from '~/lib/dpo/jobs.server'
import type { Env } from '~/lib/platform/env.server'
import { startOutboxWorker } from '~/lib/platform/outbox-worker.server'

// databaseUrl is the owner's: pg-boss keeps its own schema; the jobs themselves use the portal's role.
export async function startBackgroundWorkers(env: Env, databaseUrl: string) {
  const stops: Array<() => Promise<void>> = []
  if (env.SMTP_URL) {
    const outbox = startOutboxWorker({ smtpUrl: env.SMTP_URL, databaseUrl })
    stops.push(() => outbox.stop())
  } else if (env.devMailbox) {
    console.log('SMTP_URL is not set: emails stay in the outbox, readable at /dev/mailbox.')
  } else {
    console.warn('SMTP_URL is not set: emails are queued in the outbox but not delivered (DEV_MAILBOX=true shows them at /dev/mailbox).')
  }
  // under test the clock is the tests' to move: an hourly purge firing mid-suite would delete other tests' rows
  const jobs = await startJobRunner({ databaseUrl, jobs: PORTAL_SCHEDULES, schedule: env.NODE_ENV !== 'test' })
  stops.push(() => jobs.stop())
  return {
    async stop() {
      await Promise.all(stops.map((stop) => stop()))
    },
  }
}
