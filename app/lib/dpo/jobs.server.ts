// Scheduled jobs on pg-boss: PostgreSQL is the queue, so schedules survive restarts, a job runs once even
// with several portal processes, and nothing else needs to be installed (decision 051). Jobs are plain
// functions of `now`; this module only decides when they run.
import PgBoss from 'pg-boss'
import { completeDueCancellations } from '../erasure/cancellation.server'
import { DSR_SCHEDULES } from '../requests/dsr-jobs.server'
import { DISPLAY_TIME_ZONE } from '../domain/format'
import { resumePolicyCampaigns } from '../policy/policy.server'
import { runRetention } from '../erasure/retention.server'
import { runScheduledAnchor } from '../requests/audit-anchor.server'

export interface ScheduledJob {
  /** the pg-boss queue name */
  name: string
  /** cron expression, read in the controller's time zone */
  cron: string
  /**
   * How long one run may take. A run still 'active' after this is taken as dead (its process was killed)
   * and the queue moves on; until then nothing else of this queue runs. Default: DEFAULT_EXPIRE_IN_SECONDS.
   */
  expireInSeconds?: number
  /** what one run does; its result (counts, never personal data) is kept with the job */
  run(input: { now: Date; runId: string }): Promise<unknown>
}

export const SCHEDULE_TIME_ZONE = DISPLAY_TIME_ZONE

// A killed process leaves its run 'active'; pg-boss declares it dead once it is older than the queue's expiry,
// checking every MAINTENANCE_INTERVAL_SECONDS (and once when a runner starts). So after a crash a queue runs
// again within its expiry plus a minute; pg-boss's own defaults (15 minutes, then 1 hour here) were far longer.
export const DEFAULT_EXPIRE_IN_SECONDS = 10 * 60
export const MAINTENANCE_INTERVAL_SECONDS = 60

export const RETENTION_JOB: ScheduledJob = {
  name: 'retention',
  // hourly: a 90-day period ends at most an hour late, a month's traffic is gone in the first hour of the next
  cron: '15 * * * *',
  // the largest task, the VPN purge, measured 20 s for 1.5 million rows (decision 051)
  expireInSeconds: 15 * 60,
  run: ({ now, runId }) => runRetention({ now, runId: `retention:${runId}` }),
}

export const CANCELLATION_JOB: ScheduledJob = {
  name: 'account-cancellations',
  cron: '*/5 * * * *',
  // one erasure takes seconds (1.3 s for 110,000 rows); a crashed run must not hold the next ones for long
  expireInSeconds: 5 * 60,
  run: ({ now }) => completeDueCancellations({ now }),
}

// publishing starts a campaign at once; this finishes any that a restart interrupted (decision 080)
export const POLICY_CAMPAIGN_JOB: ScheduledJob = {
  name: 'policy-campaigns',
  cron: '*/10 * * * *',
  // 100,000 notices took 140 s on the benchmark machine (README)
  expireInSeconds: 15 * 60,
  run: async ({ now }) => ({ queued: await resumePolicyCampaigns({ now }) }),
}

// the audit chain's head, signed and kept, once a day (decision 033)
export const AUDIT_ANCHOR_JOB: ScheduledJob = {
  name: 'audit-anchor',
  cron: '5 0 * * *',
  run: ({ now }) => runScheduledAnchor({ now }),
}

// every schedule the portal runs; a capability adds its jobs here
export const PORTAL_SCHEDULES: readonly ScheduledJob[] = [RETENTION_JOB, CANCELLATION_JOB, POLICY_CAMPAIGN_JOB, AUDIT_ANCHOR_JOB, ...DSR_SCHEDULES]

export interface JobRunner {
  stop(): Promise<void>
}

function describe(error: unknown) {
  // messages of database errors may quote values; the name and code are enough to find the cause
  const name = error instanceof Error ? error.name : 'unknown error'
  const code = error && typeof error === 'object' && 'code' in error ? ` ${String((error as { code: unknown }).code)}` : ''
  return `${name}${code}`
}

function summarise(result: unknown) {
  if (Array.isArray(result)) return `${result.reduce((sum, r) => sum + (Number((r as { rows?: number }).rows) || 0), 0)} rows`
  return JSON.stringify(result)
}

/**
 * Starts pg-boss with the owner's connection, (re)creates the schedules and works their queues.
 * `schedule: false` works the queues without the clock (runs only when sent, e.g. by sendJobNow).
 */
export async function startJobRunner({
  databaseUrl,
  jobs,
  schedule = true,
}: {
  databaseUrl: string
  jobs: readonly ScheduledJob[]
  schedule?: boolean
}): Promise<JobRunner> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    application_name: 'dsr-jobs',
    max: 3,
    maintenanceIntervalSeconds: MAINTENANCE_INTERVAL_SECONDS,
  })
  boss.on('error', (error) => console.error(`[jobs] ${describe(error)}`))
  await boss.start()
  // a run left 'active' by a process killed long enough ago is declared dead now, not a maintenance interval later
  await boss.maintain().catch((error) => console.error(`[jobs] maintenance at start failed: ${describe(error)}`))
  const names = new Set(schedule ? jobs.map((j) => j.name) : [])
  // a job removed from the list must not keep firing into a queue nobody works
  for (const existing of await boss.getSchedules()) {
    if (!names.has(existing.name)) await boss.unschedule(existing.name)
  }
  for (const job of jobs) {
    // stately: at most one run waiting and one running, so a slow run never piles up behind itself
    const queue: PgBoss.Queue = {
      name: job.name,
      policy: 'stately',
      retryLimit: 3,
      retryDelay: 300,
      expireInSeconds: job.expireInSeconds ?? DEFAULT_EXPIRE_IN_SECONDS,
    }
    await boss.createQueue(job.name, queue)
    // createQueue leaves an existing queue as it was: a database from before keeps the old expiry otherwise
    await boss.updateQueue(job.name, queue)
    if (schedule) await boss.schedule(job.name, job.cron, {}, { tz: SCHEDULE_TIME_ZONE })
    await boss.work(job.name, { pollingIntervalSeconds: 2 }, async (batch) => {
      for (const item of batch) {
        const started = Date.now()
        try {
          const result = await job.run({ now: new Date(), runId: item.id })
          console.info(`[jobs] ${job.name} ${item.id}: ${summarise(result)} in ${Date.now() - started} ms`)
          return result
        } catch (error) {
          console.error(`[jobs] ${job.name} ${item.id} failed: ${describe(error)}`)
          throw error
        }
      }
    })
  }
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    },
  }
}

/** Queues one run of a scheduled job now (tests, and an operator who does not want to wait for the hour). */
export async function sendJobNow({ databaseUrl, name }: { databaseUrl: string; name: string }) {
  const boss = new PgBoss({ connectionString: databaseUrl, application_name: 'dsr-jobs-send', max: 1, supervise: false, schedule: false, migrate: false })
  boss.on('error', (error) => console.error(`[jobs] ${describe(error)}`))
  await boss.start()
  try {
    return await boss.send(name, {})
  } finally {
    await boss.stop({ graceful: false, wait: true, timeout: 5_000 })
  }
}
