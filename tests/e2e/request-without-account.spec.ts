import { expect, test, type Page } from '@playwright/test'
import { and, desc, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { contactMessages, dataSubjectRequests, deletionReceipts, feedSubscriptions, forumPosts, outboxMessages } from '#db/schema'
import { createUser, loginAs, readCodeFromMailbox, uniqueName } from '../support/fixtures'

// What someone without an account left on the website under their address.
async function leaveCommunityData(email: string) {
  await db.insert(contactMessages).values({ name: 'Nora Nobody', email, message: `Question from ${email}` })
  await db.insert(forumPosts).values({ authorName: uniqueName('nora'), authorEmail: email, title: 'Kill switch', body: 'Does the kill switch cover IPv6?' })
  await db.insert(feedSubscriptions).values({ email, topic: 'Kill switch', confirmedAt: new Date() })
}

async function heldUnder(email: string) {
  const [[m], [p], [f]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(contactMessages).where(sql`lower(${contactMessages.email}) = ${email}`),
    db.select({ n: sql<number>`count(*)::int` }).from(forumPosts).where(sql`lower(${forumPosts.authorEmail}) = ${email}`),
    db.select({ n: sql<number>`count(*)::int` }).from(feedSubscriptions).where(sql`lower(${feedSubscriptions.email}) = ${email}`),
  ])
  return m.n + p.n + f.n
}

async function latestMail(to: string, template: string) {
  const [mail] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.template, template)))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  return mail
}

async function fileAndConfirm(page: Page, { email, type, details = '' }: { email: string; type: string; details?: string }) {
  await page.goto('/requests/new')
  await page.getByLabel('What would you like us to do?').selectOption({ label: type })
  if (details) await page.getByLabel('Details').fill(details)
  await page.getByLabel('Your email address').fill(email)
  await page.getByRole('button', { name: 'Send the request' }).click()
  await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible()
  const [pending] = await db.select().from(dataSubjectRequests).where(sql`lower(${dataSubjectRequests.email}) = ${email}`).orderBy(desc(dataSubjectRequests.id)).limit(1)
  expect(pending.status).toBe('identity_unverified')
  const code = await readCodeFromMailbox(page, email)
  await page.goto('/requests/new')
  await page.getByLabel('Confirmation code').fill(code)
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page).toHaveURL(/\/requests\/status\/[A-Za-z0-9_-]{43}$/)
  await expect(page.getByRole('status')).toContainText('your email address is confirmed')
  return pending
}

test('a person without an account asks for erasure, confirms by code, the DPO approves, the data is gone and the person is told', async ({ page, browser, baseURL }) => {
  const email = `${uniqueName('nora')}@example.test`
  await leaveCommunityData(email)
  expect(await heldUnder(email)).toBe(3)

  const request = await fileAndConfirm(page, { email, type: 'Erasure (Art. 17)' })
  await expect(page.getByTestId('request-status')).toHaveText('Received')
  const statusUrl = page.url().replace(/\?.*$/, '')

  // the receipt: number, due date, and the private link back to the status page
  const receipt = await latestMail(email, 'request-received')
  expect(receipt.subject).toContain(request.number)
  const [confirmed] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id))
  expect(receipt.text).toContain(new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(confirmed.dueAt))
  expect(receipt.text).toContain(statusUrl)

  // the DPO finds it in the queue by the address, and approves it
  const dpo = await createUser({ role: 'dpo' })
  const dpoContext = await browser.newContext()
  await loginAs(dpoContext, dpo, baseURL!)
  const dpoPage = await dpoContext.newPage()
  await dpoPage.goto(`/dpo?q=${encodeURIComponent(email)}`)
  await dpoPage.getByRole('link', { name: request.number }).click()
  await expect(dpoPage.getByRole('heading', { name: new RegExp(request.number) })).toBeVisible()
  await expect(dpoPage.getByText(/Held under this address: 1 contact messages, 1 forum posts, 1 feed subscriptions/)).toBeVisible()
  await dpoPage.getByRole('button', { name: 'Complete the request' }).click()
  await expect(dpoPage.locator('.toast')).toContainText('Erased 3 item(s)')
  await expect(dpoPage.getByTestId('request-status')).toContainText('Completed')
  await dpoContext.close()

  // gone, with a receipt of what was deleted, and the person got the email
  expect(await heldUnder(email)).toBe(0)
  const receipts = await db.select().from(deletionReceipts).where(eq(deletionReceipts.requestId, request.id))
  expect(receipts.reduce((n, r) => n + r.rowCount, 0)).toBe(3)
  const done = await latestMail(email, 'erasure-completed')
  expect(done.text).toContain(request.number)
  await page.goto(statusUrl)
  await expect(page.getByTestId('request-status')).toHaveText('Completed')
})

test('until the code is entered the request is not in the queue, and a wrong code confirms nothing', async ({ page }) => {
  const email = `${uniqueName('waiting')}@example.test`
  await page.goto('/requests/new')
  await page.getByLabel('What would you like us to do?').selectOption({ label: 'Access to your data (Art. 15)' })
  await page.getByLabel('Your email address').fill(email)
  await page.getByRole('button', { name: 'Send the request' }).click()
  await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible()
  const code = await readCodeFromMailbox(page, email)
  await page.goto('/requests/new')
  await page.getByLabel('Confirmation code').fill(code === '000000' ? '111111' : '000000')
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.locator('#field-code-error')).toContainText('not right')
  const [row] = await db.select().from(dataSubjectRequests).where(sql`lower(${dataSubjectRequests.email}) = ${email}`)
  expect(row.status).toBe('identity_unverified')
  expect(row.identityVerifiedAt).toBeNull()
  expect(await latestMail(email, 'request-received')).toBeUndefined()
})

test('bad input on the request form is answered next to the field and files nothing', async ({ page }) => {
  const email = `${uniqueName('bad')}@example.test`
  await page.goto('/requests/new')
  await page.getByLabel('What would you like us to do?').selectOption({ label: 'Correction (Art. 16)' })
  await page.getByLabel('Your email address').fill('not-an-address')
  // leaving the field shows its message at once (and moves the button down); then send
  await page.getByLabel('Your email address').blur()
  await expect(page.locator('#field-email-error')).toContainText('valid email')
  await page.getByRole('button', { name: 'Send the request' }).click()
  await expect(page.locator('#field-email-error')).toContainText('valid email')
  await expect(page.locator('#field-details-error')).toContainText('what is wrong')
  // a forged category is refused as well
  await page.getByLabel('Your email address').fill(email)
  await page.getByLabel('Details').fill('My name is spelled wrong.')
  await page.getByLabel('Which data?').evaluate((el) => {
    const option = document.createElement('option')
    option.value = 'payments'
    option.textContent = 'payments'
    el.appendChild(option)
    ;(el as HTMLSelectElement).value = 'payments'
  })
  await page.getByRole('button', { name: 'Send the request' }).click()
  await expect(page.locator('#field-categorySlug-error')).toContainText('from the list')
  expect(await db.select().from(dataSubjectRequests).where(sql`lower(${dataSubjectRequests.email}) = ${email}`)).toEqual([])
})

test('the person withdraws the open request from the status link; forged links open nothing', async ({ page, request: http }) => {
  const email = `${uniqueName('withdraw')}@example.test`
  const request = await fileAndConfirm(page, { email, type: 'Other request or question to the data protection officer', details: 'Do you keep my IP address?' })
  await page.getByRole('button', { name: 'Withdraw the request' }).click()
  await expect(page.getByRole('status')).toContainText('withdrew')
  await expect(page.getByTestId('request-status')).toHaveText('Withdrawn')
  const [row] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id))
  expect(row.status).toBe('withdrawn')
  await expect(page.getByRole('button', { name: 'Withdraw the request' })).toHaveCount(0)

  for (const path of ['/requests/status/' + 'A'.repeat(43), '/requests/status/short', '/requests/status/%00', `/requests/status/${'x'.repeat(5000)}`]) {
    const res = await http.get(path)
    expect(res.status(), path).toBe(404)
    expect(await res.text()).not.toContain(request.number)
  }
  const forged = await http.post('/requests/status/' + 'B'.repeat(43), { form: { intent: 'withdraw' }, headers: { Origin: new URL(page.url()).origin } })
  expect(forged.status()).toBe(404)
})
