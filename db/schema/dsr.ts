// Data subject requests (GDPR Art. 12-22) and the event trail of each.
import { sql } from 'drizzle-orm'
import { bigserial, bigint, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { actorType } from './archive'
import { languageCheck, languageColumn } from './language'

export const dsrType = pgEnum('dsr_type', ['access', 'portability', 'rectification', 'erasure', 'restriction', 'objection', 'consent_withdrawal', 'other'])
export const dsrStatus = pgEnum('dsr_status', [
  'identity_unverified',
  'received',
  'in_progress',
  'awaiting_clarification',
  'completed',
  'denied',
  'withdrawn',
])

export const dataSubjectRequests = pgTable(
  'data_subject_requests',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // the number people quote: DSR-2026-000042
    number: text('number').notNull().unique(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email'),
    type: dsrType('type').notNull(),
    status: dsrStatus('status').notNull(),
    subject: text('subject'),
    details: text('details'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    // one calendar month after received_at (Art. 12(3)); moved by an extension
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    extensionReason: text('extension_reason'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    deniedAt: timestamp('denied_at', { withTimezone: true }),
    denialReason: text('denial_reason'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    reviewerId: text('reviewer_id').references(() => users.id, { onDelete: 'set null' }),
    // the data concerned: a data category slug, or null for all of it
    categorySlug: text('category_slug'),
    // people without an account: when they proved control of the email, and the hash of their status link token
    identityVerifiedAt: timestamp('identity_verified_at', { withTimezone: true }),
    accessTokenHash: text('access_token_hash'),
    // the language of the page the request was filed on: its emails go out in it when there is no account (decision 015)
    language: languageColumn(),
    clarificationRequestedAt: timestamp('clarification_requested_at', { withTimezone: true }),
    clarificationQuestion: text('clarification_question'),
    clarificationTokenHash: text('clarification_token_hash'),
    clarificationAnsweredAt: timestamp('clarification_answered_at', { withTimezone: true }),
    // Art. 12(5): only with a recorded justification
    manifestlyUnfoundedAt: timestamp('manifestly_unfounded_at', { withTimezone: true }),
    unfoundedJustification: text('unfounded_justification'),
    dueSoonReminderSentAt: timestamp('due_soon_reminder_sent_at', { withTimezone: true }),
    overdueReminderSentAt: timestamp('overdue_reminder_sent_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dsr_user_id_received_at_idx').on(t.userId, t.receivedAt.desc(), t.id.desc()),
    index('dsr_reviewer_id_idx').on(t.reviewerId),
    index('dsr_status_due_at_idx').on(t.status, t.dueAt, t.id),
    index('dsr_email_lower_idx').on(sql`lower(${t.email})`),
    // the DPO queue's keyset order (most urgent first), over everything and over the open requests alone
    index('dsr_due_at_id_idx').on(t.dueAt, t.id),
    index('dsr_open_due_at_id_idx')
      .on(t.dueAt, t.id)
      .where(sql`${t.status} in ('received', 'in_progress', 'awaiting_clarification')`),
    // status and clarification links are looked up by the hash of their token
    uniqueIndex('dsr_access_token_hash_idx').on(t.accessTokenHash).where(sql`${t.accessTokenHash} is not null`),
    uniqueIndex('dsr_clarification_token_hash_idx').on(t.clarificationTokenHash).where(sql`${t.clarificationTokenHash} is not null`),
    languageCheck('data_subject_requests', t.language),
  ],
)

export const dsrEvents = pgTable(
  'dsr_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: bigint('request_id', { mode: 'number' })
      .notNull()
      .references(() => dataSubjectRequests.id, { onDelete: 'cascade' }),
    // e.g. received, status_changed, package_downloaded, note_added, email_sent
    kind: text('kind').notNull(),
    fromStatus: dsrStatus('from_status'),
    toStatus: dsrStatus('to_status'),
    actorType: actorType('actor_type').notNull(),
    actorId: text('actor_id'),
    note: text('note'),
    data: jsonb('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dsr_events_request_id_idx').on(t.requestId, t.createdAt)],
)
