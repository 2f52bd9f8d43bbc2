import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { forumPosts, vpnSessions } from '#db/schema'
import { createUser, loginAs } from '../support/fixtures'

test('a customer erases their VPN session records from My data, and the receipt appears with their requests', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await db.insert(vpnSessions).values([1, 2].map((h) => ({ userId: user.id, clientIp: '198.51.100.30', serverId: 'at-vie-1', startedAt: new Date(Date.now() - h * 3600_000) })))
  await loginAs(context, user, baseURL!)
  await page.goto('/my-data')
  await page.locator('#category-vpn_sessions').getByRole('link', { name: 'Delete all' }).click()
  await expect(page).toHaveURL(/\/my-data\/erase\/vpn_sessions$/)
  // the URL changes before the new page is on screen (React Router renders in a transition), and My data has a
  // "Your password" field of its own (the access package): fill the one in the deletion form
  const confirm = page.getByRole('form', { name: 'Confirm the deletion' })
  await confirm.getByLabel('Your password').fill(user.password)
  await confirm.getByRole('button', { name: 'Delete 2 VPN session records' }).click()
  await expect(page.getByRole('status')).toContainText('Done: 2 items deleted')
  expect(await db.select().from(vpnSessions).where(eq(vpnSessions.userId, user.id))).toEqual([])

  await page.goto('/requests')
  await expect(page.locator('#receipts')).toContainText('VPN session records')
  await expect(page.locator('#receipts')).toContainText('2 deleted')
})

test('a forum post is anonymised from its own page; another customer’s post id gives 404 and erases nothing', async ({ page, context, baseURL }) => {
  const user = await createUser()
  const other = await createUser()
  const [mine] = await db.insert(forumPosts).values({ userId: user.id, authorName: user.username, authorEmail: user.email, title: 'Mine', body: 'my words' }).returning()
  const [theirs] = await db.insert(forumPosts).values({ userId: other.id, authorName: other.username, authorEmail: other.email, title: 'Theirs', body: 'their words' }).returning()
  await loginAs(context, user, baseURL!)

  const response = await page.goto(`/my-data/erase/forum-post/${theirs.id}`)
  expect(response!.status()).toBe(404)
  // posting directly to it is refused the same way
  const posted = await page.request.post(`/my-data/erase/forum-post/${theirs.id}`, { form: { intent: 'erase', mode: 'delete', password: user.password }, headers: { Origin: new URL(baseURL!).origin } })
  expect(posted.status()).toBe(404)
  expect(await db.select().from(forumPosts).where(eq(forumPosts.id, theirs.id))).toHaveLength(1)
  expect((await page.goto('/my-data/erase/forum-post/not-a-number'))!.status()).toBe(404)
  expect((await page.goto('/my-data/erase/payments'))!.status()).toBe(404)

  await page.goto(`/my-data/erase/forum-post/${mine.id}`)
  await page.getByLabel(/Anonymise it/).check()
  await page.getByLabel('Your password').fill(user.password)
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(page.getByRole('status')).toContainText('1 item anonymised')
  const [row] = await db.select().from(forumPosts).where(eq(forumPosts.id, mine.id))
  expect(row).toMatchObject({ authorName: 'deleted user', authorEmail: null, userId: null, body: 'my words' })
})
