import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests } from '#db/schema'
import { createRequest } from '~/lib/requests/dsr.server'
import { createUser, loginAs } from '../support/fixtures'

test('a customer withdraws their own open request; nobody else can', async ({ page, context, browser, baseURL }) => {
  const owner = await createUser()
  const request = await createRequest(db, { userId: owner.id, type: 'objection', status: 'received', details: 'I object to the abuse check.', actor: { type: 'customer', id: owner.id } })

  // another customer's POST finds nothing and changes nothing
  const otherContext = await browser.newContext()
  await loginAs(otherContext, await createUser(), baseURL!)
  const res = await otherContext.request.post(`/requests/${request.id}`, { form: { intent: 'withdraw' }, headers: { Origin: baseURL! } })
  expect(res.status()).toBe(404)
  expect((await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id)))[0].status).toBe('received')

  await loginAs(context, owner, baseURL!)
  await page.goto(`/requests/${request.id}`)
  await page.getByRole('button', { name: 'Withdraw this request' }).click()
  await expect(page.getByRole('button', { name: 'Withdraw this request' })).toHaveCount(0)
  const [after] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, request.id))
  expect(after.status).toBe('withdrawn')
  expect(after.withdrawnAt).toBeInstanceOf(Date)
})
