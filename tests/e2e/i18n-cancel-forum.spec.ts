// A German customer with forum posts gets the same choice as an English one when cancelling: delete the posts
// or keep them anonymised. The page used to look for a list entry starting with "forum", which the German
// category name ("Forenbeiträge und Kommentare") does not.
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { forumPosts } from '#db/schema'
import { createUser, loginAs } from '../support/fixtures'

for (const locale of ['de-DE', 'en-GB']) {
  test(`cancelling with forum posts offers delete or anonymise (${locale})`, async ({ browser, baseURL }) => {
    const customer = await createUser()
    await db.insert(forumPosts).values({ userId: customer.id, authorName: customer.username, authorEmail: customer.email, body: 'Ein Beitrag' })
    const context = await browser.newContext({ locale })
    await loginAs(context, customer, baseURL!)
    const page = await context.newPage()
    await page.goto('/account/cancel')
    await expect(page.locator('html')).toHaveAttribute('lang', locale.slice(0, 2))
    await expect(page.locator('input[name="forumMode"][value="delete"]')).toBeVisible()
    await expect(page.locator('input[name="forumMode"][value="anonymise"]')).toBeVisible()
    // the list names the records in the page's language
    const list = await page.locator('#list-deleted').innerText()
    expect(list).toContain(locale === 'de-DE' ? 'Forenbeiträge' : 'Forum')
    expect(list).not.toMatch(locale === 'de-DE' ? /privacy requests|Sign-in sessions/ : /Datenschutzanträge/)
    await context.close()
    await db.delete(forumPosts).where(eq(forumPosts.userId, customer.id))
  })
}
