// The DPO workspace in German: a DPO whose browser asks for German walks the queue, a request, the audit trail,
// the reports, the deletion receipts and the policy versions, and reads German words, never a catalogue key,
// never an internal code (event kinds, statuses, table names, "request:26"). The report counts a customer's own
// download apart from a request the customer filed for the DPO to work.
import { expect, test, type Page } from '@playwright/test'
import { desc, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, deletionReceipts } from '#db/schema'
import { createUser, loginAs, type TestUser } from '../support/fixtures'

// Codes as stored (snake_case words) and references like "request:26"; email addresses are the people's, not codes.
async function expectWordsOnly(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  const text = (await page.locator('main').innerText()).replace(/\S+@\S+/g, '')
  expect(text, 'no catalogue key').not.toMatch(/\b(dpo|common|validation|requests):[a-zA-Z]/)
  expect(text, 'no internal code').not.toMatch(/\b[a-z]+_[a-z_]+\b/)
  expect(text, 'no internal reference').not.toMatch(/\b[a-z]+:\d+/)
  for (const english of ['Request queue', 'Received', 'History', 'Audit trail', 'Deletion receipts', 'Policy versions', 'Reports']) {
    expect(text, `no English "${english}"`).not.toContain(english)
  }
}

// A customer (in an English browser) downloads their copy on My data — done at once by the portal — and files
// an access request through /requests/new, which waits for the DPO.
async function customerActs(customer: TestUser, page: Page) {
  await page.goto('/my-data#access-package')
  const packageForm = page.locator('#access-package')
  await packageForm.locator('input[name="password"]').fill(customer.password)
  const downloading = page.waitForEvent('download')
  await packageForm.locator('button[name="intent"][value="download-package"]').click()
  await (await downloading).path()

  await page.goto('/requests/new')
  await page.locator('select[name="type"]').selectOption('access')
  await page.locator('textarea[name="details"]').fill('Bitte alles, was Sie über mich speichern.')
  await page.locator('button[name="intent"][value="file"]').click()
  await expect(page).not.toHaveURL(/\/requests\/new/)
}

test.describe('a German DPO', () => {
  test.use({ locale: 'de-DE' })

  test('walks queue, request, audit trail, reports, receipts and policies in German, with words for every code', async ({ page, context, baseURL, browser }) => {
    const customer = await createUser()
    const customerContext = await browser.newContext({ locale: 'en-GB', acceptDownloads: true })
    await loginAs(customerContext, customer, baseURL!)
    await customerActs(customer, await customerContext.newPage())
    await customerContext.close()

    const requests = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, customer.id)).orderBy(desc(dataSubjectRequests.id))
    expect(requests.map((r) => r.status).sort()).toEqual(['completed', 'received'])
    const filed = requests.find((r) => r.status === 'received')!
    // a month no other test writes to, so the report's row holds exactly these two
    await db.update(dataSubjectRequests).set({ receivedAt: new Date('2004-02-10T10:00:00Z') }).where(eq(dataSubjectRequests.userId, customer.id))
    // an erasure receipt of the kind that showed "request:26" and "forum_posts"
    await db.insert(deletionReceipts).values({ runId: `request:${filed.id}`, ruleSlug: 'erasure_request', tableName: 'forum_posts', userId: customer.id, requestId: filed.id, rowCount: 2 })

    await loginAs(context, await createUser({ role: 'dpo' }), baseURL!)

    // the queue, filtered to this customer
    await page.goto(`/dpo?view=all&q=${encodeURIComponent(customer.email)}`)
    await expect(page).toHaveTitle(/Anträge · /)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Arbeitsbereich des Datenschutzbeauftragten: Anträge')
    await expect(page.getByRole('columnheader')).toHaveText(['Antrag', 'Art', 'Status', 'Person', 'Eingegangen', 'Fällig', 'Verbleibende Tage'])
    const row = page.locator('table.queue tr', { hasText: filed.number })
    await expect(row).toContainText('Auskunft (Art. 15)')
    await expect(row).toContainText('Eingegangen')
    await expectWordsOnly(page)

    // the request: facts, history with words for event kinds and actors, and a toast in German
    await row.getByRole('link', { name: filed.number }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${filed.number}: Auskunft (Art. 15)`)
    await expect(page.getByTestId('request-status')).toHaveText(/Eingegangen/)
    await expect(page.locator('.event-history')).toContainText('Eingegangen')
    await expect(page.locator('.event-history')).toContainText('Kunde')
    await page.getByRole('button', { name: 'Antrag übernehmen' }).click()
    await expect(page.locator('.toast')).toHaveText('Sie haben den Antrag übernommen.')
    expect(new URL(page.url()).search).toBe('')
    await expect(page.getByTestId('request-status')).toHaveText(/In Bearbeitung/)
    await expect(page.locator('.event-history')).toContainText('Vom Datenschutzbeauftragten übernommen')
    await expect(page.locator('.event-history')).toContainText('Eingegangen → In Bearbeitung')
    // a field error in German, nothing changed
    await page.getByRole('button', { name: 'Antrag ablehnen' }).click()
    await expect(page.locator('#field-denialReason-error')).not.toHaveText('')
    await expect(page.getByTestId('request-status')).toHaveText(/In Bearbeitung/)
    await expectWordsOnly(page)

    await page.goto('/dpo/audit')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prüfprotokoll')
    await expect(page.getByTestId('audit-result')).toContainText(/Die Kette ist (unversehrt|an)/)
    await expectWordsOnly(page)

    // the report: the customer's own download is counted apart from the request they filed for the DPO
    await page.goto('/dpo/reports')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Berichte')
    await expect(page.getByRole('columnheader', { name: 'Selbst erledigt (eigene Aktionen der Kunden)' })).toBeVisible()
    await expect(page.locator('main')).toContainText('Kopie herunterladen')
    const month = page.locator('table.report tr[data-month="2004-02"]')
    await expect(month.locator('td[data-column="received"]')).toHaveText('1')
    await expect(month.locator('td[data-column="self-service"]')).toHaveText('1')
    await expectWordsOnly(page)

    // receipts: the table, rule and run in words
    await page.goto('/dpo/receipts')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Löschungen und Aufbewahrungspflichten')
    const receipt = page.locator('#receipt-list tr', { hasText: filed.number })
    await expect(receipt).toContainText(`Löschung zu Antrag ${filed.number}`)
    await expect(receipt).toContainText('Forenbeiträge')
    await expect(receipt).toContainText('Löschung auf Antrag')
    await expectWordsOnly(page)

    await page.goto('/dpo/policies')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fassungen der Richtlinien')
    await expect(page.locator('main p', { hasText: 'Neue Fassung entwerfen:' }).getByRole('link', { name: 'Datenschutzerklärung' })).toBeVisible()
    await expectWordsOnly(page)

    await page.goto('/dpo/registry')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Verzeichnis')
    await expect(page.getByRole('link', { name: 'Rechtsgrundlagen' })).toBeVisible()
  })

  test('the language switch turns the request queue English', async ({ page, context, baseURL }) => {
    await loginAs(context, await createUser({ role: 'dpo' }), baseURL!)
    await page.goto('/dpo')
    await expect(page.getByRole('navigation', { name: 'Arbeitsbereich des Datenschutzbeauftragten' })).toBeVisible()
    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('DPO workspace: request queue')
  })
})
