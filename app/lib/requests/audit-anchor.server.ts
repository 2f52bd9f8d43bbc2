// Anchors of the audit chain outside the database (decision 033). Someone with the database owner's
// rights can cut off the end of the chain or recompute it from the start, and the walk alone would find
// it consistent. A checkpoint, the last entry's number and hash at a moment, signed with a key the database
// does not hold, lets the DPO prove later that the chain still contains what it contained then.
import { createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto'
import { asc } from 'drizzle-orm'
import { z } from 'zod'
import { db, type Executor } from '#db/client.server'
import { auditAnchors } from '#db/schema'
import { csvGuardRemoved } from '../domain/csv'
import { loadEnv } from '../platform/env.server'
import { chainHead, verifyAuditChain, type CheckpointResult } from './audit.server'
import type { Actor } from './dsr.server'

export const CHECKPOINT_FORMAT = 'privacy-portal-audit-checkpoint'
export const CHECKPOINT_VERSION = 1
// a checkpoint file is a few hundred bytes; anything much larger is not one
const MAX_CHECKPOINT_CHARS = 4096

export interface Checkpoint {
  format: typeof CHECKPOINT_FORMAT
  version: typeof CHECKPOINT_VERSION
  // the last entry of the chain (its number on /dpo/audit) and its hash
  entry: number
  hash: string
  anchoredAt: string
  algorithm: 'Ed25519'
  publicKey: string
  signature: string
}

export type AnchorSource = 'scheduled' | 'checkpoint' | 'report'

// --- The key ---------------------------------------------------------------------------------------

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): a fixed prefix, then the 32 bytes.
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

let cachedKeys: { secret: string; privateKey: KeyObject; publicKey: KeyObject; publicKeyText: string } | undefined

// An Ed25519 key pair derived from AUDIT_ANCHOR_KEY (or SESSION_SECRET): the same secret always gives the
// same key, so checkpoints stay checkable across restarts and processes; the public half is in every file.
function anchorKeys() {
  const env = loadEnv()
  const secret = env.AUDIT_ANCHOR_KEY ?? env.SESSION_SECRET
  if (cachedKeys?.secret === secret) return cachedKeys
  const seed = Buffer.from(hkdfSync('sha256', secret, 'privacy-portal', 'audit-anchor ed25519 v1', 32))
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const publicKey = createPublicKey(privateKey)
  const publicKeyText = String(publicKey.export({ format: 'jwk' }).x)
  cachedKeys = { secret, privateKey, publicKey, publicKeyText }
  return cachedKeys
}

/** The public key that checks this portal's checkpoints (base64url of the raw 32 bytes). */
export function anchorPublicKey() {
  return anchorKeys().publicKeyText
}

function signedText({ entry, hash, anchoredAt }: { entry: number; hash: string; anchoredAt: string }) {
  return Buffer.from([CHECKPOINT_FORMAT, CHECKPOINT_VERSION, entry, hash, anchoredAt].join('\n'), 'utf8')
}

export function signCheckpoint({ entry, hash, anchoredAt }: { entry: number; hash: string; anchoredAt: Date }): Checkpoint {
  const keys = anchorKeys()
  const at = anchoredAt.toISOString()
  return {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    entry,
    hash,
    anchoredAt: at,
    algorithm: 'Ed25519',
    publicKey: keys.publicKeyText,
    signature: sign(null, signedText({ entry, hash, anchoredAt: at }), keys.privateKey).toString('base64url'),
  }
}

type SignatureCheck = 'valid' | 'other_key' | 'invalid'

function checkSignature(c: Pick<Checkpoint, 'entry' | 'hash' | 'anchoredAt' | 'publicKey' | 'signature'>): SignatureCheck {
  const keys = anchorKeys()
  if (c.publicKey !== keys.publicKeyText) return 'other_key'
  const signature = Buffer.from(c.signature, 'base64url')
  if (signature.length !== 64) return 'invalid'
  return verify(null, signedText(c), keys.publicKey, signature) ? 'valid' : 'invalid'
}

// --- Anchoring ---------------------------------------------------------------------------------------

/**
 * Signs the chain's head as it is now and keeps the anchor in audit_anchors (which the portal can add to
 * but not change). Null while the chain is empty.
 */
export async function anchorAuditChain({
  source,
  actor,
  now = new Date(),
  executor = db,
}: {
  source: AnchorSource
  actor: Actor
  now?: Date
  executor?: Executor
}): Promise<Checkpoint | null> {
  const head = await chainHead(executor)
  if (!head) return null
  const checkpoint = signCheckpoint({ ...head, anchoredAt: now })
  await executor.insert(auditAnchors).values({
    auditLogId: checkpoint.entry,
    headHash: checkpoint.hash,
    anchoredAt: now,
    signature: checkpoint.signature,
    publicKey: checkpoint.publicKey,
    source,
    actorType: actor.type,
    actorId: actor.id,
  })
  return checkpoint
}

/**
 * The daily anchor. It first checks the chain against the anchors already kept: a chain cut off or
 * recomputed since one of them is not anchored again, or its new head would look vouched for. (A break
 * the walk shows anyway does not stop it.)
 */
export async function runScheduledAnchor({ now, executor = db }: { now: Date; executor?: Executor }) {
  const check = await verifyAgainstStoredAnchors(executor)
  const lost = check.failing.filter((f) => f.result.state === 'missing' || f.result.state === 'rewritten')
  if (lost.length > 0) {
    console.error(`[audit] the chain no longer holds ${lost.length} of its anchors (cut off or rewritten): not anchored`)
    return { anchored: false, lostAnchors: lost.length }
  }
  const checkpoint = await anchorAuditChain({ source: 'scheduled', actor: { type: 'system', id: null }, now, executor })
  return { anchored: checkpoint !== null, entry: checkpoint?.entry ?? null }
}

export interface StoredAnchor {
  id: number
  entry: number
  hash: string
  anchoredAt: Date
  source: AnchorSource
  signature: SignatureCheck
}

async function listAnchors(executor: Executor): Promise<StoredAnchor[]> {
  const rows = await executor.select().from(auditAnchors).orderBy(asc(auditAnchors.anchoredAt), asc(auditAnchors.id))
  return rows.map((r) => ({
    id: r.id,
    entry: r.auditLogId,
    hash: r.headHash,
    anchoredAt: r.anchoredAt,
    source: r.source as AnchorSource,
    signature: checkSignature({ entry: r.auditLogId, hash: r.headHash, anchoredAt: r.anchoredAt.toISOString(), publicKey: r.publicKey, signature: r.signature }),
  }))
}

/**
 * One walk of the chain, checked against every anchor kept in the database whose signature is ours.
 * An anchor with a bad signature is reported, not trusted; one made with an earlier key cannot be checked.
 */
export async function verifyAgainstStoredAnchors(executor: Executor = db) {
  const anchors = await listAnchors(executor)
  const checked = anchors.filter((a) => a.signature === 'valid')
  const verification = await verifyAuditChain({ checkpoints: checked, executor })
  const results = verification.checkpoints.map((result, i) => ({ anchor: checked[i], result }))
  return {
    verification,
    last: anchors.at(-1) ?? null,
    checked: checked.length,
    failing: results.filter((r) => r.result.state !== 'holds'),
    forged: anchors.filter((a) => a.signature === 'invalid').length,
    otherKey: anchors.filter((a) => a.signature === 'other_key').length,
  }
}

// --- A checkpoint the DPO kept ------------------------------------------------------------------------

const CheckpointSchema = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  version: z.literal(CHECKPOINT_VERSION),
  entry: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  anchoredAt: z.string().datetime(),
  algorithm: z.literal('Ed25519'),
  // copied from the monthly report's CSV, a key or signature starting with "-" carries the CSV's formula guard
  publicKey: z.preprocess(fromCsvCell, z.string().regex(/^[A-Za-z0-9_-]{43}$/)),
  signature: z.preprocess(fromCsvCell, z.string().regex(/^[A-Za-z0-9_-]{86}$/)),
})

function fromCsvCell(value: unknown) {
  return typeof value === 'string' ? csvGuardRemoved(value) : value
}

// Why a text is not a checkpoint this portal can check (the page words each one).
export type CheckpointProblem = 'empty' | 'too_large' | 'not_json' | 'not_a_checkpoint' | 'other_key' | 'bad_signature'

export type CheckpointRead = { ok: true; checkpoint: Checkpoint } | { ok: false; problem: CheckpointProblem; field?: string }

/** Reads a checkpoint file (or its pasted text) and checks its signature. Never throws on bad input. */
export function readCheckpoint(text: string): CheckpointRead {
  const trimmed = text.replace(/^\uFEFF/, '').trim()
  if (!trimmed) return { ok: false, problem: 'empty' }
  if (trimmed.length > MAX_CHECKPOINT_CHARS) return { ok: false, problem: 'too_large' }
  let parsed: unknown
  try {
    parsed = JSON.parse(trimmed)
  } catch {
    return { ok: false, problem: 'not_json' }
  }
  const result = CheckpointSchema.safeParse(parsed)
  if (!result.success) return { ok: false, problem: 'not_a_checkpoint', field: result.error.issues[0]?.path.join('.') || undefined }
  const checkpoint = result.data as Checkpoint
  switch (checkSignature(checkpoint)) {
    case 'other_key':
      return { ok: false, problem: 'other_key' }
    case 'invalid':
      return { ok: false, problem: 'bad_signature' }
    case 'valid':
      return { ok: true, checkpoint }
  }
}

/** A checkpoint file is a few hundred bytes: an upload larger than this is not one. */
export const MAX_CHECKPOINT_UPLOAD_BYTES = 16 * 1024

export interface CheckpointVerdict extends CheckpointResult {
  anchoredAt: string
  // the chain's last entry now
  lastEntry: number | null
  rows: number
}

/** Checks the chain against a checkpoint the DPO kept (read and signature-checked by readCheckpoint). */
export async function verifyKeptCheckpoint(checkpoint: Checkpoint, executor: Executor = db): Promise<CheckpointVerdict> {
  const verification = await verifyAuditChain({ checkpoints: [checkpoint], executor })
  return { ...verification.checkpoints[0], anchoredAt: checkpoint.anchoredAt, lastEntry: verification.lastId, rows: verification.rows }
}
