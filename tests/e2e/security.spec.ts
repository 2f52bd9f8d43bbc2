import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { sessions } from '#db/schema'
import { createUser, findUserByEmail, loginAs, uniqueName } from '../support/fixtures'

test('a customer opening a DPO page gets 403 and sees none of it', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await loginAs(context, customer, baseURL!)
  const response = await page.goto('/dpo')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible()
  await expect(page.getByText('Requests by status')).toHaveCount(0)
  // the footer and layout still render on an error page
  await expect(page.getByRole('contentinfo')).toContainText('Supervisory authority')
})

test('the DPO reaches the DPO workspace', async ({ page, context, baseURL }) => {
  const dpo = await createUser({ role: 'dpo' })
  await loginAs(context, dpo, baseURL!)
  const response = await page.goto('/dpo')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { name: 'DPO workspace' })).toBeVisible()
})

// A page on another origin that posts a form to the portal as soon as it loads.
async function withAttackerSite(html: string, run: (url: string) => Promise<void>) {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`)
  } finally {
    server.close()
  }
}

test('a cross-site form POST gets 403 and changes nothing', async ({ page, context, baseURL }) => {
  // 1. a sign-up posted from another site creates no account
  const username = uniqueName('csrf')
  const signupForm = `<form method="post" action="${baseURL}/signup">
      <input name="username" value="${username}"><input name="email" value="${username}@example.test">
      <input name="password" value="a long enough password"><input name="ageConfirmed" value="on">
    </form><script>document.forms[0].submit()</script>`
  await withAttackerSite(signupForm, async (url) => {
    const [response] = await Promise.all([page.waitForResponse(`${baseURL}/signup`), page.goto(url)])
    expect(response.status()).toBe(403)
  })
  expect(await findUserByEmail(`${username}@example.test`)).toBeUndefined()

  // 2. a logged-in customer's other sessions survive a forged "sign out all others"
  const customer = await createUser()
  await loginAs(context, customer, baseURL!)
  await loginAs(await page.context().browser()!.newContext(), customer, baseURL!)
  const endOthers = `<form method="post" action="${baseURL}/account/sessions"><input name="intent" value="end-others"></form>
    <script>document.forms[0].submit()</script>`
  await withAttackerSite(endOthers, async (url) => {
    const [response] = await Promise.all([page.waitForResponse(`${baseURL}/account/sessions`), page.goto(url)])
    expect(response.status()).toBe(403)
  })
  expect(await db.select().from(sessions).where(eq(sessions.userId, customer.id))).toHaveLength(2)
})

test('every response carries the security headers; personal pages are not stored', async ({ page, context, baseURL }) => {
  const customer = await createUser()
  await loginAs(context, customer, baseURL!)
  const response = await page.goto('/account')
  const headers = response!.headers()
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['content-security-policy']).not.toContain('unsafe-inline')
  expect(headers['x-content-type-options']).toBe('nosniff')
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
  expect(headers['cache-control']).toBe('no-store')
  expect(headers['x-powered-by']).toBeUndefined()
  const cookies = await context.cookies()
  const session = cookies.find((c) => c.name === '__Host-session')
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax' })
  // every script tag the page carries has the nonce, so the CSP does not break the app
  const nonce = headers['content-security-policy'].match(/'nonce-([^']+)'/)![1]
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce))
  expect(scripts.length).toBeGreaterThan(0)
  for (const n of scripts) expect(n).toBe(nonce)
})

test('an unknown address gets a 404 page in the normal layout', async ({ page }) => {
  const response = await page.goto('/no/such/page')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
  await expect(page.getByRole('contentinfo')).toContainText('Data protection officer')
})
