// Account cancellation with a cooling-off period, and receipts of what retention deleted.
import { bigint, bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { dataSubjectRequests } from './dsr'
import { retentionRules } from './registry'

export const accountCancellations = pgTable(
  'account_cancellations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    requestId: bigint('request_id', { mode: 'number' }).references(() => dataSubjectRequests.id, { onDelete: 'set null' }),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    effectiveAt: timestamp('effective_at', { withTimezone: true }).notNull(),
    // hash of the single-use undo token mailed to the customer
    undoTokenHash: text('undo_token_hash').notNull(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [
    index('account_cancellations_user_id_idx').on(t.userId),
    index('account_cancellations_request_id_idx').on(t.requestId),
    index('account_cancellations_effective_at_idx').on(t.effectiveAt),
  ],
)

// What a deletion removed, under which rule, how many rows: never the deleted data itself.
export const deletionReceipts = pgTable(
  'deletion_receipts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // the job run or request that deleted
    runId: text('run_id').notNull(),
    ruleSlug: text('rule_slug').notNull(),
    retentionRuleId: integer('retention_rule_id').references(() => retentionRules.id),
    tableName: text('table_name').notNull(),
    // whose data it was, when it belonged to one person (kept so they can see the receipt)
    userId: text('user_id'),
    requestId: bigint('request_id', { mode: 'number' }).references(() => dataSubjectRequests.id, { onDelete: 'set null' }),
    rowCount: integer('row_count').notNull(),
    details: jsonb('details'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deletion_receipts_user_id_idx').on(t.userId, t.createdAt),
    index('deletion_receipts_request_id_idx').on(t.requestId),
    index('deletion_receipts_retention_rule_id_idx').on(t.retentionRuleId),
    index('deletion_receipts_created_at_idx').on(t.createdAt),
  ],
)
