// Global Privacy Control: the site says it honours the signal, and a customer whose browser starts sending it
// after allowing analytics gets that consent withdrawn, recorded once, and told so.
import { expect, test } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests } from '#db/schema'
import { consentStateOf, ledgerRows } from '../support/consent-helpers'
import { createUser, loginAs } from '../support/fixtures'

test('/.well-known/gpc.json says the site honours GPC', async ({ request }) => {
  const response = await request.get('/.well-known/gpc.json')
  expect(response.status()).toBe(200)
  expect(response.headers()['content-type']).toMatch(/^application\/json/)
  const body = await response.json()
  expect(body).toEqual({ gpc: true, lastUpdate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
  expect(Number.isNaN(Date.parse(body.lastUpdate))).toBe(false)
})

test('a customer who allowed analytics and then sends GPC: one withdrawal in the ledger, "signal honoured" on /consents and /cookies', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await loginAs(context, customer, baseURL!)
  // the choice, made without the signal
  await page.goto('/cookies')
  const settings = page.getByRole('main')
  await settings.getByRole('checkbox', { name: /Website analytics/ }).check()
  await settings.getByRole('button', { name: 'Allow selection' }).click()
  await expect(page.getByText('Your current choice was recorded')).toBeVisible()
  const before = await ledgerRows({ userId: customer.id })
  expect(before.map((r) => [r.purpose, r.action])).toEqual([
    ['analytics', 'given'],
    ['marketing', 'withdrawn'],
    ['external_media', 'withdrawn'],
  ])

  // from now on the browser sends the signal: several page views, one objection
  await context.setExtraHTTPHeaders({ 'Sec-GPC': '1' })
  for (const path of ['/', '/my-data', '/consents', '/cookies', '/consents']) await page.goto(path)
  const after = (await ledgerRows({ userId: customer.id })).slice(before.length)
  expect(after.map((r) => [r.purpose, r.action, r.method])).toEqual([['analytics', 'withdrawn', 'global_privacy_control']])
  expect(after[0].visitorId).not.toBeNull()
  // a withdrawal by a customer shows in their request history, like one made by hand
  const withdrawals = await db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.userId, customer.id), eq(dataSubjectRequests.type, 'consent_withdrawal')))
  expect(withdrawals).toHaveLength(1)
  expect(withdrawals[0].status).toBe('completed')
  // the browser's consent record no longer allows analytics
  expect([...(await consentStateOf(context, baseURL!)).allowed]).toEqual([])

  await page.goto('/consents')
  await expect(page.getByRole('main')).toContainText('Global Privacy Control: signal honoured.')
  const analytics = page.getByRole('region', { name: 'Website analytics' })
  await expect(analytics.locator('.consent-state')).not.toContainText('Given')
  await page.goto('/cookies')
  await expect(page.getByRole('main')).toContainText('Global Privacy Control: signal honoured.')
  await expect(page.getByRole('main').getByRole('checkbox', { name: /Website analytics/ })).not.toBeChecked()

  // ticking it again with the signal on is the customer's own choice, and it stays
  await page.getByRole('main').getByRole('checkbox', { name: /Website analytics/ }).check()
  await page.getByRole('main').getByRole('button', { name: 'Allow selection' }).click()
  await expect(page.getByText('Your current choice was recorded')).toBeVisible()
  for (const path of ['/', '/consents']) await page.goto(path)
  expect([...(await consentStateOf(context, baseURL!)).allowed]).toEqual(['analytics'])
  const gpcRows = (await ledgerRows({ userId: customer.id })).filter((r) => r.method === 'global_privacy_control')
  expect(gpcRows).toHaveLength(1)
})

test.describe('in German', () => {
  test.use({ locale: 'de-DE', extraHTTPHeaders: { 'Sec-GPC': '1' } })

  test('/consents and /cookies say "Signal berücksichtigt"', async ({ page, context, baseURL }) => {
    const customer = await createUser()
    await loginAs(context, customer, baseURL!)
    for (const path of ['/consents', '/cookies']) {
      await page.goto(path)
      await expect(page.locator('html')).toHaveAttribute('lang', 'de')
      await expect(page.getByRole('main')).toContainText('Global Privacy Control: Signal berücksichtigt.')
      await expect(page.getByRole('main')).not.toContainText('signal honoured')
    }
  })
})
