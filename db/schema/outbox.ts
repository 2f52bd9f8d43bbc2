// Transactional outbox: an email is written in the same transaction as the change that caused it,
// and delivered afterwards by the outbox worker (SMTP) or read at /dev/mailbox without SMTP.
import { sql } from 'drizzle-orm'
import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './accounts'

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed'])

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    template: text('template').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    html: text('html').notNull(),
    text: text('text').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('outbox_messages_user_id_idx').on(t.userId),
    index('outbox_messages_pending_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('outbox_messages_to_address_idx').on(t.toAddress, t.id.desc()),
  ],
)
