import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import {
  consents,
  contactMessages,
  deletionReceipts,
  emailVerifications,
  outboxMessages,
  payments,
  purposes,
  recipients,
  sessions,
  trafficUsage,
  users,
  vpnSessions,
} from '#db/schema'
import { RETENTION_TIME_ZONE, runRetention } from '~/lib/erasure/retention.server'
import { createUser } from '../support/fixtures'

const at = (iso: string) => new Date(iso)

async function sessionsAt(userId: string, starts: string[]) {
  const rows = await db
    .insert(vpnSessions)
    .values(starts.map((s) => ({ userId, clientIp: '198.51.100.7', serverId: 'de-fra-1', startedAt: at(s), endedAt: new Date(at(s).getTime() + 3600_000) })))
    .returning({ id: vpnSessions.id, startedAt: vpnSessions.startedAt })
  return new Map(rows.map((r) => [r.startedAt.toISOString(), r.id]))
}

async function remainingStarts(userId: string) {
  const rows = await db.select({ startedAt: vpnSessions.startedAt }).from(vpnSessions).where(eq(vpnSessions.userId, userId))
  return rows.map((r) => r.startedAt.toISOString()).sort()
}

async function receiptsOf(runId: string, userIds: string[]) {
  return db
    .select({ userId: deletionReceipts.userId, tableName: deletionReceipts.tableName, ruleSlug: deletionReceipts.ruleSlug, rowCount: deletionReceipts.rowCount })
    .from(deletionReceipts)
    .where(and(eq(deletionReceipts.runId, runId), inArray(deletionReceipts.userId, userIds)))
}

// 90 days on the Berlin calendar: the period ends at the same wall-clock time, also when the clocks moved in between.
const DST_CASES = [
  {
    name: 'over the change to summer time (CET → CEST)',
    // 10:00 CEST on 10 April; 90 days earlier is 10:00 CET on 10 January = 09:00 UTC
    now: '2026-04-10T08:00:00.000Z',
    deleted: ['2026-01-10T08:59:59.000Z', '2026-01-10T09:00:00.000Z', '2026-01-10T08:30:00.000Z', '2025-12-01T12:00:00.000Z'],
    // 08:30 UTC is deleted although fewer than 90 × 24 hours have passed (a naive cut-off would keep it)
    kept: ['2026-01-10T09:00:01.000Z', '2026-01-10T09:30:00.000Z', '2026-03-01T12:00:00.000Z'],
  },
  {
    name: 'over the change to winter time (CEST → CET)',
    // 10:00 CET on 5 November; 90 days earlier is 10:00 CEST on 7 August = 08:00 UTC
    now: '2026-11-05T09:00:00.000Z',
    deleted: ['2026-08-07T07:59:59.000Z', '2026-08-07T08:00:00.000Z', '2026-07-01T12:00:00.000Z'],
    // 08:30 UTC is kept although more than 90 × 24 hours have passed (a naive cut-off would delete it)
    kept: ['2026-08-07T08:00:01.000Z', '2026-08-07T08:30:00.000Z', '2026-10-01T12:00:00.000Z'],
  },
]

for (const c of DST_CASES) {
  test(`the VPN session purge deletes exactly the sessions that started 90 days ago or earlier, ${c.name}; a second run deletes nothing`, async () => {
    const user = await createUser()
    const other = await createUser()
    await sessionsAt(user.id, [...c.deleted, ...c.kept])
    await sessionsAt(other.id, c.kept)
    const now = at(c.now)

    const firstRun = `test-${randomUUID()}`
    await runRetention({ now, runId: firstRun, only: ['vpn-sessions'] })
    expect(await remainingStarts(user.id)).toEqual([...c.kept].sort())
    expect(await remainingStarts(other.id)).toEqual([...c.kept].sort())
    // the receipt says what, under which rule, how many: for this person exactly the deleted rows
    expect(await receiptsOf(firstRun, [user.id, other.id])).toEqual([
      { userId: user.id, tableName: 'vpn_sessions', ruleSlug: 'vpn_sessions_90_days', rowCount: c.deleted.length },
    ])

    const secondRun = `test-${randomUUID()}`
    await runRetention({ now, runId: secondRun, only: ['vpn-sessions'] })
    expect(await remainingStarts(user.id)).toEqual([...c.kept].sort())
    expect(await receiptsOf(secondRun, [user.id, other.id])).toEqual([])
  })
}

test('purged VPN sessions leave no copy in the archive of changes', async () => {
  const user = await createUser()
  await sessionsAt(user.id, ['2026-01-01T00:00:00.000Z'])
  await runRetention({ now: at('2026-06-01T00:00:00.000Z'), runId: `test-${randomUUID()}`, only: ['vpn-sessions'] })
  expect(await remainingStarts(user.id)).toEqual([])
  const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from archived_changes where user_id = ${user.id}`)
  expect(n).toBe(0)
})

test('each rule deletes what has expired under it, records receipts, and a second run deletes nothing', async () => {
  const now = new Date()
  const day = 86_400_000
  const ago = (days: number) => new Date(now.getTime() - days * day)
  const customer = await createUser()
  const lastMonthCustomer = await createUser()
  const [paymentwall] = await db.select({ id: recipients.id }).from(recipients).where(eq(recipients.slug, 'paymentwall'))

  // contact messages: answered 7 months ago (gone), 5 months ago (kept), never answered (kept)
  const messages = await db
    .insert(contactMessages)
    .values([
      { userId: customer.id, name: 'C', email: customer.email, message: 'old question', createdAt: ago(230), answeredAt: ago(215) },
      { userId: customer.id, name: 'C', email: customer.email, message: 'recent question', createdAt: ago(160), answeredAt: ago(150) },
      { userId: customer.id, name: 'C', email: customer.email, message: 'open question', createdAt: ago(10), answeredAt: null },
    ])
    .returning({ id: contactMessages.id, message: contactMessages.message })
  // payments: 8 years from the end of the year they were made
  await db.insert(payments).values([
    { userId: customer.id, paidAt: ago(10 * 366), transactionNumber: 'TX-OLD', providerId: paymentwall.id, amountCents: 500, currency: 'EUR' },
    { userId: customer.id, paidAt: ago(6 * 365), transactionNumber: 'TX-KEPT', providerId: paymentwall.id, amountCents: 500, currency: 'EUR' },
  ])
  // traffic: only the current month's figure survives; the month as the rule counts it, in Berlin (at 00:30 on the
  // 1st in Berlin, UTC is still in the month before)
  const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: RETENTION_TIME_ZONE, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number)
  const firstOfThisMonth = new Date(Date.UTC(year, month - 1, 1))
  const lastMonth = new Date(Date.UTC(year, month - 2, 1)).toISOString().slice(0, 10)
  await db.insert(trafficUsage).values([
    { userId: customer.id, month: firstOfThisMonth.toISOString().slice(0, 10), bytesUsed: 10 },
    { userId: lastMonthCustomer.id, month: lastMonth, bytesUsed: 20 },
  ])
  // an expired code, a used one, a valid one; an idle-expired session, a valid one
  await db.insert(emailVerifications).values([
    { id: randomUUID(), userId: customer.id, email: customer.email, purpose: 'signup', codeHash: 'x', expiresAt: ago(1) },
    { id: randomUUID(), userId: customer.id, email: customer.email, purpose: 'signup', codeHash: 'x', expiresAt: new Date(now.getTime() + 600_000), consumedAt: now },
    { id: randomUUID(), userId: customer.id, email: customer.email, purpose: 'email_change', codeHash: 'x', expiresAt: new Date(now.getTime() + 600_000) },
  ])
  await db.insert(sessions).values([
    { id: `s-${randomUUID()}`, userId: customer.id, expiresAt: ago(1), createdAt: ago(2) },
    { id: `s-${randomUUID()}`, userId: customer.id, expiresAt: new Date(now.getTime() + 600_000), createdAt: now },
  ])
  // an unconfirmed sign-up of 8 days ago goes with its emails; one of yesterday stays
  const stale = { id: randomUUID(), username: `stale_${randomUUID().slice(0, 8)}`, email: `stale-${randomUUID()}@example.test` }
  const fresh = { id: randomUUID(), username: `fresh_${randomUUID().slice(0, 8)}`, email: `fresh-${randomUUID()}@example.test` }
  await db.insert(users).values([
    { ...stale, passwordHash: 'x', ageConfirmedAt: ago(8), createdAt: ago(8) },
    { ...fresh, passwordHash: 'x', ageConfirmedAt: ago(1), createdAt: ago(1) },
  ])
  await db.insert(outboxMessages).values({ userId: stale.id, template: 'verify-email', toAddress: stale.email, subject: 'code', html: '', text: '' })
  // consents of an account cancelled four years ago: their proof period (3 years) is over
  const cancelled = await createUser()
  const [contactPurpose] = await db.select({ id: purposes.id }).from(purposes).where(eq(purposes.slug, 'contact_form'))
  await db.insert(consents).values({ userId: cancelled.id, purposeId: contactPurpose.id, action: 'given', method: 'contact_form', policyVersion: 'v1', createdAt: ago(5 * 365) })
  await db.update(users).set({ erasedAt: ago(4 * 365), status: 'cancelled' }).where(eq(users.id, cancelled.id))

  const runId = `test-${randomUUID()}`
  await runRetention({ now, runId })

  const left = await db.select({ message: contactMessages.message }).from(contactMessages).where(eq(contactMessages.userId, customer.id))
  expect(left.map((m) => m.message).sort()).toEqual(['open question', 'recent question'])
  expect(messages).toHaveLength(3)
  const paid = await db.select({ tx: payments.transactionNumber }).from(payments).where(eq(payments.userId, customer.id))
  expect(paid.map((p) => p.tx)).toEqual(['TX-KEPT'])
  expect(await db.select().from(trafficUsage).where(eq(trafficUsage.userId, lastMonthCustomer.id))).toEqual([])
  expect(await db.select().from(trafficUsage).where(eq(trafficUsage.userId, customer.id))).toHaveLength(1)
  const codes = await db.select({ purpose: emailVerifications.purpose }).from(emailVerifications).where(eq(emailVerifications.userId, customer.id))
  expect(codes.map((c) => c.purpose)).toEqual(['email_change'])
  expect(await db.select().from(sessions).where(eq(sessions.userId, customer.id))).toHaveLength(1)
  expect(await db.select().from(users).where(eq(users.id, stale.id))).toEqual([])
  expect(await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, stale.email))).toEqual([])
  expect(await db.select().from(users).where(eq(users.id, fresh.id))).toHaveLength(1)
  expect(await db.select().from(consents).where(eq(consents.userId, cancelled.id))).toEqual([])

  // the customer's own receipts name the rule and the count, and hold nothing of what was deleted
  const own = await receiptsOf(runId, [customer.id, cancelled.id])
  expect(own).toEqual(
    expect.arrayContaining([
      { userId: customer.id, tableName: 'contact_messages', ruleSlug: 'contact_messages_after_answer', rowCount: 1 },
      { userId: customer.id, tableName: 'payments', ruleSlug: 'statutory_tax', rowCount: 1 },
      { userId: cancelled.id, tableName: 'consents', ruleSlug: 'consent_proof', rowCount: 1 },
    ]),
  )
  const [receiptText] = await db.execute<{ t: string }>(sql`select string_agg(row_to_json(r)::text, ' ') as t from deletion_receipts r where run_id = ${runId}`)
  for (const secret of ['old question', 'TX-OLD', stale.email, customer.email]) expect(receiptText.t).not.toContain(secret)

  // idempotent: nothing more for these people, nothing more of theirs gone
  const second = `test-${randomUUID()}`
  await runRetention({ now, runId: second })
  expect(await receiptsOf(second, [customer.id, cancelled.id, lastMonthCustomer.id])).toEqual([])
  expect(await db.select().from(contactMessages).where(eq(contactMessages.userId, customer.id))).toHaveLength(2)
  expect(await db.select().from(payments).where(eq(payments.userId, customer.id))).toHaveLength(1)
})
