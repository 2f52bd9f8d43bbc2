// The tamper-evident audit trail. PostgreSQL chains every request event at commit (db/sql/400_audit_chain.sql);
// this module appends DPO actions that are not request events and verifies the chain row by row.
import { createHash } from 'node:crypto'
import { desc, ne, sql } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import { auditLog } from '#db/schema'
import type { Actor } from './dsr.server'

export const GENESIS_HASH = '0'.repeat(64)
const VERIFY_BATCH = 5000
const MAX_REPORTED_BREAKS = 100

// Key order must not change the hash of the same payload.
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null)
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}

export function payloadHash(payload: unknown) {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex')
}

/**
 * Appends a DPO action that is not a request event (e.g. a registry change) to the chain, in the caller's
 * transaction: the row is provisional until the transaction commits, and sealed then. Only a hash of the
 * payload is kept in the chain.
 */
export async function appendAudit(
  executor: Executor,
  { kind, actor, requestId = null, payload }: { kind: string; actor: Actor; requestId?: number | null; payload: unknown },
) {
  await executor.insert(auditLog).values({
    requestId,
    kind,
    actorType: actor.type,
    actorId: actor.id,
    payloadHash: payloadHash(payload),
    prevHash: '',
    hash: '',
  })
}

export type AuditBreakReason = 'prev_hash' | 'hash'

export interface AuditBreak {
  id: number
  requestId: number | null
  kind: string
  createdAt: Date
  reasons: AuditBreakReason[]
}

/** A head of the chain written down elsewhere: this entry had this hash (see audit-anchor.server.ts). */
export interface ChainCheckpoint {
  entry: number
  hash: string
}

// holds: the entry is there with that hash and the chain verifies up to it; missing: the entry is gone (the
// end of the chain cut off, or the entry removed); rewritten: it is there with another hash (the chain was
// recomputed); broken_before: its hash matches but the chain breaks at or before it
export type CheckpointState = 'holds' | 'missing' | 'rewritten' | 'broken_before'

export interface CheckpointResult extends ChainCheckpoint {
  state: CheckpointState
  // the first break at or before the entry, if any
  firstBreakId: number | null
}

export interface AuditVerification {
  rows: number
  headHash: string | null
  firstId: number | null
  lastId: number | null
  // in chain order; capped at MAX_REPORTED_BREAKS
  breaks: AuditBreak[]
  breakCount: number
  // request events whose details no longer match the hash sealed in the chain (altered after the fact)
  changedEvents: number[]
  // events deleted since (request records past their retention): the chain still proves they existed
  erasedEvents: number
  // the checkpoints asked about, in the order given
  checkpoints: CheckpointResult[]
}

interface ChainRow extends Record<string, unknown> {
  id: number
  request_id: number | null
  kind: string
  prev_hash: string
  hash: string
  recomputed: string
  created_at: Date
  payload_state: 'match' | 'changed' | 'erased' | null
  event_id: number | null
}

/**
 * Walks the whole chain in id order: each row must name the stored hash of the row before it, and its own
 * hash must equal the hash recomputed from its fields. A row altered in any chained field fails at that row.
 * Checkpoints kept outside the database catch what the walk alone cannot: a chain cut off at its end, or
 * recomputed from the start by someone with the owner's rights, is consistent in itself.
 */
export async function verifyAuditChain({ checkpoints = [], executor = db }: { checkpoints?: readonly ChainCheckpoint[]; executor?: Executor } = {}): Promise<AuditVerification> {
  const result: AuditVerification = {
    rows: 0,
    headHash: null,
    firstId: null,
    lastId: null,
    breaks: [],
    breakCount: 0,
    changedEvents: [],
    erasedEvents: 0,
    checkpoints: checkpoints.map((c) => ({ entry: c.entry, hash: c.hash, state: 'missing', firstBreakId: null })),
  }
  const byEntry = new Map<number, CheckpointResult[]>()
  for (const c of result.checkpoints) byEntry.set(c.entry, [...(byEntry.get(c.entry) ?? []), c])
  let firstBreakId: number | null = null
  let expectedPrev = GENESIS_HASH
  let after = 0
  for (;;) {
    const batch = await executor.execute<ChainRow>(sql`
      select a.id::int as id, a.request_id::int as request_id, a.event_id::int as event_id, a.kind, a.prev_hash, a.hash, a.created_at,
        audit_row_hash(a.prev_hash, a.id, a.request_id, a.event_id, a.kind, a.actor_type, a.actor_id, a.payload_hash, a.created_at) as recomputed,
        case
          when a.event_id is null then null
          when e.id is null then 'erased'
          when dsr_event_payload_hash(e.from_status::text, e.to_status::text, e.note, e.data) = a.payload_hash then 'match'
          else 'changed'
        end as payload_state
      from audit_log a
      left join dsr_events e on e.id = a.event_id
      where a.id > ${after}
      order by a.id
      limit ${VERIFY_BATCH}`)
    for (const row of batch) {
      const reasons: AuditBreakReason[] = []
      if (row.prev_hash !== expectedPrev) reasons.push('prev_hash')
      if (row.recomputed !== row.hash) reasons.push('hash')
      if (reasons.length > 0) {
        firstBreakId ??= row.id
        result.breakCount++
        if (result.breaks.length < MAX_REPORTED_BREAKS) {
          result.breaks.push({ id: row.id, requestId: row.request_id, kind: row.kind, createdAt: new Date(row.created_at), reasons })
        }
      }
      if (row.payload_state === 'changed' && result.changedEvents.length < MAX_REPORTED_BREAKS) result.changedEvents.push(row.event_id!)
      if (row.payload_state === 'erased') result.erasedEvents++
      for (const c of byEntry.get(row.id) ?? []) {
        c.firstBreakId = firstBreakId
        c.state = row.hash !== c.hash ? 'rewritten' : firstBreakId !== null ? 'broken_before' : 'holds'
      }
      // the next row must link to what is stored here, so a rewritten hash shows at both rows
      expectedPrev = row.hash
      result.firstId ??= row.id
      result.lastId = row.id
      result.rows++
    }
    if (batch.length < VERIFY_BATCH) break
    after = batch[batch.length - 1].id
  }
  result.headHash = result.rows > 0 ? expectedPrev : null
  return result
}

/** The newest sealed entry: what a checkpoint taken now would hold. */
export async function chainHead(executor: Executor = db): Promise<ChainCheckpoint | null> {
  const [head] = await executor
    .select({ entry: auditLog.id, hash: auditLog.hash })
    .from(auditLog)
    .where(ne(auditLog.hash, ''))
    .orderBy(desc(auditLog.id))
    .limit(1)
  return head ?? null
}
