// Issue 11, item 11: the link in a policy-change email only shows the page (mail scanners follow links);
// the customer acknowledges with the page's button, a POST carrying the token, once.
import { createHash, randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { policyNotices } from '#db/schema'
import { versionInForce } from '~/lib/policy/policy.server'
import { createUser } from '../support/fixtures'

// A notice of the terms in force, as the campaign would have queued it, with a token we know.
async function noticeWithToken() {
  const version = (await versionInForce({ document: 'terms' }))!
  const user = await createUser()
  const token = randomUUID()
  const [notice] = await db
    .insert(policyNotices)
    .values({ versionId: version.id, userId: user.id, status: 'sent', ackTokenHash: createHash('sha256').update(token).digest('hex') })
    .returning()
  return { notice, token, path: `/terms/history/${version.number}` }
}

async function acknowledgedAt(id: number) {
  const [row] = await db.select().from(policyNotices).where(eq(policyNotices.id, id))
  return row.acknowledgedAt
}

test('opening the link acknowledges nothing; the button on the page does, once', async ({ page, playwright, baseURL }) => {
  const { notice, token, path } = await noticeWithToken()

  // a mail scanner: a plain GET, no browser, no script
  const scanner = await playwright.request.newContext({ baseURL })
  const scanned = await scanner.get(`${path}?ack=${token}`)
  expect(scanned.status()).toBe(200)
  await scanner.dispose()
  expect(await acknowledgedAt(notice.id)).toBeNull()

  // the customer opens the link: the page, and a button; still nothing acknowledged
  await page.goto(`${path}?ack=${token}`)
  const button = page.getByRole('button', { name: 'I have read it' })
  await expect(button).toBeVisible()
  expect(await acknowledgedAt(notice.id)).toBeNull()

  await button.click()
  await expect(page.getByRole('status')).toContainText('we noted that you have read this change')
  expect(await acknowledgedAt(notice.id)).toBeInstanceOf(Date)
  expect(page.url()).not.toContain(token)
  const [row] = await db.select().from(policyNotices).where(eq(policyNotices.id, notice.id))
  expect(row.status).toBe('acknowledged')

  // once: the link again says so and offers no button
  await page.goto(`${path}?ack=${token}`)
  await expect(page.getByRole('alert')).toContainText('already used')
  await expect(page.getByRole('button', { name: 'I have read it' })).toHaveCount(0)
})

test('a bad, foreign or spent token gets a clear message and changes nothing, never a 500', async ({ page, baseURL }) => {
  const { notice, token, path } = await noticeWithToken()
  const origin = { Origin: new URL(baseURL!).origin }

  for (const bad of ['nonsense', '00000000-0000-0000-0000-000000000000', `${token}x`, token.toUpperCase(), '%00', 'a'.repeat(5000)]) {
    const response = await page.goto(`${path}?ack=${encodeURIComponent(bad)}`)
    expect(response!.status(), bad).toBe(200)
    await expect(page.getByRole('alert'), bad).toContainText('not valid')
    await expect(page.getByRole('button', { name: 'I have read it' })).toHaveCount(0)
  }

  // posted without the page: a missing, malformed or unknown token is a 400 with the message
  for (const form of <Record<string, string>[]>[{}, { token: 'nonsense' }, { token: '00000000-0000-0000-0000-000000000000' }, { token: '' }]) {
    const response = await page.request.post(path, { form, headers: origin, maxRedirects: 0 })
    expect(response.status(), JSON.stringify(form)).toBe(400)
    expect(await response.text()).toContain('not valid')
  }
  const notAForm = await page.request.post(path, { data: '{"token":1}', headers: { ...origin, 'Content-Type': 'application/json' }, maxRedirects: 0 })
  expect(notAForm.status()).toBeLessThan(500)

  // the token belongs to a version of the terms: on another document's page it acknowledges nothing
  const privacy = (await versionInForce({ document: 'privacy' }))!
  const foreign = await page.request.post(`/privacy/history/${privacy.number}`, { form: { token }, headers: origin, maxRedirects: 0 })
  expect(foreign.status()).toBe(400)
  expect(await acknowledgedAt(notice.id)).toBeNull()

  // spent: the second POST says it was already used
  expect((await page.request.post(path, { form: { token }, headers: origin, maxRedirects: 0 })).status()).toBe(302)
  const again = await page.request.post(path, { form: { token }, headers: origin, maxRedirects: 0 })
  expect(again.status()).toBe(400)
  expect(await again.text()).toContain('already used')
})
