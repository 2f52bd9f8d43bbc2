// Issue 11, item 13c: a successful answer to the DPO's question ends on a page that says it arrived
// (it used to come back as a 404, because the answer spends the single-use link).
import { expect, test } from '@playwright/test'
import { and, desc, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, outboxMessages } from '#db/schema'
import { requestClarification } from '~/lib/dpo/dsr-dpo.server'
import { createRequest } from '~/lib/requests/dsr.server'
import { createUser, loginAs } from '../support/fixtures'

test('the answer, sent without script from a logged-out browser, is received with a 200 page; the DPO sees it', async ({ browser, page, baseURL }) => {
  const customer = await createUser()
  const dpo = await createUser({ role: 'dpo' })
  const request = await db.transaction((tx) =>
    createRequest(tx, { userId: customer.id, type: 'rectification', status: 'received', details: 'My payment date is wrong.', actor: { type: 'customer', id: customer.id } }),
  )
  const asked = await requestClarification({ requestId: request.id, actor: { type: 'dpo', id: dpo.id }, question: 'Which payment do you mean?' })
  expect(asked.ok).toBe(true)
  const [mail] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, customer.email), eq(outboxMessages.template, 'request-clarification')))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  const link = new URL(mail.text.match(/https?:\/\/\S+\/requests\/status\/clarify\/[A-Za-z0-9_-]{32}/)![0]).pathname

  // a plain HTML form post, as a browser without script sends it
  const personContext = await browser.newContext({ javaScriptEnabled: false })
  const person = await personContext.newPage()
  const documents: { method: string; status: number }[] = []
  person.on('response', (r) => {
    if (r.request().resourceType() === 'document') documents.push({ method: r.request().method(), status: r.status() })
  })
  await person.goto(link)
  await person.getByLabel('Your answer').fill('The one from 3 October, PAYID-123.')
  await person.getByRole('button', { name: 'Send the answer' }).click()
  await expect(person.getByRole('heading', { name: 'Thank you' })).toBeVisible()
  await expect(person.getByRole('status')).toContainText(`We received your answer to our question about request ${request.number}`)
  // GET the form, POST the answer and be sent back, GET the page that says it arrived: no 404 anywhere
  expect(documents).toEqual([
    { method: 'GET', status: 200 },
    { method: 'POST', status: 302 },
    { method: 'GET', status: 200 },
  ])
  await expect(person.getByRole('link', { name: 'Follow your request' })).toHaveAttribute('href', new RegExp(`/requests/${request.id}$`))
  await personContext.close()

  const [row] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id))
  expect(row.status).toBe('in_progress')
  expect(row.clarificationAnsweredAt).toBeInstanceOf(Date)

  await loginAs(page.context(), dpo, baseURL!)
  await page.goto(`/dpo/requests/${request.id}`)
  await expect(page.locator('.event-history')).toContainText('The one from 3 October, PAYID-123.')
})

test('the thank-you page belongs to the browser that answered: the spent link tells anyone else it was used', async ({ browser }) => {
  const customer = await createUser()
  const dpo = await createUser({ role: 'dpo' })
  const request = await db.transaction((tx) =>
    createRequest(tx, { userId: customer.id, type: 'other', status: 'received', details: 'A question.', actor: { type: 'customer', id: customer.id } }),
  )
  await requestClarification({ requestId: request.id, actor: { type: 'dpo', id: dpo.id }, question: 'Which account?' })
  const [mail] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, customer.email), eq(outboxMessages.template, 'request-clarification')))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  const link = new URL(mail.text.match(/https?:\/\/\S+\/requests\/status\/clarify\/[A-Za-z0-9_-]{32}/)![0]).pathname

  const answerer = await (await browser.newContext()).newPage()
  await answerer.goto(link)
  await answerer.getByLabel('Your answer').fill('The one ending in 42.')
  await answerer.getByRole('button', { name: 'Send the answer' }).click()
  await expect(answerer.getByRole('status')).toContainText('We received your answer')

  const other = await (await browser.newContext()).newPage()
  const response = await other.goto(link)
  expect(response!.status()).toBe(404)
  await expect(other.getByRole('alert')).toContainText('not valid or was already used')
})
