import { expect, test } from '@playwright/test'
import { eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { auditLog, dsrEvents } from '#db/schema'
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '~/lib/requests/audit.server'
import { createRequest, recordEvent, transitionRequest, type Actor } from '~/lib/requests/dsr.server'
import { adminDb } from '../support/admin-db'
import { uniqueName } from '../support/fixtures'

const person: Actor = { type: 'data_subject', id: null }

// drizzle wraps the database's error; its cause carries PostgreSQL's message
async function databaseError(query: PromiseLike<unknown>) {
  const error = await Promise.resolve(query).then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  )
  return error ? (error.cause?.message ?? error.message) : 'no error'
}

// A request with a few events, each in its own transaction, as the portal writes them.
async function requestWithEvents(email: string) {
  const request = await db.transaction((tx) =>
    createRequest(tx, { userId: null, email, type: 'erasure', status: 'received', details: `Please erase everything of ${email}`, actor: person }),
  )
  await db.transaction((tx) => recordEvent(tx, { requestId: request.id, kind: 'note_added', actor: { type: 'dpo', id: null }, note: `Called ${email} back` }))
  await db.transaction((tx) => transitionRequest(tx, { requestId: request.id, to: 'in_progress', actor: { type: 'dpo', id: null } }))
  await db.transaction((tx) => recordEvent(tx, { requestId: request.id, kind: 'extended', actor: { type: 'dpo', id: null }, note: 'Many records' }))
  const events = await db.select({ id: dsrEvents.id }).from(dsrEvents).where(eq(dsrEvents.requestId, request.id))
  const rows = await adminDb
    .select()
    .from(auditLog)
    .where(inArray(auditLog.eventId, events.map((e) => e.id)))
    .orderBy(auditLog.id)
  return { request, rows }
}

test('every request event is sealed into the chain at commit, linked to the entry before it, without personal data', async () => {
  const email = `${uniqueName('chain')}@example.test`
  const { request, rows } = await requestWithEvents(email)
  expect(rows).toHaveLength(4)
  for (const row of rows) {
    expect(row.requestId).toBe(request.id)
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(row.prevHash).toMatch(/^[0-9a-f]{64}$/)
    // the address and the request text stay out of the chained fields, so erasing them cannot break it
    expect(JSON.stringify(row)).not.toContain(email)
  }
  // each row links to the stored hash of the row just before it in the chain
  for (const row of rows) {
    const [previous] = await adminDb.execute<{ hash: string }>(sql`select hash from audit_log where id < ${row.id} order by id desc limit 1`)
    expect(row.prevHash).toBe(previous?.hash ?? GENESIS_HASH)
  }
  const verification = await verifyAuditChain()
  expect(verification.breaks.filter((b) => rows.some((r) => r.id === b.id))).toEqual([])
})

// Every chained column, with a different value of the right type.
const TAMPERINGS: Array<{ column: string; set: ReturnType<typeof sql> }> = [
  { column: 'kind', set: sql`kind = 'withdrawn'` },
  { column: 'actor_type', set: sql`actor_type = 'system'` },
  { column: 'actor_id', set: sql`actor_id = 'someone-else'` },
  { column: 'request_id', set: sql`request_id = request_id + 1` },
  { column: 'event_id', set: sql`event_id = event_id + 1000000` },
  { column: 'payload_hash', set: sql`payload_hash = repeat('a', 64)` },
  { column: 'created_at', set: sql`created_at = created_at - interval '1 day'` },
  { column: 'prev_hash', set: sql`prev_hash = repeat('b', 64)` },
  { column: 'hash', set: sql`hash = repeat('c', 64)` },
]

test('altering any chained field of any row is detected at exactly that row', async () => {
  const { rows } = await requestWithEvents(`${uniqueName('tamper')}@example.test`)
  for (const [i, row] of rows.entries()) {
    for (const { column, set } of TAMPERINGS) {
      await adminDb.execute(sql`update audit_log set ${set} where id = ${row.id}`)
      try {
        const { breaks } = await verifyAuditChain()
        // the first break at or after this test's first row is the altered row itself
        const first = breaks.find((b) => b.id >= rows[0].id)
        expect(first?.id, `row ${i + 1}, column ${column}`).toBe(row.id)
      } finally {
        await adminDb.update(auditLog).set(row).where(eq(auditLog.id, row.id))
      }
    }
  }
  const { breaks } = await verifyAuditChain()
  expect(breaks.filter((b) => rows.some((r) => r.id === b.id))).toEqual([])
})

test('a removed row is detected at the row after it', async () => {
  const { rows } = await requestWithEvents(`${uniqueName('gap')}@example.test`)
  const [, removed] = rows
  // the rows of this test may have others' rows between them; the one right after the removed row links to it
  const [next] = await adminDb.execute<{ id: number }>(sql`select id::int as id from audit_log where id > ${removed.id} order by id limit 1`)
  await adminDb.delete(auditLog).where(eq(auditLog.id, removed.id))
  try {
    const { breaks } = await verifyAuditChain()
    const first = breaks.find((b) => b.id > rows[0].id)
    expect(first?.id).toBe(next.id)
    expect(first?.reasons).toEqual(['prev_hash'])
  } finally {
    await adminDb.insert(auditLog).values(removed)
  }
  const { breaks } = await verifyAuditChain()
  expect(breaks.filter((b) => b.id === next.id)).toEqual([])
})

test('the portal may append to the chain but never rewrite or remove an entry', async () => {
  const { rows } = await requestWithEvents(`${uniqueName('role')}@example.test`)
  expect(await databaseError(db.update(auditLog).set({ kind: 'forged' }).where(eq(auditLog.id, rows[0].id)))).toMatch(/permission denied/)
  expect(await databaseError(db.delete(auditLog).where(eq(auditLog.id, rows[0].id)))).toMatch(/permission denied/)
  const [still] = await adminDb.select().from(auditLog).where(eq(auditLog.id, rows[0].id))
  expect(still).toEqual(rows[0])
})

test('a DPO action appended in a transaction is sealed when it commits, and not at all when it rolls back', async () => {
  const marker = uniqueName('registry')
  await db.transaction((tx) => appendAudit(tx, { kind: `registry_changed:${marker}`, actor: { type: 'dpo', id: null }, payload: { what: marker } }))
  await db
    .transaction(async (tx) => {
      await appendAudit(tx, { kind: `rolled_back:${marker}`, actor: { type: 'dpo', id: null }, payload: {} })
      tx.rollback()
    })
    .catch(() => {})
  const rows = await adminDb.execute<{ kind: string; hash: string }>(sql`select kind, hash from audit_log where kind like ${`%${marker}`}`)
  expect(rows.map((r) => r.kind)).toEqual([`registry_changed:${marker}`])
  expect(rows[0].hash).toMatch(/^[0-9a-f]{64}$/)
})

test('events written by many transactions at once still form one unbroken chain', async () => {
  const request = await db.transaction((tx) => createRequest(tx, { userId: null, email: 'many@example.test', type: 'other', status: 'received', actor: person }))
  await Promise.all(
    Array.from({ length: 40 }, (_, i) => db.transaction((tx) => recordEvent(tx, { requestId: request.id, kind: 'note_added', actor: { type: 'dpo', id: null }, note: `note ${i}` }))),
  )
  const rows = await adminDb.select().from(auditLog).where(eq(auditLog.requestId, request.id)).orderBy(auditLog.id)
  expect(rows).toHaveLength(41)
  // no two entries claim the same predecessor: the chain did not fork
  const prevs = await adminDb.execute<{ prev_hash: string; n: number }>(sql`select prev_hash, count(*)::int as n from audit_log group by prev_hash having count(*) > 1`)
  expect(prevs).toEqual([])
  const { breaks } = await verifyAuditChain()
  expect(breaks.filter((b) => b.requestId === request.id)).toEqual([])
})

test('an event detail changed after the fact shows as differing from its sealed hash', async () => {
  const { request } = await requestWithEvents(`${uniqueName('detail')}@example.test`)
  const [event] = await db.select().from(dsrEvents).where(eq(dsrEvents.requestId, request.id)).orderBy(dsrEvents.id).limit(1)
  await adminDb.update(dsrEvents).set({ note: 'rewritten afterwards' }).where(eq(dsrEvents.id, event.id))
  try {
    expect((await verifyAuditChain()).changedEvents).toContain(event.id)
  } finally {
    await adminDb.update(dsrEvents).set({ note: event.note }).where(eq(dsrEvents.id, event.id))
  }
  expect((await verifyAuditChain()).changedEvents).not.toContain(event.id)
})

test('a transaction that could not see the chain head is refused rather than forking the chain', async () => {
  const request = await db.transaction((tx) => createRequest(tx, { userId: null, email: 'rr@example.test', type: 'other', status: 'received', actor: person }))
  expect(
    await databaseError(db.transaction((tx) => recordEvent(tx, { requestId: request.id, kind: 'note_added', actor: person }), { isolationLevel: 'repeatable read' })),
  ).toMatch(/READ COMMITTED/)
  expect(await db.select().from(dsrEvents).where(eq(dsrEvents.requestId, request.id))).toHaveLength(1)
})
