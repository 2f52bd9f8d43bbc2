// Background work that runs inside the portal's process, so `npm start` is all there is to remember.
import type { Env } from '~/lib/env.server'
import { startOutboxWorker } from '~/lib/outbox-worker.server'

export async function startBackgroundWorkers(env: Env, databaseUrl: string) {
  const stops: Array<() => Promise<void>> = []
  if (env.SMTP_URL) {
    const outbox = startOutboxWorker({ smtpUrl: env.SMTP_URL, databaseUrl })
    stops.push(() => outbox.stop())
  } else if (!env.isProduction) {
    console.log('SMTP_URL is not set: emails stay in the outbox, readable at /dev/mailbox.')
  } else {
    console.warn('SMTP_URL is not set: emails are queued in the outbox but not delivered.')
  }
  return {
    async stop() {
      await Promise.all(stops.map((stop) => stop()))
    },
  }
}
