// Art. 19 notices go out in the language the registry gives the recipient: German, the controller's, unless the
// DPO chose English for it in the registry editor (decision 095). Read where the test portal delivers them.
import { expect, test, type Page } from '@playwright/test'
import { eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, payments, recipientNotifications, recipients } from '#db/schema'
import { recipientNoticeWordsSql } from '~/lib/rectification/recipient-notice-words.server'
import { completeRequest } from '~/lib/dpo/dsr-completion.server'
import { requestCorrection } from '~/lib/rectification/rectification.server'
import { getRegistryContacts, registryTextSql } from '~/lib/registry/registry.server'
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

test('the person reads in German whom their correction was told, what and how; notices recorded before read the same', async ({ page, context, baseURL }) => {
  const dpo = await createUser({ role: 'dpo' })
  const customer = await createUser()
  const [paymentwall] = await db.select().from(recipients).where(eq(recipients.slug, 'paymentwall'))
  const [partners] = await db.select().from(recipients).where(eq(recipients.slug, 'affiliate_partners'))
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.number, await correctPayment(customer.id, paymentwall.id, dpo.id)))
  // recorded before the notices kept codes: only the portal's English
  const partner = uniqueName('Partner')
  await db.insert(recipientNotifications).values({ requestId: request.id, userId: customer.id, recipientId: partners.id, kind: 'rectification', subject: 'Email address corrected', channel: `Email to ${partner}` })
  await db.insert(recipientNotifications).values({ requestId: request.id, userId: customer.id, recipientId: partners.id, kind: 'rectification', subject: 'Told by hand', channel: 'By letter' })

  await loginAs(context, customer, baseURL!)
  await page.goto(`/requests/${request.id}`)
  await expect(page.getByRole('heading', { name: 'Benachrichtigte Empfänger' })).toBeVisible()
  const rows = page.locator('table.recipient-notices tbody tr')
  await expect(rows).toHaveCount(3)
  const cells = (row: number) => rows.nth(row).locator('td')
  await expect(cells(0).nth(0)).toHaveText(paymentwall.nameDe)
  await expect(cells(0).nth(1)).toHaveText('Zahlungsdaten berichtigt')
  await expect(cells(0).nth(3)).toHaveText('E-Mail an unseren Datenschutzbeauftragten, der sie an den Empfänger weitergibt')
  await expect(cells(1).nth(0)).toHaveText(partners.nameDe)
  await expect(cells(1).nth(1)).toHaveText('E-Mail-Adresse berichtigt')
  await expect(cells(1).nth(3)).toHaveText(`E-Mail an ${partner}`)
  for (const row of [0, 1]) for (const cell of [1, 3]) await expect(cells(row).nth(cell)).not.toHaveAttribute('lang')
  // a text the portal has no words for is shown as stored, marked English
  await expect(cells(2).nth(1)).toHaveText('Told by hand')
  await expect(cells(2).nth(1)).toHaveAttribute('lang', 'en')
  await expect(cells(2).nth(3)).toHaveAttribute('lang', 'en')

  // My data and the access package (SQL) say what the page says
  const shown = await page.locator('table.recipient-notices tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)))
  const fromSql = await db.execute<{ recipient: string; subject: string; channel: string }>(sql`
    select ${registryTextSql(sql`rr.name`, sql`rr.name_de`, 'de')} as recipient, ${recipientNoticeWordsSql('de').subject} as subject, ${recipientNoticeWordsSql('de').channel} as channel
    from recipient_notifications rn join recipients rr on rr.id = rn.recipient_id where rn.request_id = ${request.id} order by rn.notified_at, rn.id`)
  expect(fromSql.map((r) => [r.recipient, r.subject, r.channel])).toEqual(shown.map((cells) => [cells[0], cells[1], cells[3]]))
})
