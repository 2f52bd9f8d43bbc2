// Issue 11, item 12: cutting off the end of the audit chain, or recomputing all of it, leaves a chain that
// is consistent in itself. A signed checkpoint kept outside the database must catch both. Tampering runs as
// the database owner inside a transaction that is rolled back, so the shared chain stays whole for the
// other tests running at the same time.
import { expect, test } from '@playwright/test'
import { eq, sql, TransactionRollbackError } from 'drizzle-orm'
import { db, type Transaction } from '#db/client.server'
import { auditAnchors, auditLog } from '#db/schema'
import {
  anchorAuditChain,
  readCheckpoint,
  runScheduledAnchor,
  signCheckpoint,
  verifyKeptCheckpoint,
  type Checkpoint,
} from '~/lib/requests/audit-anchor.server'
import { csvRow } from '~/lib/domain/csv'
import { verifyAuditChain } from '~/lib/requests/audit.server'
import { createRequest, recordEvent, transitionRequest, type Actor } from '~/lib/requests/dsr.server'
import { adminDb } from '../support/admin-db'
import { uniqueName } from '../support/fixtures'

const dpo: Actor = { type: 'dpo', id: null }

// A request with a few events, each in its own transaction, as the portal writes them; returns its chain rows.
async function requestWithEvents() {
  const request = await db.transaction((tx) =>
    createRequest(tx, { userId: null, email: `${uniqueName('anchor')}@example.test`, type: 'other', status: 'received', actor: { type: 'data_subject', id: null } }),
  )
  await db.transaction((tx) => recordEvent(tx, { requestId: request.id, kind: 'note_added', actor: dpo, note: 'Called back' }))
  await db.transaction((tx) => transitionRequest(tx, { requestId: request.id, to: 'in_progress', actor: dpo }))
  return adminDb.select({ id: auditLog.id, hash: auditLog.hash }).from(auditLog).where(eq(auditLog.requestId, request.id)).orderBy(auditLog.id)
}

// Does the work as the database owner and undoes it, whatever the work found.
async function thenRolledBack<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
  let result: T | undefined
  await adminDb
    .transaction(async (tx) => {
      result = await work(tx)
      tx.rollback()
    })
    .catch((error) => {
      if (!(error instanceof TransactionRollbackError)) throw error
    })
  return result as T
}

// What someone with the owner's rights would do to hide a change: recompute every hash from the start.
const RECOMPUTE_WHOLE_CHAIN = sql.raw(`
  do $$
  declare r record; prev text := repeat('0', 64);
  begin
    for r in select * from audit_log where hash <> '' order by id loop
      update audit_log set prev_hash = prev,
        hash = audit_row_hash(prev, r.id, r.request_id, r.event_id, r.kind, r.actor_type, r.actor_id, r.payload_hash, r.created_at)
      where id = r.id returning hash into prev;
    end loop;
  end $$`)

// The file the DPO downloads, as the page reads it back.
function keptFile(checkpoint: Checkpoint) {
  const read = readCheckpoint(`${JSON.stringify(checkpoint, null, 2)}\n`)
  if (!read.ok) throw new Error(`checkpoint refused: ${read.problem}`)
  return read.checkpoint
}

test('an untouched chain holds a checkpoint taken before, also after it grew; the anchor is kept where the portal cannot rewrite it', async () => {
  const rows = await requestWithEvents()
  const checkpoint = keptFile((await anchorAuditChain({ source: 'checkpoint', actor: dpo }))!)
  expect(checkpoint.entry).toBeGreaterThanOrEqual(rows.at(-1)!.id)
  await requestWithEvents()
  // other tests alter rows for a moment to prove their detection: retry past such a moment
  await expect.poll(async () => (await verifyKeptCheckpoint(checkpoint)).state).toBe('holds')

  const [anchor] = await db.select().from(auditAnchors).where(eq(auditAnchors.signature, checkpoint.signature))
  expect(anchor).toMatchObject({ auditLogId: checkpoint.entry, headHash: checkpoint.hash, source: 'checkpoint' })
  const denied = async (query: PromiseLike<unknown>) =>
    Promise.resolve(query).then(
      () => 'allowed',
      (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
    )
  expect(await denied(db.update(auditAnchors).set({ headHash: '0'.repeat(64) }).where(eq(auditAnchors.id, anchor.id)))).toMatch(/permission denied/)
  expect(await denied(db.delete(auditAnchors).where(eq(auditAnchors.id, anchor.id)))).toMatch(/permission denied/)
})

test('cutting off the end of the chain is reported as broken against a checkpoint taken before', async () => {
  const rows = await requestWithEvents()
  const checkpoint = keptFile((await anchorAuditChain({ source: 'checkpoint', actor: dpo }))!)
  const verdict = await thenRolledBack(async (tx) => {
    await tx.execute(sql`delete from audit_log where id >= ${rows[0].id}`)
    return verifyKeptCheckpoint(checkpoint, tx)
  })
  expect(verdict.state).toBe('missing')
  // undone: the checkpoint holds again (retrying past other tests' brief alterations)
  await expect.poll(async () => (await verifyKeptCheckpoint(checkpoint)).state).toBe('holds')
})

test('recomputing the whole chain hides a change from the walk, but not from a checkpoint taken before; the daily job then does not anchor', async () => {
  const rows = await requestWithEvents()
  const checkpoint = keptFile((await anchorAuditChain({ source: 'checkpoint', actor: dpo }))!)
  const { verdict, walk, job } = await thenRolledBack(async (tx) => {
    await tx.execute(sql`update audit_log set kind = 'withdrawn' where id = ${rows[1].id}`)
    await tx.execute(RECOMPUTE_WHOLE_CHAIN)
    return {
      verdict: await verifyKeptCheckpoint(checkpoint, tx),
      walk: await verifyAuditChain({ executor: tx }),
      job: await runScheduledAnchor({ now: new Date(), executor: tx }),
    }
  })
  // consistent in itself: the walk finds nothing wrong with the altered row
  expect(walk.breaks.filter((b) => rows.some((r) => r.id === b.id))).toEqual([])
  expect(verdict.state).toBe('rewritten')
  expect(job).toMatchObject({ anchored: false })
})

test('the daily job signs and keeps the head', async () => {
  await requestWithEvents()
  const before = new Date()
  await expect.poll(async () => (await runScheduledAnchor({ now: new Date() })).anchored).toBe(true)
  const anchors = await db.select().from(auditAnchors).where(eq(auditAnchors.source, 'scheduled'))
  const mine = anchors.filter((a) => a.anchoredAt >= before)
  expect(mine.length).toBeGreaterThanOrEqual(1)
  const [head] = await adminDb.execute<{ id: number }>(sql`select max(id)::int as id from audit_log where hash <> ''`)
  expect(mine[0].auditLogId).toBeLessThanOrEqual(head.id)
  expect(mine[0].actorType).toBe('system')
})

test('a checkpoint that was edited, signed with another key, or is not one at all is refused with a clear message', async () => {
  await requestWithEvents()
  const genuine = (await anchorAuditChain({ source: 'checkpoint', actor: dpo }))!
  const cases: Array<[string, string, string]> = [
    ['hash edited', JSON.stringify({ ...genuine, hash: genuine.hash.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }), 'bad_signature'],
    ['entry edited', JSON.stringify({ ...genuine, entry: genuine.entry + 1 }), 'bad_signature'],
    ['time edited', JSON.stringify({ ...genuine, anchoredAt: new Date(Date.parse(genuine.anchoredAt) - 86_400_000).toISOString() }), 'bad_signature'],
    ['signature of another checkpoint', JSON.stringify({ ...genuine, signature: signCheckpoint({ entry: 1, hash: genuine.hash, anchoredAt: new Date() }).signature }), 'bad_signature'],
    ['another key', JSON.stringify({ ...genuine, publicKey: 'A'.repeat(43) }), 'other_key'],
    ['not JSON', 'entry 12, hash abc', 'not_json'],
    ['a field missing', JSON.stringify({ ...genuine, signature: undefined }), 'not_a_checkpoint'],
    ['a JSON array', '[1, 2, 3]', 'not_a_checkpoint'],
    ['empty', '   ', 'empty'],
    ['huge', `{"format":"${'x'.repeat(10_000)}"}`, 'too_large'],
  ]
  for (const [what, text, problem] of cases) {
    expect(readCheckpoint(text), what).toMatchObject({ ok: false, problem })
  }
  expect(readCheckpoint(JSON.stringify(genuine)).ok).toBe(true)
})

// The monthly report's CSV puts an apostrophe before a cell starting with "-" (formula guard), and a base64url
// signature starts with "-" once in 64: the checkpoint copied from the report must still check out.
test('a checkpoint copied from the report CSV checks out also when its signature starts with "-"', async () => {
  let checkpoint = signCheckpoint({ entry: 1, hash: 'a'.repeat(64), anchoredAt: new Date(Date.UTC(2026, 0, 1)) })
  for (let ms = 1; !checkpoint.signature.startsWith('-'); ms++) {
    checkpoint = signCheckpoint({ entry: 1, hash: 'a'.repeat(64), anchoredAt: new Date(Date.UTC(2026, 0, 1) + ms) })
  }
  const [entry, hash, anchoredAt, publicKey, signature] = csvRow([checkpoint.entry, checkpoint.hash, checkpoint.anchoredAt, checkpoint.publicKey, checkpoint.signature])
    .trim()
    .split(',')
  expect(signature).toBe(`'${checkpoint.signature}`)
  const read = readCheckpoint(JSON.stringify({ ...checkpoint, entry: Number(entry), hash, anchoredAt, publicKey, signature }))
  expect(read).toMatchObject({ ok: true, checkpoint: { signature: checkpoint.signature } })
  // the guard is taken off, nothing else: an apostrophe before anything but a formula start is still refused
  expect(readCheckpoint(JSON.stringify({ ...checkpoint, signature: `'x${checkpoint.signature.slice(2)}` }))).toMatchObject({ ok: false, problem: 'not_a_checkpoint' })
})
