// German is the controller's authoritative language: a German reader meets no English anywhere, on no page and
// in no state of tests/support/route-visits.ts (anonymous with the cookie banner open, customer, DPO, field
// errors, error pages), in no email and not in the access package — no English words, no raw catalogue keys
// ("mydata:summary.title"), no internal codes ("settings_toggle", "request:26"). Text that people wrote (posts,
// messages, names) and elements marked with another lang are left out. The same pages at 375 px never scroll sideways.
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { supplementaryStatements } from '#db/schema'
import { templates, type PropsOf, type TemplateName } from '#emails/index'
import { openAccessPackage } from '~/lib/access/access-package.server'
import { renderEmail } from '~/lib/platform/email.server'
import { markBodyDelivered } from '~/lib/access/zip-stream.server'
import { englishIn, englishLines, englishOnPage, stringsIn, userTexts } from '../support/english-leaks'
import { createUser } from '../support/fixtures'
import { allVisits, newPage, openVisit } from '../support/route-visits'
import { unzipText } from '../support/unzip'

test('the leak check finds English, raw keys and codes, and passes German', () => {
  for (const english of ['Log in to see your data', 'Privacy notice', 'mydata:summary.title', 'Methode: settings_toggle', 'Quelle: request:26', 'Choose one of the fields listed for this data.', 'Transaction number']) {
    expect(englishIn(english), english).not.toBeNull()
  }
  for (const german of [
    'Melden Sie sich an, um Ihre Daten zu sehen.',
    'Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, Widerspruch und Datenübertragbarkeit',
    'Ihr Antrag DSR-2026-000123 ist am 21.12.2026 um 10:30 Uhr eingegangen.',
    'Schreiben Sie an dpo@example.test oder besuchen Sie https://example.test/privacy?lng=de.',
    'Status: in Bearbeitung · Name · Details · Cookies · Not-Aus',
  ]) {
    expect(englishIn(german), german).toBeNull()
  }
})

// Pages where English is still known to leak, with what is left to do. Their test checks that the leak is still
// there, so an entry fails as soon as the page is fixed and must then be removed: the list only shrinks.
const STILL_LEAKING: Record<string, string> = {}

for (const { file, visit } of allVisits()) {
  test(`${file}: ${visit.label} as ${visit.as} shows no English in German, and does not scroll sideways at 375 px`, async ({ browser, baseURL }) => {
    test.setTimeout(180_000)
    const { context, page } = await newPage(browser, baseURL!, visit.as, 'de')
    await openVisit(page, visit)
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    const found = await englishOnPage(page, userTexts)
    const pending = STILL_LEAKING[`${file}: ${visit.label}`]
    if (pending) expect(found, `fixed? remove "${file}: ${visit.label}" from STILL_LEAKING`).not.toEqual([])
    else expect(found).toEqual([])
    await page.setViewportSize({ width: 375, height: 800 })
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'page width at 375 px').toBeLessThanOrEqual(375)
    await context.close()
  })
}

const names = Object.keys(templates) as TemplateName[]
function previewProps<T extends TemplateName>(name: T) {
  return (templates[name].component as unknown as { PreviewProps: PropsOf<T> }).PreviewProps
}

test('every email in German has no English in its subject, text and HTML', async ({ browser }) => {
  const found: string[] = []
  const page = await browser.newPage()
  for (const name of names) {
    const mail = await renderEmail(db, name, previewProps(name), 'de')
    // the preview props stand for what the callers hand in: what people wrote, and registry texts (which the
    // callers look up in the recipient's language)
    const written = stringsIn(previewProps(name))
    found.push(...englishLines(mail.subject, `${name} subject`, written), ...englishLines(mail.text, `${name} text`, written))
    await page.setContent(mail.html)
    found.push(...(await englishOnPage(page, written)).map((l) => `${name} html ${l}`))
  }
  await page.close()
  expect(found).toEqual([])
})

test('the access package in German: index.html and README.txt have no English', async ({ browser }) => {
  const user = await createUser()
  await db.insert(supplementaryStatements).values({ userId: user.id, categorySlug: 'payments', statement: 'My payment of March was refunded.' })
  const opened = await openAccessPackage({ userId: user.id, username: user.username, language: 'de' })
  if (!opened.ok) throw new Error(`package not opened: ${opened.reason}`)
  const chunks: Buffer[] = []
  for await (const chunk of opened.body as unknown as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk))
  markBodyDelivered(opened.body)
  const files = await unzipText(Buffer.concat(chunks))
  const written = await userTexts()
  const found = englishLines(files.get('README.txt')!, 'README.txt', written)
  const page = await browser.newPage()
  await page.setContent(files.get('index.html')!)
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  found.push(...(await englishOnPage(page, written)).map((l) => `index.html ${l}`))
  await page.close()
  expect(found).toEqual([])
  await db.delete(supplementaryStatements).where(eq(supplementaryStatements.userId, user.id))
})
