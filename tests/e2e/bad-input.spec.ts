import { expect, test } from '@playwright/test'
import { inArray, or, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { users } from '#db/schema'
import { DEMO_ACCOUNTS } from '#db/seed'
import { createUser, uniqueName } from '../support/fixtures'

// Tests run in parallel, so "nothing was written" is checked by the names this test used.
async function usersNamed(names: string[]) {
  const lowered = names.map((n) => n.toLowerCase())
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(or(inArray(sql`lower(${users.username})`, lowered), inArray(sql`lower(${users.email})`, lowered)))
  return rows.length
}

test('sign-up answers each bad field next to it and creates nothing', async ({ page }) => {
  const taken = await createUser()
  const cases: Array<{ fill: Record<string, string>; age: boolean; field: string; message: RegExp }> = [
    { fill: { Username: uniqueName(), 'Email address': 'not-an-email', Password: 'long enough pw' }, age: true, field: 'email', message: /valid email/ },
    { fill: { Username: uniqueName(), 'Email address': `${uniqueName()}@example.test`, Password: 'short' }, age: true, field: 'password', message: /at least 8/ },
    { fill: { Username: uniqueName(), 'Email address': `${uniqueName()}@example.test`, Password: 'long enough pw' }, age: false, field: 'ageConfirmed', message: /legal age/ },
    { fill: { Username: taken.username, 'Email address': `${uniqueName()}@example.test`, Password: 'long enough pw' }, age: true, field: 'username', message: /taken/ },
    { fill: { Username: 'x'.repeat(33), 'Email address': `${uniqueName()}@example.test`, Password: 'long enough pw' }, age: true, field: 'username', message: /at most 32/ },
    { fill: { Username: 'bad\u0007name', 'Email address': `${uniqueName()}@example.test`, Password: 'long enough pw' }, age: true, field: 'username', message: /letters, digits/ },
    { fill: { Username: uniqueName(), 'Email address': `${uniqueName()}@example.test`, Password: 'p'.repeat(129) }, age: true, field: 'password', message: /at most 128/ },
  ]
  for (const c of cases) {
    await page.goto('/signup')
    for (const [label, value] of Object.entries(c.fill)) {
      // fill() respects maxlength like a person typing would not be able to exceed it; set the value directly
      await page.getByLabel(label, { exact: true }).evaluate((el, v) => ((el as HTMLInputElement).value = v), value)
    }
    if (c.age) await page.getByLabel(/legal age/).check()
    await page.getByRole('button', { name: 'Sign up' }).click()
    await expect(page.locator(`#field-${c.field}-error`)).toHaveText(c.message)
    await expect(page.locator(`#field-${c.field}`)).toHaveAttribute('aria-invalid', 'true')
  }
  const used = cases.flatMap((c) => [c.fill.Username, c.fill['Email address']]).filter((n) => n !== taken.username)
  expect(await usersNamed(used)).toBe(0)
})

test('hostile or malformed posts never produce a 500 and write nothing', async ({ request, baseURL }) => {
  const payloads: Array<Record<string, string>> = [
    {},
    { username: '\u0000', email: '\u0000', password: '\u0000', ageConfirmed: 'on' },
    { username: 'a'.repeat(100_000), email: `${'a'.repeat(300)}@x.de`, password: 'x'.repeat(10_000), ageConfirmed: 'yes' },
    { username: "robert'); drop table users;--", email: "o'hara@example.test", password: 'long enough pw', ageConfirmed: 'on' },
    { username: '<script>alert(1)</script>', email: '"><img src=x>@example.test', password: 'long enough pw', ageConfirmed: 'on' },
  ]
  // each hostile request on its own connection: a guard that answers before reading a body closes it
  const targets = ['/signup', '/login', '/verify-email', '/logout', '/account/sessions', '/no-such-page']
  for (const url of targets) {
    for (const form of payloads) {
      const res = await request.post(url, { form: { ...form, intent: 'verify', identifier: form.username ?? '', code: form.email ?? '' }, headers: { Origin: baseURL!, Connection: 'close' }, maxRedirects: 0 })
      expect(res.status(), `${url} with ${JSON.stringify(form).slice(0, 80)}`).toBeLessThan(500)
    }
  }
  for (const url of ['/login?redirectTo=%00', '/verify-email?resent=%ff', '/dev/mailbox?to=%3Cscript%3E', '/dev/mailbox/abc', '/dev/mailbox/99999999999999999999', '/privacy?x=%E0%A4%A']) {
    const res = await request.get(url, { maxRedirects: 0 })
    expect(res.status(), url).toBeLessThan(500)
  }
  // NUL cannot even be stored in PostgreSQL text, so those names need no check
  const used = payloads.flatMap((p) => [p.username, p.email]).filter((n): n is string => Boolean(n) && !n.includes('\u0000'))
  expect(await usersNamed(used)).toBe(0)
})

test('the demo customer from README.md can log in', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email address or username').fill(DEMO_ACCOUNTS.customer.email)
  await page.getByLabel('Password').fill(DEMO_ACCOUNTS.customer.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { name: `Hello, ${DEMO_ACCOUNTS.customer.username}` })).toBeVisible()
})

test('a login redirect never leaves the site', async ({ page }) => {
  const user = await createUser()
  await page.goto('/login?redirectTo=//evil.example/phish')
  await page.getByLabel('Email address or username').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/localhost:\d+\/account$/)
})
