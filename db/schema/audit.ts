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

// Where the chain's head stood at a moment, signed with a key kept outside the database (AUDIT_ANCHOR_KEY or
// SESSION_SECRET): written by the daily job and whenever the DPO takes a checkpoint or a report away. The
// portal may add anchors, never change or remove one (db/sql/000_app_role.sql).
export const auditAnchors = pgTable(
  'audit_anchors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    // the last entry of the chain when anchored (audit_log.id) and its hash
    auditLogId: bigint('audit_log_id', { mode: 'number' }).notNull(),
    headHash: text('head_hash').notNull(),
    anchoredAt: timestamp('anchored_at', { withTimezone: true }).notNull(),
    // Ed25519 over the checkpoint, and the public key that checks it (base64url)
    signature: text('signature').notNull(),
    publicKey: text('public_key').notNull(),
    // scheduled, checkpoint (downloaded by the DPO) or report
    source: text('source').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
  },
  (t) => [index('audit_anchors_anchored_at_idx').on(t.anchoredAt.desc(), t.id.desc())],
)
