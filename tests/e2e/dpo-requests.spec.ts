import { expect, test, type Page } from '@playwright/test'
import { and, desc, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, dsrEvents, outboxMessages } from '#db/schema'
import { DEMO_ACCOUNTS } from '#db/seed'
import { computeDueAt, createRequest, type DsrType } from '~/lib/requests/dsr.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { createUser, loginAs, type TestUser } from '../support/fixtures'

const DAY = 86_400_000
const berlinDate = (d: Date) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(d)

async function customerRequest(customer: TestUser, { type = 'access', daysAgo = 0 }: { type?: DsrType; daysAgo?: number } = {}) {
  return db.transaction((tx) =>
    createRequest(tx, {
      userId: customer.id,
      type,
      status: 'received',
      details: 'Please answer soon.',
      receivedAt: new Date(Date.now() - daysAgo * DAY),
      actor: { type: 'customer', id: customer.id },
    }),
  )
}

async function requestRow(id: number) {
  const [row] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id))
  return row
}

async function mailsTo(to: string, template: string) {
  return db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.template, template)))
    .orderBy(desc(outboxMessages.id))
}

async function openAsDpo(page: Page, baseURL: string, requestId: number) {
  await loginAs(page.context(), await createUser({ role: 'dpo' }), baseURL)
  await page.goto(`/dpo/requests/${requestId}`)
}

test('an extension within the first month moves the due date and emails the person the reason', async ({ page, baseURL }) => {
  const customer = await createUser()
  const request = await customerRequest(customer, { daysAgo: 3 })
  await openAsDpo(page, baseURL!, request.id)
  const reason = 'Your request covers eight years of payment records held by two payment providers.'
  await page.getByLabel('Extend by').selectOption('2')
  await page.getByLabel('Reason (emailed to the person)').fill(reason)
  await page.getByRole('button', { name: 'Extend', exact: true }).click()
  await expect(page.locator('.toast')).toContainText('Extended to')

  const row = await requestRow(request.id)
  expect(row.extendedAt).not.toBeNull()
  expect(row.extensionReason).toBe(reason)
  // three calendar months from receipt, end of the Berlin day
  expect(row.dueAt).toEqual(computeDueAt(row.receivedAt, 3))
  const [mail] = await mailsTo(customer.email, 'request-extended')
  expect(mail.text).toContain(reason)
  expect(mail.text).toContain(berlinDate(row.dueAt))
  expect(mail.text).toContain(request.number)
  const [event] = await db.select().from(dsrEvents).where(and(eq(dsrEvents.requestId, request.id), eq(dsrEvents.kind, 'extended')))
  expect(event.note).toBe(reason)
  expect(event.actorType).toBe('dpo')
  // a second extension is not offered, and a forged one is refused
  await expect(page.getByText(/Already extended/)).toBeVisible()
  const forged = await page.request.post(`/dpo/requests/${request.id}`, { form: { intent: 'extend', months: '1', extendReason: 'Again' }, headers: { Origin: baseURL! } })
  expect(forged.status()).toBe(400)
  expect((await requestRow(request.id)).dueAt).toEqual(row.dueAt)
})

test('after the first month an extension is refused with a clear message and nothing changes', async ({ page, baseURL }) => {
  const customer = await createUser()
  const request = await customerRequest(customer, { daysAgo: 40 })
  await openAsDpo(page, baseURL!, request.id)
  await expect(page.getByText(/The first month ended on .* no longer possible/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Extend', exact: true })).toHaveCount(0)
  const res = await page.request.post(`/dpo/requests/${request.id}`, { form: { intent: 'extend', months: '2', extendReason: 'Too late' }, headers: { Origin: baseURL! } })
  expect(res.status()).toBe(400)
  expect(await res.text()).toContain('no longer possible')
  const row = await requestRow(request.id)
  expect(row.extendedAt).toBeNull()
  expect(row.dueAt).toEqual(request.dueAt)
  expect(await mailsTo(customer.email, 'request-extended')).toEqual([])
})

test('a refusal needs a reason; the email carries it with the supervisory authority and the right to go to court', async ({ page, baseURL }) => {
  const customer = await createUser()
  const request = await customerRequest(customer, { type: 'erasure' })
  await openAsDpo(page, baseURL!, request.id)
  await page.getByRole('button', { name: 'Refuse the request' }).click()
  await expect(page.locator('#field-denialReason-error')).toContainText('Please fill in this field')
  expect((await requestRow(request.id)).status).toBe('received')
  expect(await mailsTo(customer.email, 'request-denied')).toEqual([])

  const reason = 'Payment records must be kept for eight years under § 147 AO.'
  await page.getByLabel('Reason for the refusal').fill(reason)
  await page.getByRole('button', { name: 'Refuse the request' }).click()
  await expect(page.getByTestId('request-status')).toContainText('Refused')
  const row = await requestRow(request.id)
  expect(row.status).toBe('denied')
  expect(row.denialReason).toBe(reason)
  const [mail] = await mailsTo(customer.email, 'request-denied')
  const { supervisoryAuthority: authority } = await getRegistryContacts('en')
  for (const part of [reason, authority.name, authority.street, authority.email, authority.phone!, authority.website!, request.number]) expect(mail.text).toContain(part)
  expect(mail.text).toMatch(/right to go to court/)
  expect(mail.text).toMatch(/Art\. 78, 79/)
  // closed: no more actions but notes
  await expect(page.getByRole('button', { name: 'Complete the request' })).toHaveCount(0)
})

test('a question goes out with a single-use link; the answer reaches the DPO and the due date stays', async ({ page, baseURL, browser }) => {
  const customer = await createUser()
  const request = await customerRequest(customer, { type: 'rectification', daysAgo: 2 })
  await openAsDpo(page, baseURL!, request.id)
  await page.getByLabel('Your question').fill('Which payment do you mean?')
  await page.getByRole('button', { name: 'Send the question' }).click()
  await expect(page.getByTestId('request-status')).toContainText('Waiting for an answer')
  const [mail] = await mailsTo(customer.email, 'request-clarification')
  expect(mail.text).toContain('Which payment do you mean?')
  const link = mail.text.match(/http:\/\/localhost:\d+\/requests\/status\/clarify\/[A-Za-z0-9_-]{32}/)![0]

  // the person, not logged in
  const personContext = await browser.newContext()
  const person = await personContext.newPage()
  await person.goto(new URL(link).pathname)
  await expect(person.getByText('Which payment do you mean?')).toBeVisible()
  await person.getByRole('button', { name: 'Send the answer' }).click()
  await expect(person.locator('#field-answer-error')).toContainText('Enter your answer.')
  await person.getByLabel('Your answer').fill('The one from 3 October, PAYID-123.')
  await person.getByRole('button', { name: 'Send the answer' }).click()
  await expect(person.getByRole('heading', { name: 'Thank you' })).toBeVisible()
  // used once: the link opens nothing any more, and a forged one neither
  for (const path of [new URL(link).pathname, `/requests/status/clarify/${'Z'.repeat(32)}`, '/requests/status/clarify/bogus']) {
    await person.goto(path)
    await expect(person.getByRole('alert')).toContainText('not valid or was already used')
  }
  const forged = await person.request.post(`/requests/status/clarify/${'Z'.repeat(32)}`, { form: { answer: 'forged' }, headers: { Origin: baseURL! } })
  expect(forged.status()).toBe(404)
  await personContext.close()

  const row = await requestRow(request.id)
  expect(row.status).toBe('in_progress')
  expect(row.dueAt).toEqual(request.dueAt)
  const answers = await db.select().from(dsrEvents).where(and(eq(dsrEvents.requestId, request.id), eq(dsrEvents.kind, 'clarification_answered')))
  expect(answers.map((a) => a.note)).toEqual(['The one from 3 October, PAYID-123.'])
  await page.reload()
  await expect(page.locator('.event-history')).toContainText('The one from 3 October, PAYID-123.')
})

test('"manifestly unfounded" is recorded only with a justification; notes stay internal', async ({ page, baseURL }) => {
  const customer = await createUser()
  const request = await customerRequest(customer)
  await openAsDpo(page, baseURL!, request.id)
  await page.getByRole('button', { name: 'Mark as manifestly unfounded' }).click()
  await expect(page.locator('#field-justification-error')).toContainText('Please fill in this field')
  expect((await requestRow(request.id)).manifestlyUnfoundedAt).toBeNull()
  await page.getByLabel('Justification').fill('The fifth identical request this week.')
  await page.getByRole('button', { name: 'Mark as manifestly unfounded' }).click()
  await expect(page.getByTestId('request-status')).toContainText('manifestly unfounded')
  expect((await requestRow(request.id)).unfoundedJustification).toBe('The fifth identical request this week.')

  await page.getByLabel('Note', { exact: true }).fill('Called the customer, no answer.')
  await page.getByRole('button', { name: 'Add the note' }).click()
  await expect(page.locator('.event-history li.internal')).toContainText('Called the customer, no answer.')
})

test('customers get 403 on the DPO workspace and on any request there; unknown ids are 404', async ({ page, baseURL }) => {
  const customer = await createUser()
  const other = await createUser()
  const request = await customerRequest(other)
  await loginAs(page.context(), customer, baseURL!)
  for (const path of ['/dpo', `/dpo/requests/${request.id}`, '/dpo/audit', '/dpo/reports', '/dpo/reports.csv', '/dpo/registry', '/dpo/registry/contacts']) {
    const res = await page.goto(path)
    expect(res?.status(), path).toBe(403)
    expect(await page.content(), path).not.toContain(request.number)
  }
  const post = await page.request.post(`/dpo/requests/${request.id}`, { form: { intent: 'deny', denialReason: 'no' }, headers: { Origin: baseURL! } })
  expect(post.status()).toBe(403)
  expect((await requestRow(request.id)).status).toBe('received')

  await loginAs(page.context(), await createUser({ role: 'dpo' }), baseURL!)
  for (const path of ['/dpo/requests/999999999', '/dpo/requests/abc', '/dpo/requests/-1', '/dpo/requests/1e3', '/dpo/registry/nothing']) {
    const res = await page.goto(path)
    expect(res?.status(), path).toBe(404)
  }
  for (const path of ['/dpo?after=garbage', '/dpo?status=nonsense', '/dpo?type=%00']) {
    const res = await page.goto(path)
    expect(res?.status(), path).toBe(400)
  }
})

test('the demo DPO from README.md sees a queue with requests in every state', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email address or username').fill(DEMO_ACCOUNTS.dpo.email)
  await page.getByLabel('Password').fill(DEMO_ACCOUNTS.dpo.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/dpo$/)
  await expect(page.getByRole('heading', { name: 'Request queue' })).toBeVisible()
  // the demo people's requests (other tests add their own requests to the same queue)
  const statuses: string[] = []
  for (const person of [DEMO_ACCOUNTS.customer.email, DEMO_ACCOUNTS.secondCustomer.email, 'nightowl@example.org']) {
    await page.getByLabel('Show').selectOption('all')
    await page.getByLabel('Search').fill(person)
    await Promise.all([page.waitForURL((url) => url.searchParams.get('q') === person), page.getByRole('button', { name: 'Apply' }).click()])
    const queue = page.locator('table.queue')
    await expect(queue).toBeVisible()
    // the URL changes a moment before the rows do: read them once every row is this person's
    await expect(queue.locator('tbody tr').filter({ hasNotText: person })).toHaveCount(0)
    statuses.push(...(await queue.locator('td.status-cell').allInnerTexts()))
    if (person === DEMO_ACCOUNTS.secondCustomer.email) await expect(queue.locator('tr.overdue').first()).toBeVisible()
  }
  for (const status of ['Received', 'In progress', 'Waiting for an answer from the person', 'Completed', 'Refused', 'Withdrawn', 'extended', 'manifestly unfounded']) {
    expect(statuses.join(' | '), status).toContain(status)
  }
  // the one still waiting for its email confirmation is counted, not listed
  await expect(page.getByText(/waiting for the person to confirm their email address/)).toBeVisible()
})
