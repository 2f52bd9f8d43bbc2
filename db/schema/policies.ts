// Versioned documents (privacy notice, terms, cookie notice) and the notices sent about each change.
import { bigint, bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { outboxMessages } from './outbox'

export const policyDocuments = pgTable('policy_documents', {
  id: serial('id').primaryKey(),
  // privacy | terms | cookies
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
})

export const policyVersionStatus = pgEnum('policy_version_status', ['draft', 'published'])

export const policyVersions = pgTable(
  'policy_versions',
  {
    id: serial('id').primaryKey(),
    documentId: integer('document_id')
      .notNull()
      .references(() => policyDocuments.id),
    number: integer('number').notNull(),
    status: policyVersionStatus('status').notNull().default('draft'),
    text: text('text').notNull(),
    // the German text is authoritative (decision 066); both are written by the DPO
    textDe: text('text_de').notNull(),
    changeSummary: text('change_summary').notNull(),
    changeSummaryDe: text('change_summary_de').notNull(),
    significant: boolean('significant').notNull().default(false),
    // the text of each consent purpose in this version, keyed by purpose slug, to know whom to ask again
    purposeTexts: jsonb('purpose_texts').$type<Record<string, string>>(),
    // the same in German; null in versions published before the German text existed
    purposeTextsDe: jsonb('purpose_texts_de').$type<Record<string, string>>(),
    createdById: text('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    effectiveAt: timestamp('effective_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('policy_versions_document_number_idx').on(t.documentId, t.number),
    index('policy_versions_document_effective_idx').on(t.documentId, t.effectiveAt),
    index('policy_versions_created_by_id_idx').on(t.createdById),
  ],
)

export const policyNoticeStatus = pgEnum('policy_notice_status', ['queued', 'sent', 'failed', 'acknowledged'])

// One row per customer per published version: the campaign's ledger.
export const policyNotices = pgTable(
  'policy_notices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    versionId: integer('version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: policyNoticeStatus('status').notNull().default('queued'),
    outboxId: bigint('outbox_id', { mode: 'number' }).references(() => outboxMessages.id, { onDelete: 'set null' }),
    // sha256 of the random token in the email's link; opening the link acknowledges this notice only
    ackTokenHash: text('ack_token_hash'),
    queuedAt: timestamp('queued_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('policy_notices_version_user_idx').on(t.versionId, t.userId),
    index('policy_notices_user_id_idx').on(t.userId),
    index('policy_notices_outbox_id_idx').on(t.outboxId),
    index('policy_notices_version_status_idx').on(t.versionId, t.status),
  ],
)
