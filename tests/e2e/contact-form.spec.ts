import { expect, test, type Page } from '@playwright/test'
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { contactMessages } from '#db/schema'
import { keyed } from '~/lib/platform/rate-limit.server'
import { consentStateOf, ledgerRows } from '../support/consent-helpers'
import { uniqueName } from '../support/fixtures'

async function messagesFrom(email: string) {
  return db.select().from(contactMessages).where(sql`lower(${contactMessages.email}) = lower(${email})`)
}

async function fillContactForm(page: Page, { name, email, message }: { name: string; email: string; message: string }) {
  await page.goto('/contact')
  const main = page.getByRole('main')
  await main.getByLabel('Your name').fill(name)
  await main.getByLabel('Email address').fill(email)
  await main.getByLabel('Message', { exact: true }).fill(message)
}

const send = (page: Page) => page.getByRole('main').getByRole('button', { name: 'Send message' }).click()

test('a visitor without an account sends a message with consent; the message and the consent are stored', async ({ page }) => {
  const email = `${uniqueName('writer')}@example.test`
  await fillContactForm(page, { name: 'Wanda Writer', email, message: 'Do you keep DNS logs?' })
  const consent = page.getByRole('main').getByRole('checkbox', { name: /I agree that my message/ })
  await expect(consent).not.toBeChecked()
  await consent.check()
  await send(page)
  await expect(page.getByRole('status')).toContainText('we received your message')

  const [stored] = await messagesFrom(email)
  expect(stored).toMatchObject({ name: 'Wanda Writer', message: 'Do you keep DNS logs?', userId: null })
  const rows = await ledgerRows({ email })
  expect(rows.map((r) => [r.purpose, r.action, r.method])).toEqual([['contact_form', 'given', 'contact_form']])
})

test('without the consent box, with the honeypot filled, or with an oversized message: a clear message and nothing stored', async ({ page }) => {
  const email = `${uniqueName('refused')}@example.test`
  const main = page.getByRole('main')

  await fillContactForm(page, { name: 'No Consent', email, message: 'Hello' })
  await send(page)
  await expect(page.locator('#field-consent-error')).toContainText('Tick the box')

  await fillContactForm(page, { name: 'Busy Bot', email, message: 'Buy now' })
  await main.getByRole('checkbox', { name: /I agree that my message/ }).check()
  // a bot fills every field it finds, including the one people never see
  await page.locator('#field-website').fill('http://spam.example', { force: true })
  await send(page)
  await expect(main.getByRole('alert')).toContainText('a field that must stay empty was filled in')

  await fillContactForm(page, { name: 'Long Writer', email, message: 'x'.repeat(5001) })
  await main.getByRole('checkbox', { name: /I agree that my message/ }).check()
  // the textarea's own maxlength would cut it; a hostile client sends it anyway
  await page.locator('#field-message').evaluate((el) => el.removeAttribute('maxlength'))
  await page.locator('#field-message').fill('x'.repeat(5001))
  await send(page)
  await expect(page.locator('#field-message-error')).toContainText('at most 5000 characters')

  expect(await messagesFrom(email)).toEqual([])
  expect(await ledgerRows({ email })).toEqual([])
})

test('too many messages from one address in an hour are refused and not stored', async ({ page }) => {
  const email = `${uniqueName('flood')}@example.test`
  // this hour's window and the next one's full, so the hour may turn while the test runs
  await db.execute(sql`
    insert into rate_limits (bucket, key_hash, window_start, count)
    select 'contact-email', ${keyed('contact-email', email)}, to_timestamp((floor(extract(epoch from now()) / 3600) + w) * 3600), 5
    from generate_series(0, 1) as w`)
  await fillContactForm(page, { name: 'Flood', email, message: 'Once more' })
  await page.getByRole('main').getByRole('checkbox', { name: /I agree that my message/ }).check()
  await send(page)
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Too many messages')
  expect(await messagesFrom(email)).toEqual([])
})

test('the map loads nothing from Google until external media is allowed, then its button records the consent and loads it', async ({ page, context, baseURL }) => {
  const thirdParty: string[] = []
  // never reach the internet: any request off this origin is answered here and noted
  await context.route(
    (url) => url.origin !== new URL(baseURL!).origin,
    (route) => {
      thirdParty.push(route.request().url())
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<p>stand-in map</p>' })
    },
  )
  const response = await page.goto('/contact')
  expect(response!.headers()['content-security-policy']).toContain("frame-src 'none'")
  const placeholder = page.getByRole('group', { name: /not loaded/ })
  await expect(placeholder).toContainText('Google')
  await expect(page.locator('iframe')).toHaveCount(0)
  expect(thirdParty).toEqual([])

  await placeholder.getByRole('button', { name: 'Allow external media and load the map' }).click()
  await expect(page).toHaveURL(/\/contact$/)
  const frame = page.locator('iframe.embed-frame')
  await expect(frame).toHaveAttribute('src', /^https:\/\/www\.google\.com\/maps\?q=/)
  const state = await consentStateOf(context, baseURL!)
  expect([...state.allowed]).toEqual(['external_media'])
  expect((await ledgerRows({ visitorId: state.visitorId! })).map((r) => [r.purpose, r.action, r.method])).toEqual([['external_media', 'given', 'settings_toggle']])
  const reloaded = await page.goto('/contact')
  expect(reloaded!.headers()['content-security-policy']).toContain('frame-src https://www.google.com')
  // a choice was made: the banner goes, and what it did not cover stays off
  await expect(page.getByRole('region', { name: 'Cookies on this site' })).toHaveCount(0)
})
