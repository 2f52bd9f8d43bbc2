// Tamper-evident audit trail: a hash chain over request events and DPO actions. The chained fields
// hold no personal data (ids, kinds, times, hashes), so erasing a person never breaks the chain.
import { bigint, bigserial, index, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // no foreign keys: the chain must outlive the rows it speaks of
    requestId: bigint('request_id', { mode: 'number' }),
    eventId: bigint('event_id', { mode: 'number' }),
    kind: text('kind').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    // hash of the event's details (which may hold personal data and may be erased)
    payloadHash: text('payload_hash').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_request_id_idx').on(t.requestId)],
)
