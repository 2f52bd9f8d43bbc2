// One truth about consent: /my-data shows each consent in the state /consents shows, in both languages.
import { expect, test, type Page } from '@playwright/test'
import { db } from '#db/client.server'
import { recordConsents } from '~/lib/consent/consent.server'
import { createUser, loginAs } from '../support/fixtures'

const MARKETING = /Advertising/

async function consentsSays(page: Page) {
  await page.goto('/consents')
  return (await page.getByRole('region', { name: MARKETING }).locator('.consent-state').innerText()).trim()
}

// The marketing line of the "your consents now" list on /my-data, and the cookie category page's row.
async function myDataSays(page: Page, lng?: 'de') {
  await page.goto(`/my-data${lng ? `?lng=${lng}` : ''}`)
  const line = page.getByTestId('consent-now-consents').locator('[data-purpose="marketing"]')
  await page.goto(`/my-data/cookies${lng ? `?lng=${lng}` : ''}`)
  const row = page.locator('#item-cookies-marketing td[data-field="choice"]')
  const cookies = (await row.innerText()).trim()
  await page.goto(`/my-data${lng ? `?lng=${lng}` : ''}`)
  return { state: await line.getAttribute('data-state'), text: (await line.innerText()).trim(), cookies }
}

test('a choice made in this browser before logging in: /my-data says what /consents says, not an older ledger row', async ({ browser, baseURL }) => {
  const customer = await createUser()
  // two years ago, in another browser, the customer accepted all cookies while logged in
  await recordConsents(db, {
    subject: { userId: customer.id, visitorId: 'AAAAAAAAAAAAAAAAAAAAAA' },
    method: 'banner_accept_all',
    choices: [
      { purpose: 'analytics', action: 'given' },
      { purpose: 'marketing', action: 'given' },
      { purpose: 'external_media', action: 'given' },
    ],
  })
  // in this browser, logged out, they rejected all; then they log in
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('region', { name: /Cookies on this site|Cookies auf dieser Website/ }).getByRole('button', { name: /Reject all|Alle ablehnen/ }).click()
  await expect(page.getByRole('region', { name: /Cookies on this site|Cookies auf dieser Website/ })).toHaveCount(0)
  await loginAs(context, customer, baseURL!)

  expect(await consentsSays(page)).toMatch(/^Withdrawn on .* · in this browser$/)
  const shown = await myDataSays(page)
  expect(shown.state).toBe('withdrawn')
  expect(shown.text).toMatch(/Withdrawn on .* · in this browser/)
  expect(shown.cookies).toMatch(/^Withdrawn on .* · in this browser$/)
  await context.close()
})

test('after withdrawing marketing on /consents, /my-data shows it withdrawn, in English and in German', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await loginAs(context, customer, baseURL!)
  await page.goto('/consents')
  await page.getByRole('region', { name: 'Cookies on this site' }).getByRole('button', { name: 'Accept all' }).click()
  await expect(page.getByRole('region', { name: MARKETING }).locator('.consent-state')).toContainText('Given on')

  let shown = await myDataSays(page)
  expect(shown.state).toBe('given')
  expect(shown.text).toMatch(/Given on .* · in this browser/)

  await page.goto('/consents')
  await page.getByRole('region', { name: MARKETING }).getByRole('button', { name: 'Withdraw consent' }).click()
  await expect(page.getByRole('status')).toContainText('Advertising')
  expect(await consentsSays(page)).toMatch(/^Withdrawn on/)

  shown = await myDataSays(page)
  expect(shown.state).toBe('withdrawn')
  expect(shown.text).toMatch(/Withdrawn on \d{1,2} \w{3,4} \d{4}, \d{2}:\d{2} · in this browser/)
  expect(shown.cookies).toMatch(/^Withdrawn on/)

  const german = await myDataSays(page, 'de')
  expect(german.state).toBe('withdrawn')
  expect(german.text).toMatch(/Widerrufen am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} · in diesem Browser/)
  expect(german.cookies).toMatch(/^Widerrufen am/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
})
