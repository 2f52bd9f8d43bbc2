// The outbox end to end: sendEmail in a transaction, the worker, and a real SMTP server on a loopback port.
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { expect, test as base } from '@playwright/test'
import { eq, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { SMTPServer } from 'smtp-server'
import { closeDb, db } from '#db/client.server'
import { outboxMessages } from '#db/schema'
import { sendEmail } from '~/lib/platform/email.server'
import { startOutboxWorker, type OutboxWorker } from '~/lib/platform/outbox-worker.server'

interface ReceivedMessage {
  recipients: string[]
  raw: string
}

async function startSmtpReceiver() {
  const received: ReceivedMessage[] = []
  const rejected = new Set<string>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejected.has(address.address)) return callback()
      callback(Object.assign(new Error('Requested action not taken: mailbox unavailable'), { responseCode: 550 }))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({ recipients: session.envelope.rcptTo.map((a) => a.address), raw: Buffer.concat(chunks).toString('utf8') })
        callback()
      })
    },
  })
  server.listen(0, '127.0.0.1')
  await once(server.server, 'listening')
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    // other tests may queue emails at the same time, and this worker delivers those too
    receivedFor: (address: string) => received.filter((m) => m.recipients.includes(address)),
    reject: (address: string) => rejected.add(address),
    accept: (address: string) => rejected.delete(address),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>

// An outbox worker delivers every due message, whoever queued it, so tests that run one take turns
// across Playwright's worker processes; ending the session releases the lock.
async function takeOutboxTurn() {
  const session = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
  await session`select pg_advisory_lock(hashtext('tests/integration/outbox-smtp'))`
  return () => session.end()
}

const test = base.extend<{ smtp: SmtpReceiver; startWorker: () => OutboxWorker }>({
  smtp: async ({}, use) => {
    const endTurn = await takeOutboxTurn()
    const smtp = await startSmtpReceiver()
    await use(smtp)
    await smtp.close()
    await endTurn()
  },
  // started by the test itself, after it has queued its email
  startWorker: async ({ smtp }, use) => {
    const workers: OutboxWorker[] = []
    await use(() => {
      // a long poll, so only drain() and notifications deliver during the test
      const worker = startOutboxWorker({ smtpUrl: smtp.url, databaseUrl: process.env.DATABASE_URL!, pollMs: 60_000 })
      workers.push(worker)
      return worker
    })
    await Promise.all(workers.map((w) => w.stop()))
  },
})

test.afterAll(() => closeDb())

const uniqueAddress = () => `outbox-${randomUUID()}@example.test`

const verifyEmailProps = (code: string) => ({
  username: 'outbox-test',
  code,
  expiresInMinutes: 15,
  verifyUrl: 'http://localhost:3000/verify-email',
})

async function outboxRow(id: number) {
  const [row] = await db
    .select({
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      sentAt: outboxMessages.sentAt,
      dueLater: sql<boolean>`${outboxMessages.nextAttemptAt} > now()`,
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.id, id))
  return row
}

test('an email queued in a committed transaction is delivered once by SMTP, with a text and an HTML part', async ({ smtp, startWorker }) => {
  const to = uniqueAddress()
  const id = await db.transaction((tx) => sendEmail(tx, { to, language: 'en', template: 'verify-email', props: verifyEmailProps('418263') }))

  await startWorker().drain()

  const messages = smtp.receivedFor(to)
  expect(messages).toHaveLength(1)
  const { raw } = messages[0]
  expect(raw).toContain('Subject: Your confirmation code')
  expect(raw).toContain('418263')
  expect(raw).toMatch(/Content-Type: text\/plain/i)
  expect(raw).toMatch(/Content-Type: text\/html/i)
  const row = await outboxRow(id)
  expect(row.status).toBe('sent')
  expect(row.sentAt).not.toBeNull()
})

test('an email queued in a transaction that rolls back never reaches the outbox', async ({ smtp, startWorker }) => {
  const to = uniqueAddress()
  let queuedId: number | undefined
  await expect(
    db.transaction(async (tx) => {
      queuedId = await sendEmail(tx, { to, language: 'en', template: 'verify-email', props: verifyEmailProps('907154') })
      tx.rollback()
    }),
  ).rejects.toThrow(/rollback/i)

  expect(queuedId).toBeGreaterThan(0)
  expect(await outboxRow(queuedId!)).toBeUndefined()
  await startWorker().drain()
  expect(smtp.receivedFor(to)).toHaveLength(0)
})

test('a rejected delivery is retried later and then sent', async ({ smtp, startWorker }) => {
  const to = uniqueAddress()
  smtp.reject(to)
  const id = await sendEmail(db, { to, language: 'en', template: 'verify-email', props: verifyEmailProps('265031') })
  const worker = startWorker()

  await worker.drain()
  const failed = await outboxRow(id)
  expect(failed.status).toBe('pending')
  expect(failed.attempts).toBe(1)
  expect(failed.dueLater).toBe(true)
  expect(failed.lastError).toContain('550')
  expect(failed.lastError).not.toContain(to)
  expect(smtp.receivedFor(to)).toHaveLength(0)

  smtp.accept(to)
  await db.update(outboxMessages).set({ nextAttemptAt: sql`now()` }).where(eq(outboxMessages.id, id))
  await worker.drain()
  const sent = await outboxRow(id)
  expect(sent.status).toBe('sent')
  expect(sent.attempts).toBe(1)
  expect(smtp.receivedFor(to)).toHaveLength(1)
})

test('two workers draining at once send each message only once', async ({ smtp, startWorker }) => {
  const recipients = Array.from({ length: 25 }, uniqueAddress)
  await db.transaction(async (tx) => {
    for (const to of recipients) await sendEmail(tx, { to, language: 'en', template: 'verify-email', props: verifyEmailProps('530118') })
  })

  await Promise.all([startWorker().drain(), startWorker().drain()])

  for (const to of recipients) expect(smtp.receivedFor(to)).toHaveLength(1)
})
