import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import {
  archivedChanges,
  dataSubjectRequests,
  dsrEvents,
  outboxMessages,
  payments,
  recipientNotifications,
  recipients,
  supplementaryStatements,
  users,
} from '#db/schema'
import { listArchiveHistory } from '~/lib/requests/archive.server'
import { addStatement, changeUsername, confirmEmailChange, decideRectification, requestCorrection, startEmailChange } from '~/lib/rectification/rectification.server'
import { isRestricted, listRestrictions } from '~/lib/requests/restriction.server'
import { createUser } from '../support/fixtures'

async function addPayment(userId: string, provider: 'paymentwall' | 'paypal' = 'paymentwall') {
  const [recipient] = await db.select().from(recipients).where(eq(recipients.slug, provider))
  const [payment] = await db
    .insert(payments)
    .values({ userId, paidAt: new Date('2026-01-15T10:00:00Z'), transactionNumber: 'PW-WRONG-1', providerId: recipient.id, amountCents: 2997, currency: 'EUR' })
    .returning()
  return { payment, recipient }
}

const archiveRowsOf = (userId: string) => db.select().from(archivedChanges).where(eq(archivedChanges.userId, userId))

test('a correction request restricts the data until the DPO corrects it; the correction is archived as the DPO’s and the provider is notified', async () => {
  const user = await createUser()
  const dpo = await createUser({ role: 'dpo' })
  const { payment, recipient } = await addPayment(user.id)
  const rowId = String(payment.id)

  const result = await requestCorrection({ userId: user.id, categorySlug: 'payments', rowId, details: 'The transaction number is PW-RIGHT-1.' })
  expect(result.ok).toBe(true)
  if (!result.ok) return
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, result.requestId))
  expect(request).toMatchObject({ type: 'rectification', status: 'received', categorySlug: 'payments' })
  expect(await isRestricted({ userId: user.id, categorySlug: 'payments', rowId })).toBe(true)
  // only that payment: the category as a whole, and other rows, are not restricted
  expect(await isRestricted({ userId: user.id, categorySlug: 'payments' })).toBe(false)
  expect(await isRestricted({ userId: user.id, categorySlug: 'payments', rowId: String(payment.id + 100000) })).toBe(false)
  expect(await listRestrictions({ userId: user.id })).toHaveLength(1)
  // SQL-level processing asks the same question
  const [{ restricted }] = await db.execute<{ restricted: boolean }>(sql`select is_restricted(${user.id}, 'payments', ${rowId}) as restricted`)
  expect(restricted).toBe(true)

  await decideRectification({ requestId: result.requestId, actorId: dpo.id, outcome: 'corrected', note: 'Checked with Paymentwall.', correction: { values: { transactionNumber: 'PW-RIGHT-1' } } })

  expect(await isRestricted({ userId: user.id, categorySlug: 'payments', rowId })).toBe(false)
  const [corrected] = await db.select().from(payments).where(eq(payments.id, payment.id))
  expect(corrected.transactionNumber).toBe('PW-RIGHT-1')
  const [decided] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, result.requestId))
  expect(decided.status).toBe('completed')
  const archived = (await archiveRowsOf(user.id)).filter((r) => r.tableName === 'payments')
  expect(archived).toHaveLength(1)
  expect(archived[0]).toMatchObject({ actorType: 'dpo', actorId: dpo.id })
  expect((archived[0].oldRow as Record<string, unknown>).transaction_number).toBe('PW-WRONG-1')
  const notices = await db.select().from(recipientNotifications).where(eq(recipientNotifications.requestId, result.requestId))
  expect(notices).toEqual([expect.objectContaining({ recipientId: recipient.id, kind: 'rectification', subject: 'Payment record corrected' })])
  // a decision is taken once
  await expect(decideRectification({ requestId: result.requestId, actorId: dpo.id, outcome: 'rejected', note: 'again' })).rejects.toThrow(/not an open rectification request/)
})

test('a rejected correction request lifts the restriction, changes nothing and records the reasons', async () => {
  const user = await createUser()
  const dpo = await createUser({ role: 'dpo' })
  const result = await requestCorrection({ userId: user.id, categorySlug: 'traffic', rowId: null, details: 'I used far less this month.' })
  if (!result.ok) throw new Error(result.message)
  expect(await isRestricted({ userId: user.id, categorySlug: 'traffic' })).toBe(true)
  await decideRectification({ requestId: result.requestId, actorId: dpo.id, outcome: 'rejected', note: 'The counter matches the server records.' })
  expect(await isRestricted({ userId: user.id, categorySlug: 'traffic' })).toBe(false)
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, result.requestId))
  expect(request).toMatchObject({ status: 'denied', denialReason: 'The counter matches the server records.' })
  const events = await db.select({ kind: dsrEvents.kind }).from(dsrEvents).where(eq(dsrEvents.requestId, result.requestId))
  expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['received', 'restricted', 'rectification_decided', 'status_changed']))
  expect((await archiveRowsOf(user.id)).filter((r) => r.tableName !== 'restrictions' && r.tableName !== 'data_subject_requests')).toEqual([])
})

test("a correction request names only the customer's own records", async () => {
  const owner = await createUser()
  const other = await createUser()
  const { payment } = await addPayment(owner.id)
  const result = await requestCorrection({ userId: other.id, categorySlug: 'payments', rowId: String(payment.id), details: 'not mine' })
  // refused next to the field that names the item (the correction form asks which item is wrong)
  expect(result).toMatchObject({ ok: false, field: 'row' })
  expect(await listRestrictions({ userId: other.id })).toEqual([])
  expect(await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, other.id))).toEqual([])
})

test('a taken username is refused: nothing changed, nothing archived, no request', async () => {
  const user = await createUser()
  const other = await createUser()
  const result = await changeUsername({ userId: user.id, username: other.username.toUpperCase() })
  expect(result).toEqual({ ok: false, field: 'username', message: expect.stringMatching(/taken/) })
  const [row] = await db.select({ username: users.username }).from(users).where(eq(users.id, user.id))
  expect(row.username).toBe(user.username)
  expect(await archiveRowsOf(user.id)).toEqual([])
  expect(await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, user.id))).toEqual([])
})

test('an email change to an address of another account looks the same but can never be confirmed', async () => {
  const user = await createUser()
  const other = await createUser()
  const started = await startEmailChange({ userId: user.id, newEmail: other.email })
  expect(started.ok).toBe(true)
  if (!started.ok) return
  const [mail] = await db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, other.email), eq(outboxMessages.template, 'email-change-code')))
  const code = mail.text.match(/\b(\d{6})\b/)![1]
  const result = await confirmEmailChange({ userId: user.id, verificationId: started.verificationId, code })
  expect(result).toMatchObject({ ok: false, field: 'code' })
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, user.id))
  expect(row.email).toBe(user.email)
  expect(await archiveRowsOf(user.id)).toEqual([])
})

test("another account's pending email change cannot be confirmed, even with the right code", async () => {
  const victim = await createUser()
  const attacker = await createUser()
  const started = await startEmailChange({ userId: victim.id, newEmail: `new-${victim.email}` })
  if (!started.ok) throw new Error('not started')
  const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, `new-${victim.email}`))
  const code = mail.text.match(/\b(\d{6})\b/)![1]
  expect(await confirmEmailChange({ userId: attacker.id, verificationId: started.verificationId, code })).toMatchObject({ ok: false, field: 'code' })
  // the code was not spent by the attempt: the owner can still confirm
  expect(await confirmEmailChange({ userId: victim.id, verificationId: started.verificationId, code })).toMatchObject({ ok: true })
})

test('a supplementary statement is kept with its category, recorded as a request, and listed in the history when changed', async () => {
  const user = await createUser()
  const result = await addStatement({ userId: user.id, categorySlug: 'vpn_sessions', rowId: null, statement: 'On 3 March my phone was stolen; the sessions that day were not mine.' })
  if (!result.ok) throw new Error(result.message)
  const [statement] = await db.select().from(supplementaryStatements).where(eq(supplementaryStatements.userId, user.id))
  expect(statement).toMatchObject({ categorySlug: 'vpn_sessions', rowId: null })
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, result.requestId))
  expect(request).toMatchObject({ type: 'rectification', status: 'completed' })
  // a statement that is later edited keeps its first wording in the archive, under its own category
  await db.update(supplementaryStatements).set({ statement: 'Edited.' }).where(eq(supplementaryStatements.id, statement.id))
  const history = await listArchiveHistory({ userId: user.id, categorySlug: 'vpn_sessions' })
  expect(history).toHaveLength(1)
  expect(history[0].changes).toEqual([expect.objectContaining({ field: 'statement', oldValue: statement.statement, newValue: 'Edited.' })])
  expect(await listArchiveHistory({ userId: user.id, categorySlug: 'payments' })).toEqual([])
})
