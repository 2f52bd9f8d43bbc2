// A German customer (browser language de-DE) goes through My data and their requests: every word the
// portal itself writes is German, <html lang="de">, dates are written the German way, and no English
// word of the interface or raw catalogue key shows. (Registry texts stay as the registry has them.)
import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { forumPosts, payments, recipients, vpnSessions } from '#db/schema'
import { createUser, loginAs, outboxFor, uniqueName } from '../support/fixtures'

test.use({ locale: 'de-DE' })

const GERMAN_DATE = /\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/
// English words of the interface that must not appear on a German page in the portal's own labels
const ENGLISH = /\b(Show|Delete|Correct|Edit|Older|Newest|Download|Your|Request|Received|Status|Details|Send|Confirm|Withdraw|What|When|Why|How|items?|Save|Add|History|Back|Log in|Legal basis)\b/

// The interface's own words: buttons, labels, column and fact names, actions, summaries, the toast.
async function interfaceText(page: Page) {
  return page
    .locator('main')
    .locator('button, label, legend, th, dt, summary, .category-actions a, .item-actions a, .pager a, .field-error, .toast, .hint, h1 + p > a')
    .allInnerTexts()
}

async function expectGerman(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  const main = await page.locator('main').innerText()
  expect(main, 'no raw catalogue key').not.toMatch(/\b(mydata|requests|common|validation):[a-zA-Z]/)
  for (const text of await interfaceText(page)) expect(text, `English word in "${text}" on ${page.url()}`).not.toMatch(ENGLISH)
  expect(await page.title()).toMatch(/Meine|Antrag|Anträge|Berichtigung|Datenschutz/)
}

test('a German customer: summary, a category’s items, a correction, the download, and the requests, all in German', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000)
  const user = await createUser()
  await db.insert(vpnSessions).values(Array.from({ length: 25 }, (_, i) => ({ userId: user.id, clientIp: '198.51.100.23', serverId: 'de-fra-12', startedAt: new Date(Date.now() - i * 3_600_000) })))
  const [paypal] = await db.select().from(recipients).where(eq(recipients.slug, 'paypal'))
  await db.insert(payments).values({ userId: user.id, paidAt: new Date(), transactionNumber: 'PP-DE-1', providerId: paypal.id, amountCents: 5394, currency: 'EUR' })
  await db.insert(forumPosts).values({ userId: user.id, authorName: user.username, authorEmail: user.email, title: 'Frage', body: 'Geht das?' })
  await loginAs(context, user, baseURL!)

  // the summary: one card per category
  await page.goto('/my-data')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Daten')
  const sessions = page.locator('#category-vpn_sessions')
  await expect(sessions.locator('dl').first()).toContainText('Speicherdauer')
  await expect(sessions.locator('dl').first()).toContainText('Rechtsgrundlage')
  await expect(sessions.locator('dl').first()).toContainText('25 Einträge')
  await expect(page.locator('#category-payments')).toContainText('1 Eintrag')
  await expect(page.locator('#automated-decisions + p')).toContainText('keine Entscheidungen')
  await expect(page.locator('#category-consents')).toContainText('Ihre Einwilligungen heute')
  await expectGerman(page)

  // a category's items: German column names and dates, paged by 20
  await sessions.getByRole('link', { name: /Alle 25 Einträge ansehen/ }).click()
  await expect(page).toHaveURL(/\/my-data\/vpn_sessions$/)
  await expect(page.getByRole('heading', { level: 2, name: 'Die neuesten 20 Einträge' })).toBeVisible()
  await expect(page.locator('th[data-field="clientIp"]')).toHaveText('IP-Adresse')
  await expect(page.locator('th[data-field="deleteAt"]')).toHaveText('Gelöscht am')
  await expect(page.locator('tbody tr').first().locator('td[data-field="startedAt"]')).toHaveText(GERMAN_DATE)
  await expect(page.getByRole('region', { name: /Tabelle, seitlich verschiebbar/ })).toBeVisible()
  await expectGerman(page)
  await page.getByRole('link', { name: 'Ältere Einträge' }).click()
  await expect(page.getByRole('heading', { level: 2, name: '5 ältere Einträge' })).toBeVisible()
  await expectGerman(page)

  // a correction: one link for the category, the form in German, its errors in German, the outcome a German toast
  await page.getByRole('link', { name: /^Berichtigen/ }).click()
  await expect(page).toHaveURL(/\/my-data\/correction\/vpn_sessions$/)
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Berichtigung beantragen')
  await page.getByRole('button', { name: 'Berichtigungsantrag senden' }).click()
  await expect(page.locator('#field-details-error')).toHaveText('Geben Sie an, was falsch ist und was richtig wäre.')
  await page.getByLabel('Welcher Eintrag ist falsch?').fill('abc')
  await page.getByLabel('Was ist falsch, und was wäre richtig?').fill('Diese Sitzung war nicht ich.')
  await page.getByRole('button', { name: 'Berichtigungsantrag senden' }).click()
  await expect(page.locator('#field-row-error')).toContainText('Nummer des Eintrags')
  await expectGerman(page)
  await page.getByLabel('Welcher Eintrag ist falsch?').fill('')
  await page.getByRole('button', { name: 'Berichtigungsantrag senden' }).click()
  await expect(page).toHaveURL(/\/my-data\/vpn_sessions$/)
  await expect(page.getByRole('status')).toContainText(/Ihr Berichtigungsantrag DSR-\d{4}-\d+ wurde gesendet/)
  await expect(page.locator('main article .notice').first()).toContainText('Eingeschränkt, solange Ihr Berichtigungsantrag geprüft wird')
  await expectGerman(page)

  // the download: without the password first, the portal asks for it; a wrong one is refused in German
  await page.goto('/my-data/download')
  await expect(page).toHaveURL(/\/my-data(#access-package)?$/)
  await expect(page.getByRole('status')).toContainText('Geben Sie zu Ihrem Schutz Ihr Passwort erneut ein')
  const form = page.locator('#access-package')
  await form.getByLabel('Ihr Passwort').fill('falsch-falsch')
  await form.getByRole('button', { name: 'Meine Daten herunterladen (ZIP)' }).click()
  await expect(page.locator('#field-password-error')).toHaveText('Dieses Passwort ist nicht richtig.')
  await expectGerman(page)
  await form.getByLabel('Ihr Passwort').fill(user.password)
  const downloading = page.waitForEvent('download')
  await form.getByRole('button', { name: 'Meine Daten herunterladen (ZIP)' }).click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^access-package-DSR-\d{4}-\d{6}\.zip$/)
  expect(fs.statSync((await download.path())!).size).toBeGreaterThan(0)

  // the requests: types, states and steps in words
  await page.goto('/requests')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Anträge')
  await expect(page.locator('table.requests')).toContainText('Berichtigung (Art. 16)')
  await expect(page.locator('table.requests')).toContainText('Eingegangen')
  await expect(page.locator('table.requests tbody tr').first()).toContainText(GERMAN_DATE)
  await expect(page.getByRole('heading', { name: 'Löschbestätigungen' })).toBeVisible()
  await expectGerman(page)
  await page.locator('table.requests').getByRole('link').last().click()
  await expect(page.getByRole('heading', { level: 2, name: 'Was geschehen ist' })).toBeVisible()
  await expect(page.locator('table.request-events')).toContainText('Antrag eingegangen')
  await expect(page.locator('table.request-events')).toContainText('Verarbeitung bis zur Entscheidung eingeschränkt')
  await expectGerman(page)

  // a new request: the form, its errors and the outcome in German
  await page.goto('/requests/new')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Datenschutzantrag stellen')
  await page.getByLabel('Was sollen wir für Sie tun?').selectOption({ label: 'Widerspruch (Art. 21)' })
  await page.getByRole('button', { name: 'Antrag senden' }).click()
  await expect(page.locator('#field-details-error')).toHaveText('Beschreiben Sie die Gründe Ihres Widerspruchs.')
  await expectGerman(page)
  await page.getByLabel('Angaben').fill('Ich widerspreche der Missbrauchsprüfung.')
  await page.getByRole('button', { name: 'Antrag senden' }).click()
  await expect(page).toHaveURL(/\/requests\/\d+$/)
  await expect(page.getByRole('status')).toContainText('Ihr Antrag ist eingegangen')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Widerspruch (Art. 21)')
  await expect(page.locator('main dl.facts')).toContainText('Eingegangen')
  await expectGerman(page)
})

test('a person without an account follows a request on the status page, in German', async ({ page }) => {
  const email = `${uniqueName('de')}@example.test`
  await page.goto('/requests/new')
  await page.getByLabel('Was sollen wir für Sie tun?').selectOption({ label: 'Auskunft über Ihre Daten (Art. 15)' })
  await page.getByLabel('Ihre E-Mail-Adresse').fill(email)
  await page.getByRole('button', { name: 'Antrag senden' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('E-Mail-Adresse bestätigen')
  await expectGerman(page)
  await page.getByLabel('Bestätigungscode').fill('12345')
  await page.getByRole('button', { name: 'Bestätigen' }).click()
  await expect(page.locator('#field-code-error')).toContainText('6-stelligen Code')
  const [mail] = await outboxFor(email)
  const code = /\b(\d{6})\b/.exec(mail.text)![1]
  await page.getByLabel('Bestätigungscode').fill(code)
  await page.getByRole('button', { name: 'Bestätigen' }).click()
  await expect(page).toHaveURL(/\/requests\/status\/[A-Za-z0-9_-]{43}$/)
  await expect(page.getByRole('status')).toContainText('Ihre E-Mail-Adresse ist bestätigt')
  await expect(page.getByTestId('request-status')).toHaveText('Eingegangen')
  await expect(page.locator('.event-history')).toContainText('E-Mail-Adresse bestätigt')
  await expectGerman(page)
})

test('the language switch on My data: Deutsch and back to English', async ({ page, context, baseURL }) => {
  await loginAs(context, await createUser(), baseURL!)
  await page.goto('/my-data')
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await page.getByRole('button', { name: 'English' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My data')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page.locator('#category-account')).toContainText('How long we keep it')
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Meine Daten')
  await expect(page.locator('#category-account')).toContainText('Speicherdauer')
})
