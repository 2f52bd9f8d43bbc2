import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, purposes } from '#db/schema'
import type { Language } from '~/i18n/config'
import { giveCustomerConsent, withdrawConsents } from '~/lib/consent/consent.server'
import { fixedT } from '~/lib/platform/i18n.server'
import { signToken } from '~/lib/platform/tokens.server'
import { reportEmailChangeNotMe } from '~/lib/rectification/rectification.server'
import { createRequest, recordEvent } from '~/lib/requests/dsr.server'
import { requestDetails, requestDetailsSql, requestSubject, requestSubjectSql } from '~/lib/requests/request-subject.server'
import { createUser, loginAs } from '../support/fixtures'

// The portal wrote the subject lines of the requests it opened in English; a German reader reads them in German.
test("a request's subject line is in the reader's language, also where it was stored in English", async ({ page, context, baseURL }) => {
  const owner = await createUser()
  const actor = { type: 'customer' as const, id: owner.id }
  const cancellation = await createRequest(db, { userId: owner.id, type: 'erasure', status: 'in_progress', subject: 'Account cancellation', actor })
  const copy = await createRequest(db, { userId: owner.id, type: 'access', status: 'completed', subject: 'Copy of your data (access package)', actor })
  await loginAs(context, owner, baseURL!)

  await page.goto(`/requests/${cancellation.id}?lng=de`)
  const subject = page.locator('dt', { hasText: 'Betreff' }).locator('xpath=following-sibling::dd[1]')
  await expect(subject).toHaveText('Kündigung des Kontos')
  await expect(subject).not.toHaveAttribute('lang', 'en')
  await page.goto(`/requests/${cancellation.id}?lng=en`)
  await expect(page.locator('dt', { hasText: 'Subject' }).locator('xpath=following-sibling::dd[1]')).toHaveText('Account cancellation')

  // the type ("Auskunft") says what a copy of one's data is: no English subject line under it
  await page.goto(`/requests/${copy.id}?lng=de`)
  await expect(page.locator('main')).toContainText(copy.number)
  await expect(page.locator('dt', { hasText: 'Betreff' })).toHaveCount(0)
  await expect(page.locator('main')).not.toContainText('Copy of your data')
})

// The subject is said twice: by requestSubject for the request pages and by requestSubjectSql for My data and the
// access package. Both read the same stored row the same way, for rows written today and rows written before.
async function bothPaths(requestId: number, language: Language) {
  const [row] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId))
  const shown = await requestSubject(fixedT(language), language, row)
  const [fromSql] = await db.execute<{ subject: string | null; details: string | null }>(
    sql`select ${requestSubjectSql(language)} as subject, ${requestDetailsSql(language)} as details from data_subject_requests r where r.id = ${requestId}`,
  )
  expect(fromSql.subject, `request ${row.number} (${row.subject}) in ${language}`).toBe(shown?.text ?? null)
  expect(fromSql.details).toBe(requestDetails(fixedT(language), row.details)?.text ?? null)
  return shown
}

async function purposeNames(slug: string) {
  const [purpose] = await db.select({ name: purposes.name, nameDe: purposes.nameDe }).from(purposes).where(eq(purposes.slug, slug))
  return purpose
}

async function reportAnEmailChange(owner: { id: string }) {
  const change = await createRequest(db, { userId: owner.id, type: 'rectification', status: 'completed', subject: 'Email address corrected', categorySlug: 'account', actor: { type: 'customer', id: owner.id } })
  const token = signToken({ purpose: 'email-change-report', subject: String(change.id), expiresAt: new Date(Date.now() + 86_400_000) })
  const reported = await reportEmailChangeNotMe({ token })
  if (!reported.ok) throw new Error(`report refused: ${reported.reason}`)
  const [report] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.number, reported.requestNumber))
  return { change, report }
}

test('the subjects of withdrawn consents and reported email changes read the same on the request page as in My data, also for old rows', async () => {
  const owner = await createUser()
  const actor = { type: 'customer' as const, id: owner.id }
  const [contactForm, feed] = await Promise.all([purposeNames('contact_form'), purposeNames('comment_feed')])
  const { request: withdrawal } = await db.transaction((tx) =>
    withdrawConsents(tx, { subject: { userId: owner.id }, owner: { userId: owner.id, email: owner.email }, actor, method: 'settings_toggle', purposes: ['comment_feed', 'contact_form'] }),
  )
  const shown = await bothPaths(withdrawal!.id, 'de')
  expect(shown).toEqual({ text: expect.stringMatching(/^Einwilligung widerrufen: /), translated: true })
  for (const name of [contactForm.nameDe, feed.nameDe]) expect(shown?.text).toContain(name)
  expect(shown?.text).not.toContain(contactForm.name)
  expect((await bothPaths(withdrawal!.id, 'en'))?.text).toContain(contactForm.name)

  // written before the subject was worded when shown: the English names stored, the purposes in the step
  const old = await createRequest(db, { userId: owner.id, type: 'consent_withdrawal', status: 'completed', subject: `Consent withdrawn: ${contactForm.name}`, actor })
  await recordEvent(db, { requestId: old.id, kind: 'consent_withdrawn', actor, data: { purposes: ['contact_form'], method: 'settings_toggle' } })
  expect(await bothPaths(old.id, 'de')).toEqual({ text: `Einwilligung widerrufen: ${contactForm.nameDe}`, translated: true })
  // a stored subject whose step names no purpose is shown as stored
  const bare = await createRequest(db, { userId: owner.id, type: 'consent_withdrawal', status: 'completed', subject: 'Consent withdrawn: Something', actor })
  expect(await bothPaths(bare.id, 'de')).toEqual({ text: 'Consent withdrawn: Something', translated: false })

  const { change, report } = await reportAnEmailChange(owner)
  expect(report.subject).toBe(`Email change ${change.number} reported as not made by the account holder`)
  expect(await bothPaths(report.id, 'de')).toEqual({ text: `Änderung der E-Mail-Adresse ${change.number} als nicht vom Kontoinhaber veranlasst gemeldet`, translated: true })
  expect(await bothPaths(report.id, 'en')).toEqual({ text: report.subject, translated: true })
})

test.describe('in German', () => {
  test.use({ locale: 'de-DE' })

  test('a customer who withdraws a consent reads the request it opened in German, with the purpose as the registry names it in German', async ({ page, context, baseURL }) => {
    const customer = await createUser()
    await giveCustomerConsent({ userId: customer.id, purpose: 'contact_form' })
    const contactForm = await purposeNames('contact_form')
    await loginAs(context, customer, baseURL!)
    await page.goto('/consents')
    const banner = page.locator('.cookie-banner')
    if (await banner.count()) {
      await banner.getByRole('button', { name: 'Alle ablehnen' }).click()
      // the choice reloads the page: act on the new one
      await expect(banner).toHaveCount(0)
    }
    await page.getByRole('region', { name: contactForm.nameDe }).getByRole('button', { name: 'Einwilligung widerrufen' }).click()
    await expect(page.getByRole('status')).toContainText('widerrufen')

    const [request] = await db.select().from(dataSubjectRequests).where(and(eq(dataSubjectRequests.userId, customer.id), eq(dataSubjectRequests.type, 'consent_withdrawal')))
    await page.goto('/requests')
    await page.getByRole('link', { name: request.number }).click()
    const subject = page.locator('dt', { hasText: 'Betreff' }).locator('xpath=following-sibling::dd[1]')
    await expect(subject).toHaveText(`Einwilligung widerrufen: ${contactForm.nameDe}`)
    await expect(subject).not.toHaveAttribute('lang', 'en')
    await expect(page.getByRole('main')).not.toContainText('Consent withdrawn')
  })

  test("the DPO reads a reported email change in German: the report's subject and details, and the pointer on the change", async ({ page, context, baseURL }) => {
    const dpo = await createUser({ role: 'dpo' })
    const owner = await createUser()
    const { change, report } = await reportAnEmailChange(owner)
    await loginAs(context, dpo, baseURL!)
    await page.goto(`/dpo/requests/${report.id}`)
    const main = page.getByRole('main')
    await expect(main.locator('.request-subject')).toHaveText(`Betreff: Änderung der E-Mail-Adresse ${change.number} als nicht vom Kontoinhaber veranlasst gemeldet`)
    await expect(main.locator('.request-subject strong')).not.toHaveAttribute('lang', 'en')
    await expect(main.locator('.request-details')).toHaveText('Gemeldet über den Link in der Mitteilung an die bisherige E-Mail-Adresse. Alle Sitzungen des Kontos wurden beendet.')
    await expect(main).not.toContainText('reported as not made')

    // the change points to the report; one written before says it in the note "See DSR-…."
    const older = await createRequest(db, { userId: owner.id, type: 'rectification', status: 'completed', subject: 'Email address corrected', categorySlug: 'account', actor: { type: 'customer', id: owner.id } })
    await recordEvent(db, { requestId: older.id, kind: 'reported_not_made_by_holder', actor: { type: 'data_subject', id: null }, note: `See ${report.number}.` })
    for (const id of [change.id, older.id]) {
      await page.goto(`/dpo/requests/${id}`)
      await expect(page.locator('.event-note')).toHaveText(`Gemeldet mit Antrag ${report.number}.`)
    }
  })
})
