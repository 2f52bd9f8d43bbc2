import { expect, test, type Page } from '@playwright/test'
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, feedSubscriptions, forumPosts, outboxMessages } from '#db/schema'
import { signToken } from '~/lib/platform/tokens.server'
import { ledgerRows } from '../support/consent-helpers'
import { uniqueName } from '../support/fixtures'

async function newestEmail(to: string, template: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.template, template)))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  return row
}

function linkIn(text: string, path: string) {
  const match = text.match(new RegExp(`https?://[^\\s\\]>)]+${path.replace('/', '\\/')}\\?token=[A-Za-z0-9._-]+`))
  if (!match) throw new Error(`No ${path} link in the email`)
  return match[0]
}

async function aThread() {
  const [thread] = await db
    .select({ id: forumPosts.id, title: forumPosts.title })
    .from(forumPosts)
    .where(and(isNull(forumPosts.parentId), sql`${forumPosts.title} is not null`))
    // the seed's oldest thread: one another test made could be deleted by it meanwhile
    .orderBy(asc(forumPosts.id))
    .limit(1)
  return thread
}

async function subscribe(page: Page, email: string, threadId: number) {
  await page.goto('/feed')
  const main = page.getByRole('main')
  await main.getByLabel('Topic', { exact: true }).selectOption(String(threadId))
  await main.getByLabel('Email address').fill(email)
  await main.getByRole('checkbox', { name: /I agree to receive new comments/ }).check()
  await main.getByRole('button', { name: 'Subscribe' }).click()
  await expect(page.getByRole('status')).toContainText('Check your inbox')
}

test('double opt-in, then the unsubscribe link from the email works logged out, once', async ({ page, baseURL }) => {
  const email = `${uniqueName('reader')}@example.test`
  const thread = await aThread()
  await subscribe(page, email, thread.id)

  // nothing is consented before the emailed link is followed
  const [pending] = await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.email, email))
  expect(pending.confirmedAt).toBeNull()
  expect(await ledgerRows({ email })).toEqual([])

  const confirmation = await newestEmail(email, 'feed-confirm')
  await page.goto(linkIn(confirmation.text, '/feed/confirm'))
  // opening the link alone (as a mail scanner would) changes nothing
  expect((await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.id, pending.id)))[0].confirmedAt).toBeNull()
  await page.getByRole('main').getByRole('button', { name: 'Confirm the subscription' }).click()
  await expect(page.getByRole('heading', { name: 'Subscription confirmed' })).toBeVisible()
  expect((await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.id, pending.id)))[0].confirmedAt).toBeInstanceOf(Date)
  expect((await ledgerRows({ email })).map((r) => [r.purpose, r.action, r.method])).toEqual([['comment_feed', 'given', 'feed_subscription']])

  // every feed email: an unsubscribe link in the text and a List-Unsubscribe header with the same link
  const welcome = await newestEmail(email, 'feed-subscribed')
  const unsubscribeLink = linkIn(welcome.text, '/feed/unsubscribe')
  expect(welcome.headers['List-Unsubscribe']).toBe(`<${unsubscribeLink}>`)
  expect(welcome.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
  expect(new URL(unsubscribeLink).origin).toBe(new URL(baseURL!).origin)

  // a fresh browser without any login
  await page.context().clearCookies()
  await page.goto(unsubscribeLink)
  await page.getByRole('main').getByRole('button', { name: 'Unsubscribe' }).click()
  await expect(page.getByRole('heading', { name: 'You are unsubscribed' })).toBeVisible()
  expect(await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.email, email))).toEqual([])
  const afterFirst = await ledgerRows({ email })
  expect(afterFirst.at(-1)).toMatchObject({ purpose: 'comment_feed', action: 'withdrawn', method: 'email_link' })
  const requests = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.email, email))
  expect(requests.map((r) => [r.type, r.status])).toEqual([['consent_withdrawal', 'completed']])

  // once: the same link again is a clear message and records nothing
  await page.goto(unsubscribeLink)
  await page.getByRole('main').getByRole('button', { name: 'Unsubscribe' }).click()
  await expect(page.getByRole('main').getByRole('alert')).toContainText('already used')
  expect(await ledgerRows({ email })).toEqual(afterFirst)
  expect(await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.email, email))).toHaveLength(1)
})

test("a mail client's one-click unsubscribe (RFC 8058 POST from another server) works without Origin or login", async ({ playwright, baseURL }) => {
  const email = `${uniqueName('oneclick')}@example.test`
  const thread = await aThread()
  const [subscription] = await db.insert(feedSubscriptions).values({ email, topic: thread.title!, confirmedAt: new Date() }).returning()
  const token = signToken({ purpose: 'feed-unsubscribe', subject: String(subscription.id), expiresAt: new Date(Date.now() + 3600_000) })
  // a bare HTTP client: no cookies, no Origin, no Fetch Metadata, as a mail provider's server sends it
  const client = await playwright.request.newContext({ baseURL })
  const response = await client.post(`/feed/unsubscribe?token=${token}`, { form: { 'List-Unsubscribe': 'One-Click' } })
  expect(response.status()).toBe(200)
  expect(await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.id, subscription.id))).toEqual([])
  expect((await ledgerRows({ email })).map((r) => [r.action, r.method])).toEqual([['withdrawn', 'email_link']])
  // another cross-site POST elsewhere is still refused
  expect((await client.post('/cookies', { form: { intent: 'accept-all' } })).status()).toBe(403)
  await client.dispose()
})

test('forged, expired or mixed-up tokens get a clear message and record nothing', async ({ page }) => {
  const email = `${uniqueName('forged')}@example.test`
  const thread = await aThread()
  const [subscription] = await db.insert(feedSubscriptions).values({ email, topic: thread.title!, confirmedAt: null }).returning()
  const subject = String(subscription.id)
  const valid = signToken({ purpose: 'feed-confirm', subject, expiresAt: new Date(Date.now() + 3600_000) })
  const [payload, signature] = valid.split('.')
  const otherPayload = Buffer.from(JSON.stringify({ s: String(subscription.id + 1), e: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url')
  const cases: [string, string, string][] = [
    ['/feed/confirm', `${otherPayload}.${signature}`, 'not valid'],
    ['/feed/confirm', `${payload}.${signature.slice(0, -2)}xx`, 'not valid'],
    ['/feed/confirm', 'nonsense', 'not valid'],
    ['/feed/confirm', signToken({ purpose: 'feed-confirm', subject, expiresAt: new Date(Date.now() - 1000) }), 'expired'],
    // a confirmation token is no unsubscribe token
    ['/feed/unsubscribe', valid, 'not valid'],
    ['/feed/unsubscribe', signToken({ purpose: 'feed-unsubscribe', subject, expiresAt: new Date(Date.now() - 1000) }), 'expired'],
  ]
  for (const [path, token, message] of cases) {
    const response = await page.goto(`${path}?token=${encodeURIComponent(token)}`)
    expect(response!.status(), `${path} ${token}`).toBe(400)
    await expect(page.getByRole('main').getByRole('alert')).toContainText(message)
    await expect(page.getByRole('main').getByRole('button')).toHaveCount(0)
  }
  // posting a forged token directly changes nothing either
  const post = await page.request.post(`/feed/confirm?token=${encodeURIComponent(`${otherPayload}.${signature}`)}`, { form: {}, headers: { Origin: new URL(page.url()).origin } })
  expect(post.status()).toBe(400)
  expect((await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.id, subscription.id)))[0].confirmedAt).toBeNull()
  expect(await ledgerRows({ email })).toEqual([])
})

test('subscribing to an unknown topic or without consent is refused and sends nothing', async ({ page, baseURL }) => {
  const email = `${uniqueName('nosub')}@example.test`
  await page.goto('/feed')
  const main = page.getByRole('main')
  await main.getByLabel('Email address').fill(email)
  await main.getByRole('button', { name: 'Subscribe' }).click()
  await expect(page.locator('#field-thread-error')).toBeVisible()
  await expect(page.locator('#field-consent-error')).toContainText('Tick the box')
  const response = await page.request.post('/feed?index', { form: { thread: '999999999', email, consent: 'on' }, headers: { Origin: baseURL! } })
  expect(response.status()).toBe(400)
  expect(await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.email, email))).toEqual([])
  expect(await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email))).toEqual([])
})
