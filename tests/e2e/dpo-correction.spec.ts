import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { archivedChanges, dataSubjectRequests, payments, recipientNotifications, recipients } from '#db/schema'
import { requestCorrection } from '~/lib/rectification/rectification.server'
import { createUser, loginAs } from '../support/fixtures'

test('the DPO enters the corrected value on the request page; a value the field does not take is refused next to it', async ({ page, baseURL }) => {
  const customer = await createUser()
  const [paypal] = await db.select().from(recipients).where(eq(recipients.slug, 'paypal'))
  const [payment] = await db
    .insert(payments)
    .values({ userId: customer.id, paidAt: new Date('2026-03-01T12:00:00Z'), transactionNumber: 'PP-111', providerId: paypal.id, amountCents: 4999, currency: 'EUR' })
    .returning()
  const filed = await requestCorrection({ userId: customer.id, categorySlug: 'payments', rowId: String(payment.id), details: 'I paid in Swiss francs, not euros.' })
  if (!filed.ok) throw new Error('correction request refused')

  await loginAs(page.context(), await createUser({ role: 'dpo' }), baseURL!)
  await page.goto(`/dpo/requests/${filed.requestId}`)
  await page.getByLabel('Field to correct').selectOption({ label: 'Currency' })
  await page.getByLabel('Corrected value').fill('chf')
  await page.getByLabel('Your answer to the person').fill('The currency was wrong in our records.')
  await page.getByRole('button', { name: 'Complete the request' }).click()
  await expect(page.locator('#field-correctedValue-error')).toContainText('three capital letters')
  expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0].currency).toBe('EUR')

  await page.getByLabel('Field to correct').selectOption({ label: 'Currency' })
  await page.getByLabel('Corrected value').fill('CHF')
  await page.getByLabel('Your answer to the person').fill('The currency was wrong in our records.')
  await page.getByRole('button', { name: 'Complete the request' }).click()
  await expect(page.locator('.toast')).toContainText('Currency corrected')
  await expect(page.getByTestId('request-status')).toContainText('Completed')

  expect((await db.select().from(payments).where(eq(payments.id, payment.id)))[0].currency).toBe('CHF')
  const archived = await db.select().from(archivedChanges).where(eq(archivedChanges.rowId, String(payment.id)))
  expect(archived.filter((a) => a.tableName === 'payments').map((a) => (a.oldRow as Record<string, unknown>).currency)).toEqual(['EUR'])
  const notices = await db.select().from(recipientNotifications).where(eq(recipientNotifications.requestId, filed.requestId))
  expect(notices.map((n) => n.recipientId)).toEqual([paypal.id])
  expect((await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, filed.requestId)))[0].status).toBe('completed')
})
