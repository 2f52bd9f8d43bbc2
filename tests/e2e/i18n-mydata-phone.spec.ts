// My data on a 375 px phone: nothing makes the page scroll sideways, wide tables scroll inside a region a
// keyboard can reach, actions are separate buttons with full words, and a category has one correction link.
import { expect, test } from '@playwright/test'
import { db } from '#db/client.server'
import { contactMessages, forumPosts, payments, recipients, vpnSessions } from '#db/schema'
import { eq } from 'drizzle-orm'
import { createUser, loginAs } from '../support/fixtures'

test.use({ viewport: { width: 375, height: 800 } })

test('at 375 px no page of My data or My requests is wider than the screen, and every table is reachable by keyboard', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000)
  const user = await createUser()
  await db.insert(vpnSessions).values(
    Array.from({ length: 30 }, (_, i) => ({ userId: user.id, clientIp: i % 2 ? '2001:db8:4f2a:17::1c' : '198.51.100.23', serverId: 'de-fra-12', startedAt: new Date(Date.now() - i * 3_600_000) })),
  )
  const [paypal] = await db.select().from(recipients).where(eq(recipients.slug, 'paypal'))
  await db.insert(payments).values({ userId: user.id, paidAt: new Date(), transactionNumber: 'PP-PHONE-1', providerId: paypal.id, amountCents: 5394, currency: 'EUR' })
  await db.insert(forumPosts).values({
    userId: user.id,
    authorName: user.username,
    authorEmail: user.email,
    title: 'A rather long title about DNS leaks after a router firmware update',
    body: 'Since a router firmware update the DNS leak test shows my provider’s resolver again, although the app uses the VPN’s DNS servers. '.repeat(3),
  })
  await db.insert(contactMessages).values({ userId: user.id, name: 'Phone Person', email: user.email, message: 'Where is my invoice for March? '.repeat(5) })
  await loginAs(context, user, baseURL!)

  for (const path of ['/my-data', '/my-data/vpn_sessions', '/my-data/forum_posts', '/my-data/contact_messages', '/my-data/payments', '/my-data/history', '/my-data/correction/vpn_sessions', '/requests', '/requests/new']) {
    await page.goto(path)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(375)
  }

  // the VPN sessions table is wider than the phone: it scrolls inside its region, which Tab reaches
  await page.goto('/my-data/vpn_sessions')
  const region = page.getByRole('region', { name: /VPN sessions: table/ })
  await expect(region).toHaveAttribute('tabindex', '0')
  expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
  let reached = false
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await region.evaluate((el) => el === document.activeElement)
  }
  expect(reached, 'the table region is reached with Tab').toBe(true)
  // the arrow keys scroll the focused region sideways
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)

  // one correction link for the category, not one per session
  await expect(page.getByRole('link', { name: /^Correct/ })).toHaveCount(1)
  await expect(page.locator('tbody tr')).toHaveCount(20)

  // a forum post's actions: two separate buttons with full words, side by side with space between them
  await page.goto('/my-data/forum_posts')
  const card = page.locator('.item-card').first()
  const edit = card.getByRole('link', { name: /^Edit/ })
  const erase = card.getByRole('link', { name: /^Delete/ })
  // the visible words (the accessible name adds which post)
  expect(await edit.evaluate((el) => el.childNodes[0].textContent)).toBe('Edit')
  expect(await erase.evaluate((el) => el.childNodes[0].textContent)).toBe('Delete')
  const [a, b] = [await edit.boundingBox(), await erase.boundingBox()]
  expect(a && b && (b.x >= a.x + a.width + 4 || b.y >= a.y + a.height + 4), 'Edit and Delete do not touch').toBe(true)
  expect(a!.height).toBeGreaterThanOrEqual(24)
})
