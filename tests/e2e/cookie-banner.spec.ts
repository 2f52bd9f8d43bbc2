import { randomBytes } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests } from '#db/schema'
import { OPTIONAL_COOKIE_CATEGORIES } from '~/lib/consent/consent.server'
import { CONSENT_COOKIE_NAME } from '~/lib/consent/cookie-consent.server'
import { currentNoticeLabel } from '~/lib/policy/policy.server'
import { consentStateOf, forgeConsentCookie, FRAMEWORK_STORAGE_KEYS, ledgerRows, NECESSARY_COOKIES } from '../support/consent-helpers'
import { createUser, loginAs } from '../support/fixtures'

const banner = (page: Page) => page.getByRole('region', { name: 'Cookies on this site' })
// the banner's second layer: "Let me choose" is the <summary> of a <details> holding the per-category choice
const openSettings = (page: Page) => banner(page).locator('summary', { hasText: 'Let me choose' }).click()

async function storageKeys(page: Page) {
  return page.evaluate(() => ({ local: Object.keys(localStorage), session: Object.keys(sessionStorage) }))
}

test('a first visit sets no cookie and no storage; the banner offers everything unticked, reject as visible as accept', async ({ page, context }) => {
  for (const path of ['/', '/privacy', '/contact', '/feed', '/login']) {
    await page.goto(path)
    await expect(banner(page)).toBeVisible()
  }
  // nothing at all: not even the consent record exists before a choice
  expect(await context.cookies()).toEqual([])
  const keys = await storageKeys(page)
  expect(keys.local).toEqual([])
  expect(keys.session.filter((k) => !FRAMEWORK_STORAGE_KEYS.includes(k))).toEqual([])

  const region = banner(page)
  await openSettings(page)
  for (const category of ['Website analytics', 'Advertising', 'External media']) {
    await expect(region.getByRole('checkbox', { name: new RegExp(category) })).not.toBeChecked()
  }
  await expect(region).toContainText('Always on')
  await expect(region).toContainText('Google')
  const accept = region.getByRole('button', { name: 'Accept all' })
  const reject = region.getByRole('button', { name: 'Reject all' })
  expect(await reject.getAttribute('class')).toBe(await accept.getAttribute('class'))
  const [acceptBox, rejectBox] = [await accept.boundingBox(), await reject.boundingBox()]
  expect(Math.abs(acceptBox!.height - rejectBox!.height)).toBeLessThanOrEqual(1)
  expect(Math.abs(acceptBox!.width - rejectBox!.width)).toBeLessThanOrEqual(acceptBox!.width * 0.2)
})

test('"Reject all" sets only the necessary consent record and records a rejection of each category', async ({ page, context, baseURL }) => {
  await page.goto('/privacy')
  await banner(page).getByRole('button', { name: 'Reject all' }).click()
  await expect(page).toHaveURL(/\/privacy$/)
  await expect(banner(page)).toHaveCount(0)

  const cookies = await context.cookies()
  expect(cookies.map((c) => c.name)).toEqual([CONSENT_COOKIE_NAME])
  expect(cookies[0]).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' })
  const state = await consentStateOf(context, baseURL!)
  expect(state.decided).toBe(true)
  expect([...state.allowed]).toEqual([])

  const rows = await ledgerRows({ visitorId: state.visitorId! })
  const version = await currentNoticeLabel('cookies')
  expect(rows.map((r) => [r.purpose, r.action, r.method, r.policyVersion])).toEqual(
    OPTIONAL_COOKIE_CATEGORIES.map((c) => [c, 'withdrawn', 'banner_reject_all', version]),
  )
  expect(rows.every((r) => r.userId === null && r.email === null)).toBe(true)

  // the banner stays away on other pages, and still nothing beyond the necessary cookie
  await page.goto('/contact')
  await expect(banner(page)).toHaveCount(0)
  expect((await context.cookies()).map((c) => c.name)).toEqual([CONSENT_COOKIE_NAME])
})

test('"Accept all" records consent to each category under the cookie notice version', async ({ page, context, baseURL }) => {
  await page.goto('/')
  await banner(page).getByRole('button', { name: 'Accept all' }).click()
  await expect(banner(page)).toHaveCount(0)
  const state = await consentStateOf(context, baseURL!)
  expect([...state.allowed].sort()).toEqual([...OPTIONAL_COOKIE_CATEGORIES].sort())
  const rows = await ledgerRows({ visitorId: state.visitorId! })
  expect(rows.map((r) => [r.purpose, r.action, r.method])).toEqual(OPTIONAL_COOKIE_CATEGORIES.map((c) => [c, 'given', 'banner_accept_all']))
})

test('a per-category choice allows only what was ticked', async ({ page, context, baseURL }) => {
  await page.goto('/')
  await openSettings(page)
  await banner(page).getByRole('checkbox', { name: /External media/ }).check()
  await banner(page).getByRole('button', { name: 'Allow selection' }).click()
  await expect(banner(page)).toHaveCount(0)
  const state = await consentStateOf(context, baseURL!)
  expect([...state.allowed]).toEqual(['external_media'])
  const rows = await ledgerRows({ visitorId: state.visitorId! })
  expect(rows.map((r) => [r.purpose, r.action, r.method])).toEqual([
    ['analytics', 'withdrawn', 'banner_save'],
    ['marketing', 'withdrawn', 'banner_save'],
    ['external_media', 'given', 'banner_save'],
  ])
})

test.describe('a browser sending Global Privacy Control', () => {
  test.use({ extraHTTPHeaders: { 'Sec-GPC': '1' } })

  test('gets analytics and marketing off by default, recorded as such, and "Accept all" leaves them off', async ({ page, context, baseURL }) => {
    await page.goto('/')
    await expect(banner(page)).toContainText('Global Privacy Control')
    let state = await consentStateOf(context, baseURL!)
    expect(state.decided).toBe(false)
    expect(state.gpcRecorded).toBe(true)
    const recorded = await ledgerRows({ visitorId: state.visitorId! })
    expect(recorded.map((r) => [r.purpose, r.action, r.method])).toEqual([
      ['analytics', 'withdrawn', 'global_privacy_control'],
      ['marketing', 'withdrawn', 'global_privacy_control'],
    ])
    // recorded once, not on every page
    await page.goto('/privacy')
    expect(await ledgerRows({ visitorId: state.visitorId! })).toHaveLength(2)

    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect(banner(page)).toHaveCount(0)
    state = await consentStateOf(context, baseURL!)
    expect([...state.allowed]).toEqual(['external_media'])
    const rows = await ledgerRows({ visitorId: state.visitorId! })
    expect(rows.slice(2).map((r) => [r.purpose, r.action, r.method])).toEqual([
      ['analytics', 'withdrawn', 'global_privacy_control'],
      ['marketing', 'withdrawn', 'global_privacy_control'],
      ['external_media', 'given', 'banner_accept_all'],
    ])
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('"Reject all" and "Accept all" work as plain forms', async ({ page, context, baseURL }) => {
    await page.goto('/privacy')
    await banner(page).getByRole('button', { name: 'Reject all' }).click()
    await expect(page).toHaveURL(/\/privacy$/)
    await expect(banner(page)).toHaveCount(0)
    const rejected = await consentStateOf(context, baseURL!)
    expect(rejected.decided).toBe(true)
    expect((await ledgerRows({ visitorId: rejected.visitorId! })).map((r) => r.method)).toEqual(Array(3).fill('banner_reject_all'))

    await context.clearCookies()
    await page.goto('/feed')
    await banner(page).getByRole('button', { name: 'Accept all' }).click()
    await expect(page).toHaveURL(/\/feed$/)
    await expect(banner(page)).toHaveCount(0)
    expect((await consentStateOf(context, baseURL!)).allowed.size).toBe(3)
  })
})

test('the banner asks again when the cookie notice version changed since the choice', async ({ page, context, baseURL }) => {
  const { hostname } = new URL(baseURL!)
  const value = await forgeConsentCookie({ v: 'AAAAAAAAAAAAAAAAAAAAAA', c: ['analytics'], n: 'an-older-version', d: Math.floor(Date.now() / 1000), s: 'choice' })
  await context.addCookies([{ name: CONSENT_COOKIE_NAME, value, domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }])
  await page.goto('/')
  await expect(banner(page)).toBeVisible()
  // a choice under an old notice allows nothing any more
  expect((await consentStateOf(context, baseURL!)).allowed.size).toBe(0)
  // and the same record under the current version is accepted
  const current = await forgeConsentCookie({ v: 'AAAAAAAAAAAAAAAAAAAAAA', c: ['analytics'], n: await currentNoticeLabel('cookies'), d: Math.floor(Date.now() / 1000), s: 'choice' })
  await context.addCookies([{ name: CONSENT_COOKIE_NAME, value: current, domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }])
  await page.goto('/')
  await expect(banner(page)).toHaveCount(0)
})

test('"Cookie settings" in the footer reopens the choice; a logged-in customer taking consent back gets a withdrawal request', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await loginAs(context, customer, baseURL!)
  await page.goto('/account')
  await banner(page).getByRole('button', { name: 'Accept all' }).click()
  const accepted = await ledgerRows({ userId: customer.id })
  expect(accepted.map((r) => [r.purpose, r.action])).toEqual(OPTIONAL_COOKIE_CATEGORIES.map((c) => [c, 'given']))
  expect(accepted.every((r) => r.visitorId !== null)).toBe(true)

  await page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click()
  await expect(page.getByRole('heading', { name: 'Cookie settings', level: 1 })).toBeVisible()
  const settings = page.getByRole('main')
  await expect(settings.getByRole('checkbox', { name: /Website analytics/ })).toBeChecked()
  await settings.getByRole('checkbox', { name: /Website analytics/ }).uncheck()
  await settings.getByRole('checkbox', { name: /Advertising/ }).uncheck()
  await settings.getByRole('button', { name: 'Allow selection' }).click()
  await expect(page.getByText('Your current choice was recorded')).toBeVisible()

  expect([...(await consentStateOf(context, baseURL!)).allowed]).toEqual(['external_media'])
  const after = (await ledgerRows({ userId: customer.id })).slice(3)
  expect(after.map((r) => [r.purpose, r.action, r.method])).toEqual([
    ['external_media', 'given', 'banner_save'],
    ['analytics', 'withdrawn', 'banner_save'],
    ['marketing', 'withdrawn', 'banner_save'],
  ])
  const requests = await db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.userId, customer.id), eq(dataSubjectRequests.type, 'consent_withdrawal')))
  expect(requests).toHaveLength(1)
  expect(requests[0]).toMatchObject({ status: 'completed', categorySlug: 'cookies' })
})

test('analytics or marketing cookies a browser still has are cleared while not allowed', async ({ page, context, baseURL }) => {
  const { hostname } = new URL(baseURL!)
  await context.addCookies(
    ['_ga', '_gid', '_gcl_au'].map((name) => ({ name, value: 'GA1.1.123.456', domain: hostname, path: '/', secure: true, sameSite: 'Lax' as const })),
  )
  await page.goto('/')
  expect((await context.cookies()).map((c) => c.name)).toEqual([])
  await banner(page).getByRole('button', { name: 'Reject all' }).click()
  // the choice reloads the page: read the cookies once it is answered (only the new page is without the banner)
  await expect(banner(page)).toHaveCount(0)
  expect((await context.cookies()).map((c) => c.name).filter((n) => !NECESSARY_COOKIES.includes(n))).toEqual([])
})

// a foreign redirect target is no reason to refuse a choice: it goes home instead (hardening-auth-redirect.spec.ts)
test('a forged choice (unknown category, unknown action) is refused and records nothing', async ({ page, context, baseURL }) => {
  // a browser with a known pseudonym: anything recorded for it would carry this id
  const visitorId = randomBytes(16).toString('base64url')
  const value = await forgeConsentCookie({ v: visitorId, c: [], n: await currentNoticeLabel('cookies'), d: Math.floor(Date.now() / 1000), s: 'choice' })
  await context.addCookies([{ name: CONSENT_COOKIE_NAME, value, domain: new URL(baseURL!).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }])
  const post = (form: Record<string, string>) => page.request.post('/cookies', { form, headers: { Origin: baseURL! }, maxRedirects: 0 })
  for (const form of <Record<string, string>[]>[
    { intent: 'save', tracking: 'on', redirectTo: '/' },
    { intent: 'allow-category', category: 'everything', redirectTo: '/' },
    { intent: 'save', analytics: 'yes', redirectTo: '/' },
    { intent: 'accept-everything', redirectTo: '/' },
  ]) {
    const response = await post(form)
    expect(response.status(), JSON.stringify(form)).toBe(400)
    expect(response.headers()['set-cookie']).toBeUndefined()
  }
  expect(await (await post({ intent: 'save', tracking: 'on' })).text()).toContain('Unknown cookie category')
  expect(await ledgerRows({ visitorId })).toEqual([])
  // the same browser's real choice is recorded under that id
  expect((await post({ intent: 'reject-all', redirectTo: '/' })).status()).toBe(302)
  expect(await ledgerRows({ visitorId })).toHaveLength(3)
})
