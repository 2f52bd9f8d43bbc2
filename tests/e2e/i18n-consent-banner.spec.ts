// Issue 12: the cookie banner, on every page, in German for a German browser; rejecting and accepting work
// the same as in English, and nothing English or internal shows.
import { expect, test, type Page } from '@playwright/test'
import { OPTIONAL_COOKIE_CATEGORIES } from '~/lib/consent/consent.server'
import { consentStateOf, ledgerRows } from '../support/consent-helpers'

test.use({ locale: 'de-DE' })

const banner = (page: Page) => page.getByRole('region', { name: 'Cookies auf dieser Website' })

// Words of the English banner and settings that must not show on a German page, and raw catalogue keys.
const ENGLISH = ['Cookies on this site', 'Accept all', 'Reject all', 'Let me choose', 'cookie notice', 'Allow selection', 'Always on', 'Legal basis', 'How long', 'Services', 'GDPR', 'Cookie settings']

async function expectGermanBanner(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  const text = await banner(page).textContent()
  for (const word of ENGLISH) expect(text, word).not.toContain(word)
  expect(text).not.toMatch(/\b(consent|policy|common):[a-z]/i)
  // no internal codes (analytics, external_media, art6_1_a) stand in for words
  expect(text).not.toMatch(/\b[a-z]+(?:_[a-z0-9]+)+\b/)
}

test('a German browser gets the banner in German on every page; "Alle ablehnen" records a rejection of each category', async ({ page, context, baseURL }) => {
  for (const path of ['/', '/privacy', '/contact', '/feed']) {
    await page.goto(path)
    await expect(banner(page)).toBeVisible()
  }
  await expectGermanBanner(page)
  const region = banner(page)
  // the per-category choice is the second layer, behind "Einzeln auswählen"
  await region.locator('summary', { hasText: 'Einzeln auswählen' }).click()
  await expect(region).toContainText('Immer aktiv')
  for (const category of ['Webanalyse (Google Analytics)', 'Werbung', 'Externe Medien (YouTube und Google Maps)']) {
    await expect(region.getByRole('checkbox', { name: new RegExp(category.replace(/[()]/g, '\\$&')) })).not.toBeChecked()
  }
  // the registry's texts in German: legal basis, how long, the service and where it is
  await region.getByText('Was das ist und wer es anbietet').nth(1).click()
  await expect(region).toContainText('Art. 6 Abs. 1 lit. a DSGVO')
  await expect(region).toContainText('Laufzeit des jeweiligen Cookies')
  await expect(region).toContainText('Irland; Daten können in die Vereinigten Staaten übermittelt werden')

  await region.getByRole('button', { name: 'Alle ablehnen' }).click()
  await expect(page).toHaveURL(/\/feed$/)
  await expect(banner(page)).toHaveCount(0)
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  const state = await consentStateOf(context, baseURL!)
  expect([...state.allowed]).toEqual([])
  expect((await ledgerRows({ visitorId: state.visitorId! })).map((r) => [r.purpose, r.action, r.method])).toEqual(
    OPTIONAL_COOKIE_CATEGORIES.map((c) => [c, 'withdrawn', 'banner_reject_all']),
  )
})

test('"Alle akzeptieren" in German records consent to each category', async ({ page, context, baseURL }) => {
  await page.goto('/')
  await banner(page).getByRole('button', { name: 'Alle akzeptieren' }).click()
  await expect(banner(page)).toHaveCount(0)
  const state = await consentStateOf(context, baseURL!)
  expect([...state.allowed].sort()).toEqual([...OPTIONAL_COOKIE_CATEGORIES].sort())
  expect((await ledgerRows({ visitorId: state.visitorId! })).map((r) => [r.purpose, r.action, r.method])).toEqual(
    OPTIONAL_COOKIE_CATEGORIES.map((c) => [c, 'given', 'banner_accept_all']),
  )
})

test.describe('a German browser sending Global Privacy Control', () => {
  test.use({ extraHTTPHeaders: { 'Sec-GPC': '1' } })

  test('is told in German that analytics and advertising are off', async ({ page }) => {
    await page.goto('/')
    await expect(banner(page)).toContainText('Ihr Browser sendet ein Global-Privacy-Control-Signal')
    await expectGermanBanner(page)
  })
})
