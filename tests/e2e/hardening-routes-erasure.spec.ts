// Issue 11, item 10: erasing a category, a forum post, or withdrawing the forum consent with "delete" needs
// the password again and a confirmation that says what goes; a session alone deletes nothing.
import { expect, test, type Page } from '@playwright/test'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, forumPosts } from '#db/schema'
import { giveCustomerConsent } from '~/lib/consent/consent.server'
import { ledgerRows } from '../support/consent-helpers'
import { createUser, loginAs, type TestUser } from '../support/fixtures'

async function postCount(user: TestUser) {
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(forumPosts).where(eq(forumPosts.userId, user.id))
  return n
}

async function requestsOf(user: TestUser) {
  return db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, user.id))
}

// `threads` threads of the customer, each with one comment of someone else under it, and `comments` loose comments
async function forumPostsOf(user: TestUser, { threads, comments }: { threads: number; comments: number }) {
  const ids: number[] = []
  for (let i = 0; i < threads; i++) {
    const [thread] = await db.insert(forumPosts).values({ userId: user.id, authorName: user.username, authorEmail: user.email, title: `Thread ${i}`, body: 'Question' }).returning()
    const [reply] = await db.insert(forumPosts).values({ authorName: 'someone_else', authorEmail: 'someone@example.test', parentId: thread.id, body: 'Answer' }).returning()
    ids.push(thread.id, reply.id)
  }
  for (let i = 0; i < comments; i++) {
    const [comment] = await db.insert(forumPosts).values({ userId: user.id, authorName: user.username, authorEmail: user.email, body: `Comment ${i}` }).returning()
    ids.push(comment.id)
  }
  return ids
}

const post = (page: Page, baseURL: string, url: string, form: Record<string, string>) =>
  page.request.post(url, { form, headers: { Origin: new URL(baseURL).origin }, maxRedirects: 0 })

test('"Withdraw and delete my posts": one click only asks; a wrong password deletes nothing; the password and the confirmation delete', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  const ids = await forumPostsOf(customer, { threads: 1, comments: 11 })
  await giveCustomerConsent({ userId: customer.id, purpose: 'forum' })
  await loginAs(context, customer, baseURL!)
  const ledgerBefore = await ledgerRows({ userId: customer.id })

  // the old one-click request, with the session alone, is refused
  const oneClick = await post(page, baseURL!, '/consents', { intent: 'withdraw', purpose: 'forum', forumChoice: 'delete' })
  expect(oneClick.status()).toBe(400)
  expect(await postCount(customer)).toBe(12)

  await page.goto('/consents')
  const forum = page.getByRole('region', { name: /^Forum$/ })
  await forum.getByRole('button', { name: 'Withdraw and delete my posts' }).click()
  const confirmation = page.getByRole('form', { name: 'Withdraw your consent and delete your forum posts' })
  await expect(confirmation).toContainText('This deletes your 12 forum posts and comments, together with 1 comment of other people under your threads.')
  await expect(confirmation).toContainText('It cannot be undone')
  // the click only asked: nothing deleted, nothing withdrawn
  expect(await postCount(customer)).toBe(12)
  expect(await ledgerRows({ userId: customer.id })).toEqual(ledgerBefore)

  await confirmation.getByLabel('Your password').fill('not-the-password')
  await confirmation.getByRole('button', { name: 'Withdraw and delete 12 posts' }).click()
  await expect(page.locator('#field-password-error')).toContainText('That password is not right.')
  expect(await db.select().from(forumPosts).where(inArray(forumPosts.id, ids))).toHaveLength(13)
  expect(await ledgerRows({ userId: customer.id })).toEqual(ledgerBefore)
  expect(await requestsOf(customer)).toEqual([])

  await confirmation.getByLabel('Your password').fill(customer.password)
  await confirmation.getByRole('button', { name: 'Withdraw and delete 12 posts' }).click()
  await expect(page.getByRole('status')).toContainText('You withdrew your consent to “Forum”')
  expect(await db.select().from(forumPosts).where(inArray(forumPosts.id, ids))).toEqual([])
  expect((await ledgerRows({ userId: customer.id })).at(-1)).toMatchObject({ purpose: 'forum', action: 'withdrawn' })
  expect((await requestsOf(customer)).map((r) => [r.type, r.status])).toEqual([['consent_withdrawal', 'completed']])
})

test('erasing all forum posts from My data: the page names what goes; no password, a wrong one or the session alone delete nothing', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await forumPostsOf(customer, { threads: 2, comments: 10 })
  await loginAs(context, customer, baseURL!)

  const sessionOnly = await post(page, baseURL!, '/my-data/erase/forum_posts', { intent: 'erase', mode: 'delete' })
  expect(sessionOnly.status()).toBe(400)
  expect(await postCount(customer)).toBe(12)

  await page.goto('/my-data')
  await page.locator('#category-forum_posts').getByRole('link', { name: 'Delete all' }).click()
  await expect(page).toHaveURL(/\/my-data\/erase\/forum_posts$/)
  await expect(page.locator('#erase-summary')).toContainText('your 12 forum posts and comments')
  await expect(page.locator('#erase-summary')).toContainText('Deleting also removes 2 comments of other people under your threads.')
  await expect(page.locator('#erase-summary')).toContainText('It cannot be undone')

  const erase = page.getByRole('button', { name: 'Delete 12 forum posts and comments' })
  await erase.click()
  await expect(page.locator('#field-password-error')).toContainText('Enter your password.')
  expect(await postCount(customer)).toBe(12)

  await page.getByLabel('Your password').fill('wrong-password')
  await erase.click()
  await expect(page.locator('#field-password-error')).toContainText('That password is not right.')
  expect(await postCount(customer)).toBe(12)
  expect(await requestsOf(customer)).toEqual([])

  await page.getByLabel('Your password').fill(customer.password)
  await erase.click()
  await expect(page.getByRole('status')).toContainText('Done: 12 items deleted')
  expect(await postCount(customer)).toBe(0)
  expect((await requestsOf(customer)).map((r) => [r.type, r.status])).toEqual([['erasure', 'completed']])
})

test('erasing one forum post needs the password too', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  const [mine] = await db.insert(forumPosts).values({ userId: customer.id, authorName: customer.username, authorEmail: customer.email, title: 'Mine', body: 'my words' }).returning()
  await loginAs(context, customer, baseURL!)

  const sessionOnly = await post(page, baseURL!, `/my-data/erase/forum-post/${mine.id}`, { intent: 'erase', mode: 'delete' })
  expect(sessionOnly.status()).toBe(400)
  expect(await db.select().from(forumPosts).where(eq(forumPosts.id, mine.id))).toHaveLength(1)

  await page.goto(`/my-data/erase/forum-post/${mine.id}`)
  await expect(page.locator('#erase-summary')).toContainText('It cannot be undone')
  await page.getByLabel('Your password').fill('wrong-password')
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page.locator('#field-password-error')).toContainText('That password is not right.')
  expect(await db.select().from(forumPosts).where(eq(forumPosts.id, mine.id))).toHaveLength(1)

  await page.getByLabel('Your password').fill(customer.password)
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('status')).toContainText('1 item deleted')
  expect(await db.select().from(forumPosts).where(and(eq(forumPosts.id, mine.id)))).toEqual([])
})
