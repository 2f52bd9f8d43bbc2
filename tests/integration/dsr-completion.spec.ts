import { expect, test } from '@playwright/test'
import { and, desc, eq, isNull } from 'drizzle-orm'
import { db } from '#db/client.server'
import { archivedChanges, dataSubjectRequests, forumPosts, outboxMessages, payments, recipientNotifications, recipients, restrictions, users } from '#db/schema'
import { completeRequest } from '~/lib/dpo/dsr-completion.server'
import { denyRequest } from '~/lib/dpo/dsr-dpo.server'
import { createRequest, type Actor, type DsrType } from '~/lib/requests/dsr.server'
import { requestCorrection } from '~/lib/rectification/rectification.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { username } from '~/lib/domain/validation/form'
import { formatDateTime } from '~/lib/domain/format'
import { createUser, uniqueName } from '../support/fixtures'

// Approving a request carries it out through the capability's own code; these check the effect on the data.

async function dpoActor(): Promise<Actor> {
  return { type: 'dpo', id: (await createUser({ role: 'dpo' })).id }
}

async function open(input: { userId?: string | null; email?: string | null; type: DsrType; categorySlug?: string | null }) {
  return db.transaction((tx) =>
    createRequest(tx, {
      userId: input.userId ?? null,
      email: input.email ?? null,
      type: input.type,
      status: 'received',
      categorySlug: input.categorySlug ?? null,
      actor: input.userId ? { type: 'customer', id: input.userId } : { type: 'data_subject', id: null },
    }),
  )
}

async function statusOf(id: number) {
  const [row] = await db.select({ status: dataSubjectRequests.status }).from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id))
  return row.status
}

async function lastMail(to: string, template: string) {
  const [mail] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.template, template)))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  return mail
}

test('a restriction request restricts the category for the customer and tells them', async () => {
  const customer = await createUser()
  const request = await open({ userId: customer.id, type: 'restriction', categorySlug: 'vpn_sessions' })
  const result = await completeRequest({ requestId: request.id, actor: await dpoActor(), message: null })
  expect(result.ok).toBe(true)
  const rows = await db.select().from(restrictions).where(eq(restrictions.requestId, request.id))
  expect(rows).toMatchObject([{ userId: customer.id, categorySlug: 'vpn_sessions', reason: 'data_subject_request', liftedAt: null }])
  expect(await statusOf(request.id)).toBe('completed')
  expect((await lastMail(customer.email, 'request-completed')).text).toContain('restricted')
})

test('an answer-only request needs the DPO’s words, which reach the person', async () => {
  const email = `${uniqueName('question')}@example.test`
  const request = await open({ email, type: 'other' })
  const actor = await dpoActor()
  expect(await completeRequest({ requestId: request.id, actor, message: null })).toMatchObject({ ok: false, field: 'message' })
  expect(await statusOf(request.id)).toBe('received')
  expect(await lastMail(email, 'request-completed')).toBeUndefined()
  expect((await completeRequest({ requestId: request.id, actor, message: 'We do not keep your IP address.' })).ok).toBe(true)
  expect((await lastMail(email, 'request-completed')).text).toContain('We do not keep your IP address.')
  // completed is closed: a second completion changes nothing
  expect(await completeRequest({ requestId: request.id, actor, message: 'again' })).toMatchObject({ ok: false, field: 'form' })
})

test('an erasure of a customer category erases it through the erasure module', async () => {
  const customer = await createUser()
  await db.insert(forumPosts).values({ userId: customer.id, authorName: customer.username, authorEmail: customer.email, body: 'hello' })
  const request = await open({ userId: customer.id, type: 'erasure', categorySlug: 'forum_posts' })
  const result = await completeRequest({ requestId: request.id, actor: await dpoActor(), message: null, forumMode: 'delete' })
  expect(result).toMatchObject({ ok: true })
  expect(await db.select().from(forumPosts).where(eq(forumPosts.userId, customer.id))).toEqual([])
  expect(await statusOf(request.id)).toBe('completed')
})

test('a correction request: completing lifts the restriction, refusing one lifts it too', async () => {
  const customer = await createUser()
  const actor = await dpoActor()
  const filed = await requestCorrection({ userId: customer.id, categorySlug: 'traffic', rowId: null, details: 'The figure is far too high.' })
  if (!filed.ok) throw new Error('correction request refused')
  const active = () => db.select().from(restrictions).where(and(eq(restrictions.requestId, filed.requestId), isNull(restrictions.liftedAt)))
  expect(await active()).toHaveLength(1)
  expect(await completeRequest({ requestId: filed.requestId, actor, message: null })).toMatchObject({ ok: false, field: 'message' })
  expect((await completeRequest({ requestId: filed.requestId, actor, message: 'Recounted: 5.2 GB.' })).ok).toBe(true)
  expect(await active()).toHaveLength(0)
  expect(await statusOf(filed.requestId)).toBe('completed')
  expect((await lastMail(customer.email, 'request-completed')).text).toContain('Recounted: 5.2 GB.')

  const second = await requestCorrection({ userId: customer.id, categorySlug: 'affiliate', rowId: null, details: 'Nobody referred me.' })
  if (!second.ok) throw new Error('correction request refused')
  expect((await denyRequest({ requestId: second.requestId, actor, reason: 'The partner confirmed the referral with the order.' })).ok).toBe(true)
  const stillActive = await db.select().from(restrictions).where(and(eq(restrictions.requestId, second.requestId), isNull(restrictions.liftedAt)))
  expect(stillActive).toHaveLength(0)
  expect(await statusOf(second.requestId)).toBe('denied')
})

test('completing a correction with the corrected value writes it, archives the old value as the DPO’s and notifies the recipient (Art. 19)', async () => {
  const customer = await createUser()
  const dpo = await dpoActor()
  const [paymentwall] = await db.select().from(recipients).where(eq(recipients.slug, 'paymentwall'))
  const [payment] = await db
    .insert(payments)
    .values({ userId: customer.id, paidAt: new Date('2026-02-03T09:00:00Z'), transactionNumber: 'PW-WRONG-7', providerId: paymentwall.id, amountCents: 999, currency: 'EUR' })
    .returning()
  const filed = await requestCorrection({ userId: customer.id, categorySlug: 'payments', rowId: String(payment.id), details: 'The transaction number is PW-RIGHT-7.' })
  if (!filed.ok) throw new Error('correction request refused')

  const result = await completeRequest({
    requestId: filed.requestId,
    actor: dpo,
    message: 'Checked with Paymentwall: the number was mistyped.',
    correction: { field: 'transactionNumber', value: ' PW-RIGHT-7 ' },
  })
  expect(result.ok).toBe(true)
  const [corrected] = await db.select().from(payments).where(eq(payments.id, payment.id))
  expect(corrected.transactionNumber).toBe('PW-RIGHT-7')
  // archive-on-change keeps the old value, with the DPO as the one who changed it
  const archived = await db.select().from(archivedChanges).where(and(eq(archivedChanges.tableName, 'payments'), eq(archivedChanges.rowId, String(payment.id))))
  expect(archived).toEqual([expect.objectContaining({ actorType: 'dpo', actorId: dpo.id, operation: 'UPDATE' })])
  expect((archived[0].oldRow as Record<string, unknown>).transaction_number).toBe('PW-WRONG-7')
  // the payment provider is told (through the DPO's mailbox: it has no notice address in the registry)
  const notices = await db.select().from(recipientNotifications).where(eq(recipientNotifications.requestId, filed.requestId))
  expect(notices).toEqual([expect.objectContaining({ recipientId: paymentwall.id, userId: customer.id, kind: 'rectification', subject: 'Payment record corrected' })])
  const { dpo: dpoContact } = await getRegistryContacts('en')
  const notice = await lastMail(dpoContact.email, 'recipient-notice')
  expect(notice.text).toContain(filed.requestNumber)
  expect(notice.text).toContain('Paymentwall')
  // the person hears what the value is now, and the restriction is over
  expect(await statusOf(filed.requestId)).toBe('completed')
  expect((await lastMail(customer.email, 'request-completed')).text).toContain('Transaction number is now “PW-RIGHT-7”.')
  expect(await db.select().from(restrictions).where(and(eq(restrictions.requestId, filed.requestId), isNull(restrictions.liftedAt)))).toEqual([])
})

test('the DPO’s corrected value is checked like the customer’s own form; a refused value changes nothing', async () => {
  const customer = await createUser()
  const someoneElse = await createUser()
  const dpo = await dpoActor()
  const request = await open({ userId: customer.id, type: 'rectification', categorySlug: 'account' })
  const message = 'Your username is corrected as you asked.'
  const usernameOf = async () => (await db.select({ username: users.username }).from(users).where(eq(users.id, customer.id)))[0].username

  // the rules of /my-data/edit/username, with its message
  const customersFormSays = username.safeParse('no spaces allowed').error?.issues[0].message
  expect(customersFormSays).toBeTruthy()
  expect(await completeRequest({ requestId: request.id, actor: dpo, message, correction: { field: 'username', value: 'no spaces allowed' } })).toEqual({
    ok: false,
    field: 'correctedValue',
    message: customersFormSays,
  })
  expect(await completeRequest({ requestId: request.id, actor: dpo, message, correction: { field: 'username', value: someoneElse.username.toUpperCase() } })).toEqual({
    ok: false,
    field: 'correctedValue',
    message: 'mydata:errors.username.taken',
  })
  expect(await completeRequest({ requestId: request.id, actor: dpo, message, correction: { field: 'role', value: 'dpo' } })).toMatchObject({ ok: false, field: 'correctionField' })
  expect(await usernameOf()).toBe(customer.username)
  expect(await statusOf(request.id)).toBe('received')
  expect(await lastMail(customer.email, 'request-completed')).toBeUndefined()

  const fixed = `${customer.username}_fixed`
  expect((await completeRequest({ requestId: request.id, actor: dpo, message, correction: { field: 'username', value: fixed } })).ok).toBe(true)
  expect(await usernameOf()).toBe(fixed)
  const [archived] = await db.select().from(archivedChanges).where(and(eq(archivedChanges.tableName, 'users'), eq(archivedChanges.rowId, customer.id)))
  expect(archived).toMatchObject({ actorType: 'dpo', actorId: dpo.id })
  expect((archived.oldRow as Record<string, unknown>).username).toBe(customer.username)
  expect(await statusOf(request.id)).toBe('completed')
})

test('a corrected date reaches a German customer written the German way', async () => {
  const customer = await createUser()
  await db.update(users).set({ language: 'de' }).where(eq(users.id, customer.id))
  const [paymentwall] = await db.select().from(recipients).where(eq(recipients.slug, 'paymentwall'))
  const [payment] = await db
    .insert(payments)
    .values({ userId: customer.id, paidAt: new Date('2026-02-03T09:00:00Z'), transactionNumber: 'PW-DATE-1', providerId: paymentwall.id, amountCents: 999, currency: 'EUR' })
    .returning()
  const filed = await requestCorrection({ userId: customer.id, categorySlug: 'payments', rowId: String(payment.id), details: 'Ich habe am 4. März bezahlt.' })
  if (!filed.ok) throw new Error('correction request refused')
  const paidAt = new Date('2026-03-04T10:30:00Z')
  const result = await completeRequest({ requestId: filed.requestId, actor: await dpoActor(), message: 'Korrigiert.', correction: { field: 'paidAt', value: paidAt.toISOString() } })
  expect(result.ok).toBe(true)
  const mail = await lastMail(customer.email, 'request-completed')
  expect(mail.text).toContain(`Bezahlt am lautet jetzt „${formatDateTime(paidAt, 'de')}“.`)
  expect(mail.text).not.toContain(formatDateTime(paidAt, 'en'))
})
