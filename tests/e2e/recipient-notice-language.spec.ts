// Art. 19 notices go out in the language the registry gives the recipient: German, the controller's, unless the
// DPO chose English for it in the registry editor (decision 095). Read where the test portal delivers them.
import { expect, test, type Page } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { payments, recipients } from '#db/schema'
import { completeRequest } from '~/lib/dpo/dsr-completion.server'
import { requestCorrection } from '~/lib/rectification/rectification.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { createUser, loginAs, uniqueName } from '../support/fixtures'

async function correctPayment(customerId: string, providerId: number, dpoId: string) {
  const [payment] = await db
    .insert(payments)
    .values({ userId: customerId, paidAt: new Date('2026-02-03T09:00:00Z'), transactionNumber: 'TX-WRONG-1', providerId, amountCents: 999, currency: 'EUR' })
    .returning()
  const filed = await requestCorrection({ userId: customerId, categorySlug: 'payments', rowId: String(payment.id), details: 'The transaction number is TX-RIGHT-1.' })
  if (!filed.ok) throw new Error('correction request refused')
  const done = await completeRequest({ requestId: filed.requestId, actor: { type: 'dpo', id: dpoId }, message: 'Corrected.', correction: { field: 'transactionNumber', value: 'TX-RIGHT-1' } })
  expect(done.ok).toBe(true)
  return filed.requestNumber
}

async function openNotice(page: Page, to: string, requestNumber: string) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`)
  await page.getByRole('link', { name: new RegExp(requestNumber) }).first().click()
  return page.getByRole('main')
}

test.use({ locale: 'de-DE' })

test('a recipient is told of a correction in German, or in English when the DPO chose that in the registry', async ({ page, context, baseURL }) => {
  const dpo = await createUser({ role: 'dpo' })
  await loginAs(context, dpo, baseURL!)
  // the DPO adds a payment provider abroad whose notices are to be in English
  const name = uniqueName('Provider')
  await page.goto('/dpo/registry/recipients')
  const add = page.getByRole('form', { name: 'Neuen Eintrag hinzufügen' })
  await expect(add.getByLabel('Sprache der Mitteilungen')).toHaveValue('de')
  await add.getByLabel('Name (Deutsch, maßgeblich)').fill(name)
  await add.getByLabel('Name (Englisch)').fill(name)
  await add.getByLabel('Art', { exact: true }).selectOption('processor')
  await add.getByLabel('Leistung (Deutsch, maßgeblich)').fill('Zahlungsabwicklung')
  await add.getByLabel('Leistung (Englisch)').fill('Payment processing')
  await add.getByLabel('Sprache der Mitteilungen').selectOption({ label: 'Englisch' })
  await add.getByRole('button', { name: 'Hinzufügen' }).click()
  await expect(page.locator('.toast')).toHaveText('Empfänger hinzugefügt.')
  const [abroad] = await db.select().from(recipients).where(eq(recipients.name, name))
  expect(abroad.noticeLanguage).toBe('en')
  const [paymentwall] = await db.select().from(recipients).where(eq(recipients.slug, 'paymentwall'))
  expect(paymentwall.noticeLanguage).toBe('de')

  const customer = await createUser()
  const { dpo: dpoContact } = await getRegistryContacts('de')
  // Paymentwall has no notice address: the DPO passes the notice on, written in German
  const german = await openNotice(page, dpoContact.email, await correctPayment(customer.id, paymentwall.id, dpo.id))
  await expect(german).toContainText('Mitteilung nach Art. 19 DSGVO: Zahlungsdaten berichtigt')
  await expect(german).toContainText('An Paymentwall,')
  await expect(german).toContainText(`Kundenreferenz ${customer.id.slice(0, 8)}: Die Zahlungsdaten wurden berichtigt`)
  await expect(german).not.toContainText('Customer reference')

  const english = await openNotice(page, dpoContact.email, await correctPayment(customer.id, abroad.id, dpo.id))
  await expect(english).toContainText('Notice under Art. 19 GDPR: payment record corrected')
  await expect(english).toContainText(`Customer reference ${customer.id.slice(0, 8)}: the payment record was corrected`)
})
