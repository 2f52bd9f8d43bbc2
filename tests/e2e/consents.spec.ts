import { expect, test, type Page } from '@playwright/test'
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { archivedChanges, contactMessages, dataSubjectRequests, dsrEvents, feedSubscriptions, forumPosts } from '#db/schema'
import { createContactMessage } from '~/lib/consent/contact.server'
import { giveCustomerConsent } from '~/lib/consent/consent.server'
import { CONSENT_COOKIE_NAME } from '~/lib/consent/cookie-consent.server'
import { consentStateOf, ledgerRows } from '../support/consent-helpers'
import { createUser, loginAs, uniqueName, type TestUser } from '../support/fixtures'

const card = (page: Page, name: RegExp) => page.getByRole('region', { name })

async function withdrawalRequests(userId: string) {
  return db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.userId, userId), eq(dataSubjectRequests.type, 'consent_withdrawal')))
}

async function eventsOf(requestId: number) {
  return db.select().from(dsrEvents).where(eq(dsrEvents.requestId, requestId)).orderBy(asc(dsrEvents.id))
}

async function forumPostsOf(user: TestUser) {
  const [thread] = await db
    .insert(forumPosts)
    .values({ userId: user.id, authorName: user.username, authorEmail: user.email, title: `Thread of ${user.username}`, body: 'My question' })
    .returning()
  const [reply] = await db
    .insert(forumPosts)
    .values({ userId: null, authorName: 'someone_else', authorEmail: 'someone@example.test', parentId: thread.id, body: 'An answer' })
    .returning()
  const [comment] = await db.insert(forumPosts).values({ userId: user.id, authorName: user.username, authorEmail: user.email, body: 'Thanks!' }).returning()
  return { thread, reply, comment }
}

test('withdrawing the contact-form consent on /consents deletes the stored messages at once, archived and recorded as a request', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  const stranger = `${uniqueName('stranger')}@example.test`
  await createContactMessage({ userId: null, name: 'Someone else', email: stranger, message: 'Not yours' })
  // sent earlier while logged out, with the account's address: also the customer's
  await createContactMessage({ userId: null, name: 'Me, logged out', email: customer.email, message: 'Earlier question' })
  await loginAs(context, customer, baseURL!)

  await page.goto('/contact')
  const main = page.getByRole('main')
  await main.getByLabel('Your name').fill('Me, logged in')
  await main.getByLabel('Message', { exact: true }).fill('Where is my invoice?')
  await main.getByRole('checkbox', { name: /I agree that my message/ }).check()
  await main.getByRole('button', { name: 'Send message' }).click()
  await expect(page.getByRole('status')).toContainText('we received your message')
  const mine = await db
    .select()
    .from(contactMessages)
    .where(sql`${contactMessages.userId} = ${customer.id} or lower(${contactMessages.email}) = lower(${customer.email})`)
  expect(mine).toHaveLength(2)

  await page.goto('/consents')
  const contact = card(page, /Contact form/)
  await expect(contact).toContainText('Given on')
  await expect(contact).toContainText('2 stored contact messages')
  await contact.getByRole('button', { name: 'Withdraw consent' }).click()
  await expect(page.getByRole('status')).toContainText('You withdrew your consent to “Contact form”')
  await expect(contact).toContainText('Withdrawn on')
  await expect(contact.getByRole('button', { name: 'Give consent' })).toBeVisible()

  // checked in the database: the customer's messages are gone, the stranger's stays
  expect(await db.select().from(contactMessages).where(inArray(contactMessages.id, mine.map((m) => m.id)))).toEqual([])
  expect(await db.select().from(contactMessages).where(eq(contactMessages.email, stranger))).toHaveLength(1)
  // really gone: no copy lives on in the archive of changes either
  const archived = await db
    .select()
    .from(archivedChanges)
    .where(and(eq(archivedChanges.tableName, 'contact_messages'), inArray(archivedChanges.rowId, mine.map((m) => String(m.id)))))
  expect(archived).toEqual([])

  const ledger = await ledgerRows({ userId: customer.id })
  expect(ledger.at(-1)).toMatchObject({ purpose: 'contact_form', action: 'withdrawn', method: 'settings_toggle' })
  const [request] = await withdrawalRequests(customer.id)
  expect(request).toMatchObject({ status: 'completed', categorySlug: 'contact_messages' })
  const events = await eventsOf(request.id)
  expect(events.map((e) => e.kind)).toEqual(['received', 'consent_withdrawn', 'data_deleted', 'status_changed'])
  expect(events[2]).toMatchObject({ data: { category: 'contact_messages', count: 2 }, note: 'Consent withdrawn (contact_form)', actorType: 'customer', actorId: customer.id })
})

test('withdrawing the forum consent: the customer chooses to anonymise or to delete the posts', async ({ page, context, baseURL }) => {
  const keeper = await createUser()
  const keeperPosts = await forumPostsOf(keeper)
  await giveCustomerConsent({ userId: keeper.id, purpose: 'forum' })
  await loginAs(context, keeper, baseURL!)
  await page.goto('/consents')
  await card(page, /^Forum$/).getByRole('button', { name: 'Withdraw and anonymise my posts' }).click()
  await expect(page.getByRole('status')).toContainText('You withdrew your consent to “Forum”')
  const kept = await db.select().from(forumPosts).where(inArray(forumPosts.id, [keeperPosts.thread.id, keeperPosts.comment.id]))
  expect(kept).toHaveLength(2)
  for (const post of kept) {
    expect(post).toMatchObject({ userId: null, authorName: 'deleted user', authorEmail: null })
    expect(post.anonymisedAt).toBeInstanceOf(Date)
  }
  expect((await db.select().from(forumPosts).where(eq(forumPosts.id, keeperPosts.reply.id)))[0].authorName).toBe('someone_else')
  // the archive keeps no copy that would name the author again
  const archivedAuthor = await db
    .select()
    .from(archivedChanges)
    .where(and(eq(archivedChanges.tableName, 'forum_posts'), inArray(archivedChanges.rowId, [String(keeperPosts.thread.id), String(keeperPosts.comment.id)])))
  expect(archivedAuthor).toEqual([])

  const leaver = await createUser()
  const leaverPosts = await forumPostsOf(leaver)
  await giveCustomerConsent({ userId: leaver.id, purpose: 'forum' })
  await context.clearCookies()
  await loginAs(context, leaver, baseURL!)
  await page.goto('/consents')
  await card(page, /^Forum$/).getByRole('button', { name: 'Withdraw and delete my posts' }).click()
  // deleting asks for the password first (tests/e2e/hardening-routes-erasure.spec.ts)
  await page.getByLabel('Your password').fill(leaver.password)
  await page.getByRole('button', { name: 'Withdraw and delete 2 posts' }).click()
  await expect(page.getByRole('status')).toContainText('You withdrew your consent to “Forum”')
  // the thread goes, and with it the comments on it (the forum's rule); the separate comment goes too
  const ids = [leaverPosts.thread.id, leaverPosts.reply.id, leaverPosts.comment.id]
  expect(await db.select().from(forumPosts).where(inArray(forumPosts.id, ids))).toEqual([])
  const [request] = await withdrawalRequests(leaver.id)
  expect((await eventsOf(request.id)).find((e) => e.kind === 'data_deleted')?.data).toEqual({ category: 'forum_posts', count: 2 })
})

test('withdrawing the comment-feed consent deletes the subscriptions', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await db.insert(feedSubscriptions).values({ userId: customer.id, email: customer.email, topic: 'Some thread', confirmedAt: new Date() })
  await giveCustomerConsent({ userId: customer.id, purpose: 'comment_feed' })
  await loginAs(context, customer, baseURL!)
  await page.goto('/consents')
  await card(page, /Comment feed/).getByRole('button', { name: 'Withdraw consent' }).click()
  await expect(page.getByRole('status')).toContainText('Comment feed')
  expect(await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.userId, customer.id))).toEqual([])
  // giving it again goes through the double opt-in of the feed page
  await expect(card(page, /Comment feed/).getByRole('link', { name: 'Subscribe to a comment feed' })).toHaveAttribute('href', '/feed')
})

test('withdrawing a cookie category on /consents clears its cookies in this browser and is recorded', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await loginAs(context, customer, baseURL!)
  await page.goto('/consents')
  await page.getByRole('region', { name: 'Cookies on this site' }).getByRole('button', { name: 'Accept all' }).click()
  const { hostname } = new URL(baseURL!)
  await context.addCookies([{ name: '_ga', value: 'GA1.1.1.1', domain: hostname, path: '/', secure: true, sameSite: 'Lax' }])
  const analytics = card(page, /Website analytics/)
  await expect(analytics).toContainText('in this browser')
  await analytics.getByRole('button', { name: 'Withdraw consent' }).click()
  await expect(page.getByRole('status')).toContainText('Website analytics')

  const names = (await context.cookies()).map((c) => c.name)
  expect(names).not.toContain('_ga')
  expect(names).toContain(CONSENT_COOKIE_NAME)
  expect([...(await consentStateOf(context, baseURL!)).allowed].sort()).toEqual(['external_media', 'marketing'])
  expect((await ledgerRows({ userId: customer.id })).at(-1)).toMatchObject({ purpose: 'analytics', action: 'withdrawn', method: 'settings_toggle' })
  expect(await withdrawalRequests(customer.id)).toHaveLength(1)
})

test('an unknown purpose or a forum withdrawal without a choice is refused and records nothing', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await giveCustomerConsent({ userId: customer.id, purpose: 'forum' })
  await loginAs(context, customer, baseURL!)
  const before = await ledgerRows({ userId: customer.id })
  const post = (form: Record<string, string>) => page.request.post('/consents', { form, headers: { Origin: baseURL! }, maxRedirects: 0 })
  for (const form of <Record<string, string>[]>[
    { intent: 'withdraw', purpose: 'telepathy' },
    { intent: 'give', purpose: 'account_management' },
    { intent: 'withdraw', purpose: 'forum' },
    { intent: 'withdraw', purpose: 'forum', forumChoice: 'burn' },
    { intent: 'give', purpose: 'comment_feed' },
    { intent: 'toggle', purpose: 'analytics' },
  ]) {
    const response = await post(form)
    expect(response.status(), JSON.stringify(form)).toBe(400)
  }
  expect(await (await post({ intent: 'withdraw', purpose: 'telepathy' })).text()).toContain('Unknown purpose')
  expect(await ledgerRows({ userId: customer.id })).toEqual(before)
  expect(await withdrawalRequests(customer.id)).toEqual([])
})

test('/consents is for customers: a visitor is sent to log in, the DPO is refused', async ({ page, context, baseURL }) => {
  await page.goto('/consents')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fconsents$/)
  const dpo = await createUser({ role: 'dpo' })
  await loginAs(context, dpo, baseURL!)
  expect((await page.goto('/consents'))!.status()).toBe(403)
})
