import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { consents, contactMessages, feedSubscriptions, forumPosts, outboxMessages } from '#db/schema'
import { createContactMessage } from '~/lib/consent/contact.server'
import { listConsentLedger, recordConsents, UnknownPurposeError, withdrawConsents } from '~/lib/consent/consent.server'
import { notifyFeedSubscribers, unsubscribeFromFeed } from '~/lib/consent/feed.server'
import { signToken, verifyToken } from '~/lib/platform/tokens.server'
import { createUser, uniqueName } from '../support/fixtures'

// PostgreSQL's insufficient_privilege, under drizzle's "Failed query" wrapper.
async function expectPermissionDenied(query: PromiseLike<unknown>) {
  const error = await Promise.resolve(query).then(
    () => null,
    (e: { code?: string; cause?: { code?: string } }) => e,
  )
  expect(error?.cause?.code ?? error?.code).toBe('42501')
}

test('the ledger refuses UPDATE, DELETE and TRUNCATE for the portal role', async () => {
  const user = await createUser()
  const [row] = await recordConsents(db, { subject: { userId: user.id }, method: 'settings_toggle', choices: [{ purpose: 'forum', action: 'given' }] })
  await expectPermissionDenied(db.update(consents).set({ action: 'withdrawn' }).where(eq(consents.id, row.id)))
  await expectPermissionDenied(db.delete(consents).where(eq(consents.id, row.id)))
  await expectPermissionDenied(db.execute(sql`truncate consents`))
  await expectPermissionDenied(db.execute(sql`update consents set created_at = now() - interval '1 year' where id = ${row.id}`))
  const [after] = await db.select().from(consents).where(eq(consents.id, row.id))
  expect(after).toEqual(row)
  // a change is a new row instead
  await recordConsents(db, { subject: { userId: user.id }, method: 'settings_toggle', choices: [{ purpose: 'forum', action: 'withdrawn' }] })
  expect((await db.select().from(consents).where(eq(consents.userId, user.id))).map((r) => r.action)).toEqual(['given', 'withdrawn'])
})

test('an unknown purpose, or one that needs no consent, records nothing', async () => {
  const user = await createUser()
  for (const purpose of ['telepathy', 'account_management']) {
    await expect(
      recordConsents(db, { subject: { userId: user.id }, method: 'settings_toggle', choices: [{ purpose: 'forum', action: 'given' }, { purpose, action: 'given' }] }),
    ).rejects.toBeInstanceOf(UnknownPurposeError)
  }
  expect(await db.select().from(consents).where(eq(consents.userId, user.id))).toEqual([])
})

test('a withdrawal and its effect commit together or not at all', async () => {
  const email = `${uniqueName('atomic')}@example.test`
  await createContactMessage({ userId: null, name: 'Atomic', email, message: 'Hello' })
  const rolledBack = db.transaction(async (tx) => {
    await withdrawConsents(tx, { subject: { email }, actor: { type: 'data_subject', id: null }, method: 'email_link', purposes: ['contact_form'] })
    throw new Error('crash after the deletion')
  })
  await expect(rolledBack).rejects.toThrow('crash after the deletion')
  expect(await db.select().from(contactMessages).where(eq(contactMessages.email, email))).toHaveLength(1)
  expect((await listConsentLedger({ email })).map((r) => r.action)).toEqual(['given'])
})

test("the ledger lists a customer's rows, also those of forms sent with the account email while logged out", async () => {
  const user = await createUser()
  await createContactMessage({ userId: null, name: 'Logged out', email: user.email.toUpperCase(), message: 'Hi' })
  await recordConsents(db, { subject: { userId: user.id, visitorId: 'AAAAAAAAAAAAAAAAAAAAAA' }, method: 'banner_accept_all', choices: [{ purpose: 'analytics', action: 'given' }] })
  await recordConsents(db, { subject: { email: `${uniqueName()}@example.test` }, method: 'contact_form', choices: [{ purpose: 'contact_form', action: 'given' }] })
  const ledger = await listConsentLedger({ userId: user.id, email: user.email })
  expect(ledger.map((r) => [r.purposeSlug, r.action, r.methodLabel])).toEqual([
    ['analytics', 'given', 'Cookie banner: "Accept all"'],
    ['contact_form', 'given', 'Checkbox in the contact form'],
  ])
  expect(ledger.every((r) => r.policyVersion.length > 0)).toBe(true)
})

test('a comment reaches confirmed subscribers only, each email with its own working one-time unsubscribe link', async () => {
  const [thread] = await db.insert(forumPosts).values({ authorName: 'op', title: `Thread ${uniqueName()}`, body: 'Question' }).returning()
  const confirmed = `${uniqueName('conf')}@example.test`
  const unconfirmed = `${uniqueName('unconf')}@example.test`
  await db.insert(feedSubscriptions).values([
    { email: confirmed, topic: thread.title!, confirmedAt: new Date() },
    { email: unconfirmed, topic: thread.title!, confirmedAt: null },
  ])
  expect(await notifyFeedSubscribers(db, { threadId: thread.id, author: 'nightowl', excerpt: 'Try MTU 1380.' })).toBe(1)
  expect(await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, unconfirmed))).toEqual([])
  const [mail] = await db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, confirmed), eq(outboxMessages.template, 'feed-comment')))
  expect(mail.text).toContain('Try MTU 1380.')
  const link = mail.headers['List-Unsubscribe'].slice(1, -1)
  expect(mail.text).toContain(link)
  const token = new URL(link).searchParams.get('token')
  expect(await unsubscribeFromFeed(token)).toEqual({ ok: true, topic: thread.title })
  expect(await unsubscribeFromFeed(token)).toEqual({ ok: false, reason: 'used' })
  expect(await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.email, confirmed))).toEqual([])
})

test('a token verifies only for its purpose, unaltered and before its expiry', async () => {
  const inAnHour = new Date(Date.now() + 3600_000)
  const token = signToken({ purpose: 'feed-confirm', subject: '42', expiresAt: inAnHour })
  expect(verifyToken({ purpose: 'feed-confirm', token })).toEqual({ ok: true, subject: '42' })
  expect(verifyToken({ purpose: 'feed-unsubscribe', token })).toEqual({ ok: false, reason: 'invalid' })
  expect(verifyToken({ purpose: 'feed-confirm', token, now: new Date(inAnHour.getTime() + 1000) })).toEqual({ ok: false, reason: 'expired' })
  const [payload, signature] = token.split('.')
  const forged = Buffer.from(JSON.stringify({ s: '43', e: Math.floor(inAnHour.getTime() / 1000) })).toString('base64url')
  for (const bad of [`${forged}.${signature}`, `${payload}.`, `${payload}.${signature}x`, '', null, 'a'.repeat(500)]) {
    expect(verifyToken({ purpose: 'feed-confirm', token: bad })).toEqual({ ok: false, reason: 'invalid' })
  }
})
