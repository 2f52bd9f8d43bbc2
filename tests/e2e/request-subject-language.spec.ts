import { expect, test } from '@playwright/test'
import { db } from '#db/client.server'
import { createRequest } from '~/lib/requests/dsr.server'
import { createUser, loginAs } from '../support/fixtures'

// The portal wrote the subject lines of the requests it opened in English; a German reader reads them in German.
test("a request's subject line is in the reader's language, also where it was stored in English", async ({ page, context, baseURL }) => {
  const owner = await createUser()
  const actor = { type: 'customer' as const, id: owner.id }
  const cancellation = await createRequest(db, { userId: owner.id, type: 'erasure', status: 'in_progress', subject: 'Account cancellation', actor })
  const copy = await createRequest(db, { userId: owner.id, type: 'access', status: 'completed', subject: 'Copy of your data (access package)', actor })
  await loginAs(context, owner, baseURL!)

  await page.goto(`/requests/${cancellation.id}?lng=de`)
  const subject = page.locator('dt', { hasText: 'Betreff' }).locator('xpath=following-sibling::dd[1]')
  await expect(subject).toHaveText('Kündigung des Kontos')
  await expect(subject).not.toHaveAttribute('lang', 'en')
  await page.goto(`/requests/${cancellation.id}?lng=en`)
  await expect(page.locator('dt', { hasText: 'Subject' }).locator('xpath=following-sibling::dd[1]')).toHaveText('Account cancellation')

  // the type ("Auskunft") says what a copy of one's data is: no English subject line under it
  await page.goto(`/requests/${copy.id}?lng=de`)
  await expect(page.locator('main')).toContainText(copy.number)
  await expect(page.locator('dt', { hasText: 'Betreff' })).toHaveCount(0)
  await expect(page.locator('main')).not.toContainText('Copy of your data')
})
