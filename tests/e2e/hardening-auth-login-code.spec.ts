// Issue 11, item 3: an attacker who hammers the password locks it, but the owner still gets in with a
// one-time code sent to the account's address. The code works once; an unknown address gets the same pages.
import { expect, test, type Page } from '@playwright/test'
import { LIMITS } from '~/lib/platform/rate-limit.server'
import { createUser, outboxFor, readCodeFromMailbox, startWellInsideRateLimitWindow, uniqueName } from '../support/fixtures'
import { wrongLoginsFromManyAddresses } from '../support/loopback-client'

async function askForCode(page: Page, email: string) {
  await page.goto('/login')
  await page.getByRole('link', { name: 'Email me a sign-in code' }).click()
  await page.getByLabel('Email address', { exact: true }).fill(email)
  await page.getByRole('button', { name: 'Email me a sign-in code' }).click()
  await expect(page.getByLabel('Sign-in code')).toBeVisible()
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel('Sign-in code').fill(code)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('locked out by an attacker, the owner signs in with an emailed code, which works only once', async ({ page, context, browser, baseURL }) => {
  test.setTimeout(360_000)
  const owner = await createUser()
  // the attack and the owner's password after it in one window of the account's limit
  await startWellInsideRateLimitWindow(LIMITS.loginFailuresPerAccount.windowSeconds, 60_000)
  // the attack: wrong passwords from many addresses until the account's login is locked
  const statuses = await wrongLoginsFromManyAddresses(baseURL!, owner.email, LIMITS.loginFailuresPerAccount.max + 5)
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5)

  // the owner's right password is refused for now, and the page offers the way in
  await page.goto('/login')
  await page.getByLabel('Email address or username').fill(owner.username)
  await page.getByLabel('Password').fill(owner.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText('Too many failed attempts.')).toBeVisible()

  await askForCode(page, owner.email)
  await expect(page.getByText('If the address belongs to an account, we sent a 6-digit code to it.')).toBeVisible()
  const pending = (await context.cookies()).filter((c) => c.name === '__Host-login-code')
  const code = await readCodeFromMailbox(page, owner.email, 'Your sign-in code')
  await page.goto('/login?with=code')
  await enterCode(page, code)
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { name: `Hello, ${owner.username}` })).toBeVisible()

  // someone who copied both the browser's pending cookie and the code cannot use them again
  const thief = await browser.newContext()
  await thief.addCookies(pending)
  const thiefPage = await thief.newPage()
  await thiefPage.goto('/login?with=code')
  await enterCode(thiefPage, code)
  await expect(thiefPage.locator('#field-code-error')).toContainText('expired or was already used')
  await expect(thiefPage).toHaveURL(/\/login/)
  await thief.close()
})

test('asking for a code for an unknown address shows the same pages and sends nothing', async ({ browser }) => {
  const owner = await createUser()
  const unknown = `${uniqueName('nobody')}@example.test`
  const seen: string[][] = []
  for (const email of [owner.email, unknown]) {
    const context = await browser.newContext()
    const page = await context.newPage()
    await askForCode(page, email)
    const afterRequest = await page.getByRole('main').innerText()
    // a wrong code is answered alike too
    const sent = (await outboxFor(email)).at(-1)?.text.match(/\b(\d{6})\b/)?.[1]
    await enterCode(page, sent === '000000' ? '111111' : '000000')
    // the answer has arrived once the field says so (for both addresses alike, compared below)
    await expect(page.locator('#field-code-error')).toBeVisible()
    const afterWrongCode = await page.getByRole('main').innerText()
    seen.push([page.url().replace(/^https?:\/\/[^/]+/, ''), afterRequest, afterWrongCode])
    await context.close()
  }
  expect(seen[1]).toEqual(seen[0])
  expect(await outboxFor(unknown)).toEqual([])
  expect((await outboxFor(owner.email)).map((m) => m.template)).toEqual(['login-code'])
})
