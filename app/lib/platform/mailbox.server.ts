// The development mailbox: reads the outbox so emails can be followed without an SMTP server.
import { desc, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { outboxMessages } from '#db/schema'
import { loadEnv } from './env.server'

const LIST_LIMIT = 200
const EMAILISH = /^[^\s@]+@[^\s@]+$/

// The language an email is written in, as its own HTML declares it (<html lang="de">): the mailbox marks the
// email's subject and text with it, so a page in another language says which words are the email's.
const EMAIL_LANGUAGE = sql<string | null>`substring(${outboxMessages.html} from '<html[^>]*[[:space:]]lang="([A-Za-z-]+)"')`

// An email's delivery status in words (common.json); the page's class keeps the code.
export const OUTBOX_STATUS_KEYS = { pending: 'common:mailbox.state.pending', sent: 'common:mailbox.state.sent', failed: 'common:mailbox.state.failed' } as const

// Outbox rows hold every email in full, codes and links included: only an explicit development run shows
// them (`npm run dev` or DEV_MAILBOX=true), never production and never a portal that really sends mail.
// loadEnv reads the environment at run time: the Remix build replaces a literal process.env.NODE_ENV with "production".

export function requireDevMailbox() {
  if (!loadEnv().devMailbox) notFound()
}

function notFound(): never {
  throw new Response('Not found', { status: 404 })
}

function badRequest(message: string): never {
  throw new Response(message, { status: 400 })
}

export function parseRecipientFilter(searchParams: URLSearchParams): string | undefined {
  const to = searchParams.get('to')?.trim()
  if (!to) return undefined
  if (to.length > 254 || !EMAILISH.test(to)) badRequest('The "to" filter must be an email address.')
  return to
}

function parseMessageId(raw: string | undefined): number {
  const id = Number(raw)
  if (!raw || !/^[1-9]\d*$/.test(raw) || !Number.isSafeInteger(id)) badRequest('The message id must be a positive integer.')
  return id
}

export function listOutboxMessages({ to }: { to?: string }) {
  return db
    .select({
      id: outboxMessages.id,
      toAddress: outboxMessages.toAddress,
      subject: outboxMessages.subject,
      language: EMAIL_LANGUAGE,
      template: outboxMessages.template,
      status: outboxMessages.status,
      createdAt: outboxMessages.createdAt,
    })
    .from(outboxMessages)
    .where(to ? eq(outboxMessages.toAddress, to) : undefined)
    .orderBy(desc(outboxMessages.id))
    .limit(LIST_LIMIT)
}

// Both take the raw :id route param: 400 unless a positive integer, 404 if there is no such message.
export async function requireOutboxMessage(rawId: string | undefined) {
  const id = parseMessageId(rawId)
  const [row] = await db
    .select({
      id: outboxMessages.id,
      toAddress: outboxMessages.toAddress,
      subject: outboxMessages.subject,
      language: EMAIL_LANGUAGE,
      template: outboxMessages.template,
      status: outboxMessages.status,
      attempts: outboxMessages.attempts,
      lastError: outboxMessages.lastError,
      headers: outboxMessages.headers,
      text: outboxMessages.text,
      createdAt: outboxMessages.createdAt,
      sentAt: outboxMessages.sentAt,
    })
    .from(outboxMessages)
    .where(eq(outboxMessages.id, id))
  if (!row) notFound()
  return row
}

export async function requireOutboxMessageHtml(rawId: string | undefined) {
  const id = parseMessageId(rawId)
  const [row] = await db.select({ html: outboxMessages.html }).from(outboxMessages).where(eq(outboxMessages.id, id))
  if (!row) notFound()
  return row.html
}
