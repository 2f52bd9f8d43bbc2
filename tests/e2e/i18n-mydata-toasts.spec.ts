// Outcomes are toasts, shown once, never text or numbers read from the URL; and what happened is said in
// words: no event kind, request type, status or consent method reaches the page as its code.
import { expect, test } from '@playwright/test'
import { db } from '#db/client.server'
import { forumPosts } from '#db/schema'
import { giveCustomerConsent, withdrawCustomerConsent } from '~/lib/consent/consent.server'
import { createUser, loginAs } from '../support/fixtures'

test('a crafted ?done= or ?correction= URL shows nothing; a real outcome is a toast shown once', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await db.insert(forumPosts).values([1, 2].map((i) => ({ userId: user.id, authorName: user.username, authorEmail: user.email, body: `post ${i}` })))
  await loginAs(context, user, baseURL!)
  let dialogs = 0
  page.on('dialog', (d) => {
    dialogs++
    void d.dismiss()
  })

  const crafted = [
    '/my-data/erase/forum_posts?done=DSR-2026-000001&rows=999&action=deleted',
    `/my-data/erase/forum_posts?done=${encodeURIComponent('<script>alert(1)</script>')}&rows=1&action=deleted`,
    '/my-data?correction=DSR-2026-000001&statement=DSR-2026-000002&package=busy',
    '/my-data/history?corrected=DSR-2026-000003&request=1',
    '/requests/new?resent=1',
  ]
  for (const url of crafted) {
    await page.goto(url)
    await expect(page.getByRole('status'), url).toHaveCount(0)
    const main = await page.locator('main').innerText()
    expect(main, url).not.toMatch(/DSR-2026-00000[123]|999 items|<script>|Done:|Saved as request|new code|Many copies/)
  }
  expect(dialogs).toBe(0)

  // the real thing: the erasure says what happened, once
  await page.goto('/my-data/erase/forum_posts')
  await page.getByLabel('Delete them').check()
  await page.getByLabel('Your password').fill(user.password)
  await page.getByRole('button', { name: 'Delete 2 forum posts and comments' }).click()
  await expect(page.getByRole('status')).toContainText(/Done: 2 items deleted\. Request DSR-\d{4}-\d+ records it/)
  expect(page.url()).not.toContain('?')
  await page.reload()
  await expect(page.getByRole('status')).toHaveCount(0)
})

test('the customer’s own erasure says "You deleted your forum posts", and no code shows on their requests or consents', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await db.insert(forumPosts).values([1, 2, 3].map((i) => ({ userId: user.id, authorName: user.username, authorEmail: user.email, body: `post ${i}` })))
  await giveCustomerConsent({ userId: user.id, purpose: 'contact_form' })
  await withdrawCustomerConsent({ userId: user.id, email: user.email, purpose: 'contact_form' })
  await loginAs(context, user, baseURL!)

  await page.goto('/my-data/erase/forum_posts')
  await page.getByLabel('Your password').fill(user.password)
  await page.getByRole('button', { name: 'Delete 3 forum posts and comments' }).click()
  await expect(page.getByRole('status')).toContainText('3 items deleted')

  await page.goto('/requests')
  const list = await page.locator('main').innerText()
  expect(list).toContain('Erasure (Art. 17)')
  expect(list).toContain('Withdrawal of consent (Art. 7(3))')
  expect(list).toContain('Forum posts and comments')
  expect(list).toContain('You asked for it')
  expect(list).not.toMatch(/\b(consent_withdrawal|erasure_request|in_progress|forum_posts|data_deleted)\b/)

  await page.locator('table.requests tbody tr').filter({ hasText: 'Erasure' }).getByRole('link').click()
  const events = page.locator('table.request-events')
  await expect(events).toContainText('You deleted your forum posts and comments: 3 items')
  await expect(events).not.toContainText(/retention|Data deleted|data_deleted/)
  await expect(events.locator('tbody tr').last().locator('td').last()).toHaveText('You')

  // in German, the same step in German words
  await page.goto(`${page.url()}?lng=de`)
  await expect(page.locator('table.request-events')).toContainText('Sie haben Ihre Forumsbeiträge und Kommentare gelöscht: 3 Einträge')

  // the consent records: methods and actions in words, no "Purpose key" column
  await page.goto('/my-data/consents')
  const table = page.locator('table.items-table')
  await expect(table).toContainText('Switched in your settings')
  await expect(table).toContainText('Withdrawn')
  await expect(table).not.toContainText(/settings_toggle|withdrawn\b|given\b|contact_form/)
  expect(await page.locator('th').allInnerTexts()).not.toContain('Purpose key')
})
