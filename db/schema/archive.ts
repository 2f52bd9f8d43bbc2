// Archive-on-change (seed 004): the original form of a row before an UPDATE or DELETE.
import { bigserial, index, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const actorType = pgEnum('actor_type', ['customer', 'dpo', 'system', 'data_subject'])
export const archiveOperation = pgEnum('archive_operation', ['UPDATE', 'DELETE'])

export const archivedChanges = pgTable(
  'archived_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    // the data subject the row belongs to; no FK so the archive outlives the account (legal hold)
    userId: text('user_id'),
    operation: archiveOperation('operation').notNull(),
    oldRow: jsonb('old_row').notNull(),
    newRow: jsonb('new_row'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: actorType('actor_type').notNull().default('system'),
    actorId: text('actor_id'),
    reason: text('reason'),
  },
  (t) => [index('archived_changes_user_id_changed_at_idx').on(t.userId, t.changedAt.desc()), index('archived_changes_changed_at_idx').on(t.changedAt)],
)
