// Self-service actions stay on the customer's record but are reported apart from the requests the DPO works,
// in the DPO's report and in the public transparency report (counts only, in both languages).
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests } from '#db/schema'
import { monthlyReport, transparencyReport } from '~/lib/dpo/dsr-reports.server'
import { createRequest, recordCompletedRequest } from '~/lib/requests/dsr.server'
import { createUser } from '../support/fixtures'

// a month of its own, long past, so requests other tests create never mix in
const MONTH = '2019-03'
const received = new Date('2019-03-05T10:00:00Z')

test('self-service actions are counted apart; the DPO median is over the requests the DPO answered', async ({ baseURL }) => {
  const customer = await createUser()
  const actor = { type: 'customer' as const, id: customer.id }
  await db.transaction(async (tx) => {
    for (let i = 0; i < 2; i++) {
      await recordCompletedRequest(tx, { userId: customer.id, type: 'access', subject: 'Download', receivedAt: received, actor, action: 'package_delivered' })
    }
    // one request that reached the DPO's queue and was answered three days later
    const request = await createRequest(tx, { userId: null, email: 'someone@example.com', type: 'access', status: 'received', receivedAt: received, actor: { type: 'data_subject', id: null } })
    await tx.update(dataSubjectRequests).set({ status: 'completed', completedAt: new Date(received.getTime() + 3 * 86_400_000) }).where(eq(dataSubjectRequests.id, request.id))
  })

  const month = (await monthlyReport()).find((m) => m.month === MONTH)!
  expect(month).toMatchObject({ received: 1, completed: 1, selfService: 2, medianDaysToAnswer: 3 })

  const access = (await transparencyReport()).find((r) => r.month === MONTH && r.type === 'access')!
  expect(access).toMatchObject({ received: 1, completed: 1, denied: 0, selfService: 2, medianDays: 3, meanDays: 3 })

  // the public page, in German, without logging in; no email address or name appears
  const res = await fetch(`${baseURL}/transparency`, { headers: { 'Accept-Language': 'de-DE' } })
  expect(res.status).toBe(200)
  const html = await res.text()
  expect(html).toContain('<html lang="de"')
  expect(html).toContain('Im März 2019 eingegangene Anfragen')
  expect(html).toContain('Auskunft (Art. 15)')
  expect(html).not.toContain('someone@example.com')
  expect(html).not.toContain(customer.email)
  const english = await (await fetch(`${baseURL}/transparency`, { headers: { 'Accept-Language': 'en' } })).text()
  expect(english).toContain('Requests received in March 2019')
  expect(english).toContain('Done by customers themselves')
})
