// Delivers outbox_messages by SMTP. Safe to run in several processes: rows are claimed with SKIP LOCKED.
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { createTransport } from 'nodemailer'
import postgres from 'postgres'
import { outboxMessages } from '#db/schema'
import { loadEnv } from './env.server'

const BATCH_SIZE = 10
const MAX_ATTEMPTS = 8
const BACKOFF_BASE_SECONDS = 30
const BACKOFF_CAP_SECONDS = 6 * 60 * 60
// A claimed row is hidden from other workers this long; if this one dies mid-send the row comes back.
// Longer than the SMTP timeouts below, so a slow send is never picked up twice.
const CLAIM_LEASE = '10 minutes'
const SMTP_TIMEOUTS_MS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 }

export interface OutboxWorkerOptions {
  smtpUrl: string
  databaseUrl: string
  pollMs?: number
}

export interface OutboxWorker {
  stop(): Promise<void>
  /** Delivers everything currently due; resolves with the number sent. */
  drain(): Promise<number>
}

type OutboxRow = typeof outboxMessages.$inferSelect

export function startOutboxWorker({ smtpUrl, databaseUrl, pollMs = 5000 }: OutboxWorkerOptions): OutboxWorker {
  const client = postgres(databaseUrl, {
    max: 2,
    onnotice: () => {},
    connection: { application_name: 'dsr-outbox-worker', timezone: 'UTC' },
  })
  const orm = drizzle(client)
  // URL parameters (e.g. ?socketTimeout=) still win over these defaults.
  const transport = createTransport({ ...SMTP_TIMEOUTS_MS, url: smtpUrl })
  const from = loadEnv().MAIL_FROM ?? 'Privacy Portal <privacy@localhost>'

  let stopped = false
  // One delivery pass at a time in this process; other processes are kept apart by the row locks.
  let queue: Promise<unknown> = Promise.resolve()
  let wakeQueued = false

  function exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const run = queue.then(fn)
    queue = run.catch(() => {})
    return run
  }

  function wake() {
    if (stopped || wakeQueued) return
    wakeQueued = true
    exclusive(() => {
      // reset before the pass, so a notification that arrives during it schedules another
      wakeQueued = false
      return deliverDue()
    }).catch((error: unknown) => {
      console.error(`[outbox] delivery pass failed: ${errorCode(error)}`)
    })
  }

  async function deliverDue(): Promise<number> {
    let sent = 0
    let failed = 0
    const ids: number[] = []
    while (!stopped) {
      const batch = await claimBatch()
      if (batch.length === 0) break
      for (const row of batch) {
        ids.push(row.id)
        if (await deliver(row)) sent++
        else failed++
      }
    }
    if (ids.length > 0) console.info(`[outbox] sent ${sent}, failed ${failed} (ids ${ids.join(', ')})`)
    return sent
  }

  // Claims in a short transaction and sends outside it, so no transaction stays open during SMTP.
  function claimBatch(): Promise<OutboxRow[]> {
    return orm.transaction(async (tx) => {
      const due = await tx
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(and(eq(outboxMessages.status, 'pending'), lte(outboxMessages.nextAttemptAt, sql`now()`)))
        .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
        .limit(BATCH_SIZE)
        .for('update', { skipLocked: true })
      if (due.length === 0) return []
      return tx
        .update(outboxMessages)
        .set({ nextAttemptAt: sql`now() + ${CLAIM_LEASE}::interval` })
        .where(
          inArray(
            outboxMessages.id,
            due.map((r) => r.id),
          ),
        )
        .returning()
    })
  }

  async function deliver(row: OutboxRow): Promise<boolean> {
    try {
      await transport.sendMail({
        from,
        to: row.toAddress,
        subject: row.subject,
        html: row.html,
        text: row.text,
        headers: row.headers,
      })
    } catch (error) {
      await recordFailure(row, error)
      return false
    }
    await orm
      .update(outboxMessages)
      .set({ status: 'sent', sentAt: sql`now()`, lastError: null })
      .where(eq(outboxMessages.id, row.id))
    return true
  }

  async function recordFailure(row: OutboxRow, error: unknown) {
    const attempts = row.attempts + 1
    const delaySeconds = Math.min(BACKOFF_BASE_SECONDS * 2 ** row.attempts, BACKOFF_CAP_SECONDS)
    await orm
      .update(outboxMessages)
      .set({
        attempts,
        lastError: describeSmtpError(error, row.toAddress),
        status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
        nextAttemptAt: sql`now() + make_interval(secs => ${delaySeconds})`,
      })
      .where(eq(outboxMessages.id, row.id))
    console.warn(`[outbox] message ${row.id} attempt ${attempts} failed: ${errorCode(error)}`)
  }

  const timer = setInterval(wake, pollMs)
  timer.unref()
  // onlisten runs again after a reconnect, which also catches up on notifications missed meanwhile
  const listening = client.listen('outbox', wake, wake).catch((error: unknown) => {
    console.error(`[outbox] LISTEN failed, relying on polling: ${errorCode(error)}`)
    return undefined
  })

  return {
    drain: () => exclusive(deliverDue),
    async stop() {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      await (await listening)?.unlisten()
      await queue
      transport.close()
      await client.end({ timeout: 5 })
    },
  }
}

// SMTP replies often quote the recipient; keep the reply's wording but not the address.
function describeSmtpError(error: unknown, toAddress: string) {
  const message = error instanceof Error ? error.message : String(error)
  return message
    .split(toAddress)
    .join('<recipient>')
    .replace(/[^\s<>@"']+@[^\s<>@"']+/g, '<address>')
    .slice(0, 1000)
}

function errorCode(error: unknown) {
  if (error && typeof error === 'object') {
    const { code, responseCode } = error as { code?: unknown; responseCode?: unknown }
    if (code || responseCode) return [code, responseCode].filter(Boolean).join(' ')
  }
  return error instanceof Error ? error.name : 'unknown error'
}
