// Issue 12: the consent and policy pages in German: /consents, /cookies, /contact, /feed with its links,
// /privacy and its history; the English notice names the German one as authoritative; no internal code
// (settings_toggle, banner_accept_all, …) is shown in either language.
import { expect, test, type Page } from '@playwright/test'
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { contactMessages, feedSubscriptions, forumPosts, outboxMessages } from '#db/schema'
import { giveCustomerConsent } from '~/lib/consent/consent.server'
import { ledgerRows } from '../support/consent-helpers'
import { createUser, loginAs, uniqueName } from '../support/fixtures'

// What an English page says and a German one must not, and the raw keys a missing translation would show.
const ENGLISH = ['Log in', 'Cookie settings', 'Accept all', 'Legal basis', 'Who receives', 'How long', 'Withdraw consent', 'Given on', 'Send message', 'Subscribe', 'GDPR', 'Privacy notice', 'Version ']
const CODE = /\b[a-z]+(?:_[a-z0-9]+)+\b/

async function expectGerman(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  const text = await page.getByRole('main').innerText()
  for (const word of ENGLISH) expect(text, `"${word}" on ${page.url()}`).not.toContain(word)
  expect(text).not.toMatch(/\b(consent|policy|common|validation):[a-z]/i)
}

async function expectNoCodes(page: Page) {
  const text = await page.getByRole('main').innerText()
  expect(text.match(CODE), page.url()).toBeNull()
}

async function rejectCookies(page: Page) {
  const banner = page.locator('.cookie-banner')
  if (!(await banner.count())) return
  await banner.getByRole('button', { name: /Alle ablehnen|Reject all/ }).click()
  // the choice reloads the page (reloadDocument), and the click may return before that navigation has begun: only
  // the new page is without the banner. The layout is then measured once it has loaded (its stylesheet applied).
  await expect(banner).toHaveCount(0)
  await page.waitForLoadState()
}

test.describe('in German', () => {
  test.use({ locale: 'de-DE' })

  test('/consents: give and withdraw in German, the method in words, the forum password step in German', async ({ page, context, baseURL }) => {
    const customer = await createUser()
    await giveCustomerConsent({ userId: customer.id, purpose: 'forum' })
    await db.insert(forumPosts).values({ userId: customer.id, authorName: customer.username, authorEmail: customer.email, title: `Thema von ${customer.username}`, body: 'Frage' })
    await loginAs(context, customer, baseURL!)
    await page.goto('/consents')
    await rejectCookies(page)
    await expect(page.getByRole('heading', { name: 'Ihre Einwilligungen', level: 1 })).toBeVisible()
    await expect(page).toHaveTitle(/^Ihre Einwilligungen · /)

    const contact = page.getByRole('region', { name: 'Kontaktformular' })
    await expect(contact).toContainText('Nicht erteilt')
    await expect(contact).toContainText('Art. 6 Abs. 1 lit. a DSGVO')
    await contact.getByRole('button', { name: 'Einwilligung erteilen' }).click()
    await expect(page.getByRole('status')).toContainText('Sie haben Ihre Einwilligung zu „Kontaktformular“ erteilt.')
    // the date in German, the method in words (never settings_toggle)
    await expect(contact).toContainText(/Erteilt am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(In Ihren Einstellungen umgeschaltet, Fassung \d+ des Hinweises\)/)
    const analytics = page.getByRole('region', { name: 'Webanalyse (Google Analytics)' })
    await expect(analytics).toContainText('Widerrufen am')
    await expect(analytics).toContainText('in diesem Browser')
    await expectGerman(page)
    await expectNoCodes(page)

    await contact.getByRole('button', { name: 'Einwilligung widerrufen' }).click()
    await expect(page.getByRole('status')).toContainText('Sie haben Ihre Einwilligung zu „Kontaktformular“ widerrufen.')
    await expect(contact).toContainText('Widerrufen am')
    expect((await ledgerRows({ userId: customer.id })).filter((r) => r.purpose === 'contact_form').map((r) => r.action)).toEqual(['given', 'withdrawn'])

    // deleting the forum posts: what goes, in German, and the password
    const forum = page.getByRole('region', { name: 'Forum', exact: true })
    await expect(forum).toContainText('Sie haben 1 Forenbeitrag oder Kommentar.')
    await forum.getByRole('button', { name: 'Widerrufen und meine Beiträge löschen' }).click()
    const confirmation = page.getByRole('form', { name: 'Einwilligung widerrufen und Forenbeiträge löschen' })
    await expect(confirmation).toContainText('Gelöscht wird 1 Forenbeitrag oder Kommentar von Ihnen.')
    await expect(confirmation).toContainText('Das lässt sich nicht rückgängig machen')
    await confirmation.getByLabel('Ihr Passwort').fill('falsches-passwort')
    await confirmation.getByRole('button', { name: 'Widerrufen und 1 Beitrag löschen' }).click()
    await expect(page.locator('#field-password-error')).toHaveText('Dieses Passwort ist nicht richtig.')
    expect(await db.select().from(forumPosts).where(eq(forumPosts.userId, customer.id))).toHaveLength(1)
    await expectGerman(page)
  })

  test('/cookies in German: the choice is saved and confirmed with a German date; the cookie notice is the German text', async ({ page }) => {
    await page.goto('/cookies')
    await expect(page.getByRole('heading', { name: 'Cookie-Einstellungen', level: 1 })).toBeVisible()
    await expect(page.getByRole('main')).toContainText('noch keine Auswahl getroffen')
    const main = page.getByRole('main')
    await main.getByRole('checkbox', { name: /Externe Medien/ }).check()
    await main.getByRole('button', { name: 'Auswahl erlauben' }).click()
    await expect(main).toContainText(/Ihre aktuelle Auswahl wurde am \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} unter Fassung \d+ des Cookie-Hinweises gespeichert\./)
    await expect(main.getByRole('checkbox', { name: /Externe Medien/ })).toBeChecked()
    await expect(main.getByRole('heading', { name: /^Der Cookie-Hinweis \(Fassung \d+\)$/ })).toBeVisible()
    await expect(main.getByRole('heading', { name: 'Notwendige Cookies' })).toBeVisible()
    await expect(main.getByText('The German version is authoritative')).toHaveCount(0)
    await expectGerman(page)
    await expectNoCodes(page)
  })

  test('/contact in German: errors next to the fields in German, then the message is sent with a German thank-you', async ({ page }) => {
    const email = `${uniqueName('kontakt')}@example.test`
    await page.goto('/contact')
    await rejectCookies(page)
    const main = page.getByRole('main')
    await expect(page.getByRole('heading', { name: 'Schreiben Sie uns', level: 1 })).toBeVisible()
    await main.getByRole('button', { name: 'Nachricht senden' }).click()
    await expect(page.locator('#field-name-error')).toHaveText('Bitte füllen Sie dieses Feld aus.')
    await expect(page.locator('#field-consent-error')).toContainText('Setzen Sie das Häkchen')
    await main.getByLabel('Ihr Name').fill('Erika Muster')
    await main.getByLabel('E-Mail-Adresse').fill(email)
    await main.getByLabel('Nachricht', { exact: true }).fill('Speichern Sie DNS-Anfragen?')
    await main.getByRole('checkbox', { name: /Ich bin damit einverstanden, dass meine Nachricht/ }).check()
    await expectGerman(page)
    await main.getByRole('button', { name: 'Nachricht senden' }).click()
    await expect(page.getByRole('status')).toContainText('Vielen Dank, wir haben Ihre Nachricht erhalten')
    expect(await db.select().from(contactMessages).where(eq(contactMessages.email, email))).toHaveLength(1)
    // the map's placeholder says in German what loading it would tell Google
    await expect(page.getByRole('group', { name: /\(nicht geladen\)$/ })).toContainText('Diese Karte stammt von Google')
    await expect(page.getByRole('button', { name: 'Externe Medien erlauben und die Karte laden' })).toBeVisible()
  })

  test('/feed in German: subscribe, confirm and unsubscribe through pages in German', async ({ page }) => {
    const email = `${uniqueName('feed')}@example.test`
    const [thread] = await db
      .select({ id: forumPosts.id })
      .from(forumPosts)
      .where(and(isNull(forumPosts.parentId), sql`${forumPosts.title} is not null`))
      // the seed's oldest thread: one another test made could be deleted by it meanwhile
      .orderBy(asc(forumPosts.id))
      .limit(1)
    await page.goto('/feed')
    await rejectCookies(page)
    const main = page.getByRole('main')
    await expect(page.getByRole('heading', { name: 'Kommentar-Feed', level: 1 })).toBeVisible()
    await main.getByLabel('E-Mail-Adresse').fill(email)
    await main.getByRole('button', { name: 'Abonnieren' }).click()
    await expect(page.locator('#field-thread-error')).toHaveText('Wählen Sie ein Thema aus der Liste.')
    await expect(page.locator('#field-consent-error')).toContainText('Setzen Sie das Häkchen')
    await main.getByLabel('Thema', { exact: true }).selectOption(String(thread.id))
    await expect(main.getByLabel('Thema', { exact: true })).toContainText(/Kommentare?, zuletzt am \d{2}\.\d{2}\.\d{4}/)
    await main.getByRole('checkbox', { name: /Ich bin damit einverstanden, neue Kommentare/ }).check()
    await expectGerman(page)
    await main.getByRole('button', { name: 'Abonnieren' }).click()
    await expect(page.getByRole('status')).toContainText('Sehen Sie in Ihrem Postfach nach')
    await expect(page.getByRole('status')).toContainText('48 Stunden gültig')

    const [mail] = await db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.template, 'feed-confirm')))
      .orderBy(desc(outboxMessages.id))
      .limit(1)
    const link = new URL(mail.text.match(/https?:\/\/\S+\/feed\/confirm\?token=[A-Za-z0-9._-]+/)![0])
    await page.goto(link.pathname + link.search)
    await expect(page.getByRole('heading', { name: 'Abonnement bestätigen', level: 1 })).toBeVisible()
    await page.getByRole('main').getByRole('button', { name: 'Abonnement bestätigen' }).click()
    await expect(page.getByRole('heading', { name: 'Abonnement bestätigt' })).toBeVisible()
    await expectGerman(page)

    const [subscription] = await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.email, email))
    expect(subscription.confirmedAt).toBeInstanceOf(Date)
    // a forged unsubscribe link: the problem in German
    await page.goto('/feed/unsubscribe?token=not-a-token')
    await expect(page.getByRole('main').getByRole('alert')).toContainText('Dieser Abmeldelink ist ungültig.')
    await expect(page.getByRole('heading', { name: 'Vom Kommentar-Feed abmelden', level: 1 })).toBeVisible()
    await expectGerman(page)
  })

  test('/privacy in German: the German text, German dates, and no note about another version', async ({ page }) => {
    await page.goto('/privacy')
    await rejectCookies(page)
    const notice = page.locator('article.privacy-notice')
    await expect(page.getByRole('heading', { name: 'Datenschutzerklärung', level: 1 })).toBeVisible()
    await expect(notice).toContainText(/Fassung \d+, gültig seit \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} \(Berliner Zeit\)\./)
    await expect(notice.getByRole('heading', { name: 'Was wir verarbeiten, warum und wie lange' })).toBeVisible()
    await expect(notice.getByRole('heading', { name: 'Kundenkonto und Vertrag', exact: true })).toBeVisible()
    await expect(notice).toContainText('Rechtsgrundlage: Art. 6 Abs. 1 lit. b DSGVO')
    await expect(notice.getByRole('heading', { name: 'Ihre Rechte' })).toBeVisible()
    await expect(notice.getByRole('heading', { name: 'Beschwerde bei der Aufsichtsbehörde' })).toBeVisible()
    await expect(notice.locator('.policy-text')).not.toHaveAttribute('lang', 'en')
    await expect(page.getByText('The German version is authoritative')).toHaveCount(0)
    await expectGerman(page)

    await notice.getByRole('link', { name: 'Alle Fassungen und was sich geändert hat' }).click()
    await expect(page.getByRole('heading', { name: 'Alle Fassungen der Datenschutzerklärung', level: 1 })).toBeVisible()
    await page.getByRole('link', { name: 'Fassung 2', exact: true }).click()
    await expect(page.getByRole('heading', { name: 'Datenschutzerklärung, Fassung 2', level: 1 })).toBeVisible()
    await expect(page.getByRole('heading', { name: /Änderungen seit Fassung 1/ })).toBeVisible()
    // the German texts compared: the session records were kept six months in version 1
    await expect(page.getByRole('region', { name: 'Änderungen' }).locator('del').first()).toBeVisible()
    await expect(page.getByRole('region', { name: 'Änderungen' })).toContainText('sechs Monate')
    await expectGerman(page)
  })

  test('at 375 px the pages fit the screen, and the version table scrolls in its own focusable region', async ({ page, context, baseURL }) => {
    await page.setViewportSize({ width: 375, height: 800 })
    await loginAs(context, await createUser(), baseURL!)
    for (const path of ['/consents', '/cookies', '/contact', '/feed', '/privacy', '/privacy/history', '/privacy/history/2']) {
      await page.goto(path)
      await rejectCookies(page)
      // nothing sticks out to the right (a box, or a word wider than its box); the offenders are named in the failure
      const wide = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth
        const offenders = [...document.querySelectorAll('body *')]
          .filter((el) => !el.closest('.table-scroll') && (el.getBoundingClientRect().right > limit + 1 || el.scrollWidth > el.clientWidth + 1) && getComputedStyle(el).overflowX === 'visible')
          .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim().slice(0, 50)}`)
        return document.documentElement.scrollWidth > limit ? offenders : []
      })
      expect(wide, path).toEqual([])
      // for a person to look at: the first screen, and the content further down
      await page.screenshot({ path: test.info().outputPath(`${path.replaceAll('/', '_')}.png`) })
      await page.evaluate(() => window.scrollBy(0, 700))
      await page.screenshot({ path: test.info().outputPath(`${path.replaceAll('/', '_')}-further.png`) })
    }
    await page.goto('/privacy/history')
    const table = page.getByRole('region', { name: 'Fassungen' })
    await expect(table).toHaveAttribute('tabindex', '0')
    await expect(table.getByRole('table')).toBeVisible()
  })
})

test.describe('in English', () => {
  test('the notice names the German version as authoritative and links to it, marked as German', async ({ page }) => {
    await page.goto('/privacy')
    await rejectCookies(page)
    const note = page.locator('.authoritative-note')
    await expect(note).toContainText('The German version is authoritative.')
    const link = note.getByRole('link', { name: 'Deutsche Fassung' })
    await expect(link).toHaveAttribute('lang', 'de')
    await expect(link).toHaveAttribute('href', '/privacy?lng=de')
    await link.click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    await expect(page.getByRole('heading', { name: 'Datenschutzerklärung', level: 1 })).toBeVisible()
    await expect(page.locator('.authoritative-note')).toHaveCount(0)
    // the same on the terms, a version's page and the cookie notice
    for (const path of ['/terms', '/privacy/history/2', '/cookies']) {
      await page.goto(path)
      await expect(page.locator('.authoritative-note a[lang="de"]'), path).toHaveAttribute('href', `${path}?lng=de`)
    }
  })

  test('/consents and /cookies show no internal code, and the method of a choice in words', async ({ page, context, baseURL }) => {
    const customer = await createUser()
    await loginAs(context, customer, baseURL!)
    await page.goto('/consents')
    await page.getByRole('region', { name: 'Cookies on this site' }).getByRole('button', { name: 'Accept all' }).click()
    await page.getByRole('region', { name: 'Contact form' }).getByRole('button', { name: 'Give consent' }).click()
    await expect(page.getByRole('region', { name: 'Contact form' })).toContainText('(Switched in your settings, notice version')
    await expect(page.getByRole('region', { name: 'Website analytics (Google Analytics)' })).toContainText('(Cookie banner: "Accept all", notice version')
    await expectNoCodes(page)
    await page.goto('/cookies')
    await expectNoCodes(page)
  })

  test('the language switch turns /cookies into German and back', async ({ page }) => {
    await page.goto('/cookies')
    await expect(page.getByRole('heading', { name: 'Cookie settings', level: 1 })).toBeVisible()
    await page.getByRole('banner').getByRole('button', { name: 'Deutsch' }).click()
    await expect(page.getByRole('heading', { name: 'Cookie-Einstellungen', level: 1 })).toBeVisible()
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    await expectGerman(page)
    // a ?lng= in the address (the link to the German text) does not outvote the switch
    await page.goto('/cookies?lng=de')
    await page.getByRole('banner').getByRole('button', { name: 'English' }).click()
    await expect(page.getByRole('heading', { name: 'Cookie settings', level: 1 })).toBeVisible()
  })
})
