// Emails in the recipient's language (decision 015): set by the page a person signs up or asks on, kept
// with the account or the request, and used by every later email, also those the DPO and the jobs send.
// Forms are found by their field names, so these journeys do not depend on the pages' own wording.
import { expect, test, type Browser, type Page } from '@playwright/test'
import { and, desc, eq, sql } from 'drizzle-orm'
import yauzl from 'yauzl'
import { db } from '#db/client.server'
import { dataSubjectRequests, outboxMessages, users } from '#db/schema'
import { completeCancellation, scheduleCancellation } from '~/lib/erasure/cancellation.server'
import { extendRequest } from '~/lib/dpo/dsr-dpo.server'
import { fileCustomerRequest } from '~/lib/requests/dsr-public.server'
import { createUser, loginAs, uniqueName } from '../support/fixtures'

async function latestMail(to: string, template: string) {
  const [mail] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.template, template)))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  expect(mail, `${template} to ${to}`).toBeTruthy()
  return mail
}

const berlinDate = (language: 'de' | 'en', at: Date) => new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(at)

// What marks a German email, and what would betray English in it. `registryText`: the email quotes the
// registry's own texts (category names, legal reasons), which stay as the registry has them for now.
function expectGerman(mail: { subject: string; html: string; text: string }, { registryText = false } = {}) {
  expect(mail.html).toMatch(/<html[^>]* lang="de"/)
  expect(mail.text).toContain('Verantwortlicher:')
  for (const part of [mail.subject, mail.text]) {
    if (!registryText) expect(part).not.toMatch(/\b(Your|We|the|request|Hello)\b/)
    expect(part).not.toMatch(/emails:|\{\{/)
  }
}

function expectEnglish(mail: { subject: string; html: string; text: string }) {
  expect(mail.html).toMatch(/<html[^>]* lang="en"/)
  expect(mail.text).toContain('Controller:')
  for (const part of [mail.subject, mail.text]) expect(part).not.toMatch(/\b(Ihr|Ihre|Sie|Antrag|Guten Tag)\b/)
}

async function signUp(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale })
  const page = await context.newPage()
  const username = uniqueName('lang')
  const email = `${username}@example.test`
  await page.goto('/signup')
  const form = page.locator('main form').first()
  await form.locator('input[name="username"]').fill(username)
  await form.locator('input[name="email"]').fill(email)
  await form.locator('input[name="password"]').fill('a long enough password')
  await form.locator('input[name="ageConfirmed"]').check()
  await form.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/verify-email$/)
  await context.close()
  const [user] = await db.select().from(users).where(eq(users.email, email))
  return user
}

test('a customer who signs up on a German page gets German emails, one who signs up on an English page English ones, also from the DPO and the jobs', async ({ browser }) => {
  const german = await signUp(browser, 'de-DE')
  const english = await signUp(browser, 'en-US')
  expect(german.language).toBe('de')
  expect(english.language).toBe('en')

  // the sign-up code, HTML and plain text
  const code = await latestMail(german.email, 'verify-email')
  expect(code.subject).toBe('Ihr Bestätigungscode')
  expect(code.text).toContain(`Guten Tag ${german.username},`)
  expect(code.text).toContain('Geben Sie diesen Code ein')
  expect(code.html).toContain('Bestätigen Sie Ihre E-Mail-Adresse')
  expectGerman(code)
  const englishCode = await latestMail(english.email, 'verify-email')
  expect(englishCode.subject).toBe('Your confirmation code')
  expect(englishCode.text).toContain(`Hello ${english.username},`)
  expectEnglish(englishCode)

  // a request's receipt, and the DPO's extension of it, with dates as each language writes them
  const dpo = await createUser({ role: 'dpo' })
  for (const [user, language] of [
    [german, 'de'],
    [english, 'en'],
  ] as const) {
    const { requestId } = await fileCustomerRequest({ userId: user.id, form: { type: 'access', categorySlug: null, details: '' } })
    const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId))
    const receipt = await latestMail(user.email, 'request-received')
    expect(receipt.text).toContain(berlinDate(language, request.dueAt))
    expect(receipt.text).toContain(request.number)
    const extended = await extendRequest({ requestId, actor: { type: 'dpo', id: dpo.id }, months: 1, reason: 'Two payment providers must answer first.' })
    expect(extended.ok).toBe(true)
    const extension = await latestMail(user.email, 'request-extended')
    expect(extension.text).toContain('Two payment providers must answer first.')
    if (language === 'de') {
      expect(receipt.subject).toBe(`Wir haben Ihren Antrag ${request.number} erhalten`)
      expect(receipt.text).toContain('Auskunft über Ihre Daten (Art. 15)')
      expectGerman(receipt)
      expect(extension.subject).toBe(`Wir brauchen mehr Zeit für Ihren Antrag ${request.number}`)
      expectGerman(extension)
    } else {
      expect(receipt.subject).toBe(`We received your request ${request.number}`)
      expectEnglish(receipt)
      expectEnglish(extension)
    }
  }

  // cancellation: the email at once, and the final one written by the job from the stored language
  const scheduled = await scheduleCancellation({ userId: german.id, actor: { type: 'customer', id: german.id } })
  expect(scheduled.ok).toBe(true)
  const cancel = await latestMail(german.email, 'cancellation-scheduled')
  expect(cancel.subject).toContain('Ihr Konto wird am')
  expect(cancel.text).toContain('Bis dahin können Sie die Kündigung mit einem Klick rückgängig machen')
  expectGerman(cancel, { registryText: true })
  const address = german.email
  const [row] = await db.execute<{ id: number }>(sql`select id from account_cancellations where user_id = ${german.id}`)
  const done = await completeCancellation({ cancellationId: row.id, now: new Date(Date.now() + 60 * 86_400_000) })
  expect(done.completed).toBe(true)
  const final = await latestMail(address, 'cancellation-completed')
  expect(final.subject).toBe('Ihr Konto ist geschlossen')
  expect(final.text).toContain('Sie können sich nicht mehr anmelden')
  expectGerman(final, { registryText: true })
})

test('a logged-in customer who switches the page to German gets German emails from then on', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await loginAs(context, user, baseURL!)
  await page.goto('/requests')
  await page.locator('button[name="lng"][value="de"]').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect.poll(async () => (await db.select({ language: users.language }).from(users).where(eq(users.id, user.id)))[0].language).toBe('de')
  await fileCustomerRequest({ userId: user.id, form: { type: 'erasure', categorySlug: null, details: '' } })
  const receipt = await latestMail(user.email, 'request-received')
  expect(receipt.subject).toMatch(/^Wir haben Ihren Antrag DSR-/)
  expectGerman(receipt)
  // and back
  await page.locator('button[name="lng"][value="en"]').click()
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect.poll(async () => (await db.select({ language: users.language }).from(users).where(eq(users.id, user.id)))[0].language).toBe('en')
})

async function fileWithoutAccount(page: Page, email: string) {
  await page.goto('/requests/new')
  const form = page.locator('main form').first()
  await form.locator('select[name="type"]').selectOption('erasure')
  await form.locator('input[name="email"]').fill(email)
  await form.locator('button[name="intent"][value="file"]').click()
  await expect(page.locator('input[name="code"]')).toBeVisible()
  const mail = await latestMail(email, 'request-identity-code')
  const code = mail.text.match(/\b(\d{6})\b/)![1]
  await page.locator('input[name="code"]').fill(code)
  await page.locator('button[name="intent"][value="verify"]').click()
  await expect(page).toHaveURL(/\/requests\/status\/[A-Za-z0-9_-]{43}$/)
  return mail
}

test('a request without an account made on a German page gets a German code and receipt whose status link works', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'de-DE' })
  const page = await context.newPage()
  const email = `${uniqueName('ohnekonto')}@example.test`
  const code = await fileWithoutAccount(page, email)
  expect(code.subject).toBe('Ihr Bestätigungscode')
  expect(code.text).toContain('Löschung (Art. 17)')
  expectGerman(code)
  await context.close()

  const [request] = await db.select().from(dataSubjectRequests).where(sql`lower(${dataSubjectRequests.email}) = ${email}`).orderBy(desc(dataSubjectRequests.id)).limit(1)
  expect(request.language).toBe('de')
  const receipt = await latestMail(email, 'request-received')
  expect(receipt.subject).toBe(`Wir haben Ihren Antrag ${request.number} erhalten`)
  expect(receipt.text).toContain(berlinDate('de', request.dueAt))
  expect(receipt.text).toContain('Dieser Link ist Ihr persönlicher Zugang')
  expectGerman(receipt)

  // the private link in the receipt opens the request, for someone holding nothing but the email
  const link = receipt.text.match(/https?:\/\/\S+\/requests\/status\/[A-Za-z0-9_-]{43}/)![0]
  const stranger = await browser.newContext({ locale: 'de-DE' })
  const statusPage = await stranger.newPage()
  const response = await statusPage.goto(new URL(link).pathname)
  expect(response?.status()).toBe(200)
  await expect(statusPage.getByRole('heading', { level: 1 })).toContainText(request.number)
  await stranger.close()

  // later emails about the request keep the language of the page it was made on
  const dpo = await createUser({ role: 'dpo' })
  expect((await extendRequest({ requestId: request.id, actor: { type: 'dpo', id: dpo.id }, months: 2, reason: 'Viele Beiträge.' })).ok).toBe(true)
  const extension = await latestMail(email, 'request-extended')
  expect(extension.subject).toBe(`Wir brauchen mehr Zeit für Ihren Antrag ${request.number}`)
  expectGerman(extension)
})

function unzipEntries(zip: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, archive) => {
      if (error || !archive) return reject(error)
      const files = new Map<string, string>()
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError)
          const chunks: Buffer[] = []
          stream.on('data', (chunk: Buffer) => chunks.push(chunk))
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'))
            archive.readEntry()
          })
          stream.on('error', reject)
        })
      })
      archive.on('end', () => resolve(files))
      archive.on('error', reject)
      archive.readEntry()
    })
  })
}

test('a German customer downloads the access package from a German page: index.html and README in German, the data keys unchanged', async ({ browser, baseURL }) => {
  test.setTimeout(180_000)
  const user = await createUser()
  const context = await browser.newContext({ locale: 'de-DE' })
  await loginAs(context, user, baseURL!)
  const page = await context.newPage()
  await page.goto('/my-data#access-package')
  const form = page.locator('#access-package form')
  await form.locator('input[name="password"]').fill(user.password)
  const downloading = page.waitForEvent('download')
  await form.locator('button[type="submit"]').click()
  const download = await downloading
  const files = await unzipEntries(Buffer.concat(await collect(await download.createReadStream())))
  await context.close()

  const html = files.get('index.html')!
  expect(html).toMatch(/<html lang="de">/)
  for (const words of ['Ihre Daten bei', 'Wer verantwortlich ist', 'Verantwortlicher', 'Datenschutzbeauftragter', 'Ihre Rechte', 'Wie Sie sich beschweren können', 'Kundennummer', 'Benutzername', 'Gelöscht am', 'Ihre Anträge']) {
    expect(html, words).toContain(words)
  }
  for (const english of ['Who is responsible', 'Your rights', 'Customer number', 'Nothing stored.', 'emails:', 'package.']) expect(html, english).not.toContain(english)
  // the registry's names stay as the registry has them, marked as German
  expect(html).toMatch(/<span lang="de">[^<]+<br>/)
  expect(files.get('README.txt')).toContain('Diese ZIP-Datei ist eine Kopie')

  // the structure other programs read stays the same in every language
  const data = JSON.parse(files.get('data.json')!)
  expect(Object.keys(data)).toEqual(expect.arrayContaining(['format', 'controller', 'information', 'categories', 'records']))
  expect(Object.keys(data.categories.account.items[0])).toEqual(expect.arrayContaining(['id', 'username', 'email', 'language']))
  expect(data.categories.account.items[0].language).toBe('en')
  expect(data.information.rights.find((r: { article: string }) => r.article === 'Art. 15 DSGVO').name).toBe('Auskunft')
  expect(data.records.requests.title).toBe('Ihre Anträge')
  expect(files.get('csv/account.csv')!.split('\r\n')[0]).toContain('username')
})

async function collect(stream: NodeJS.ReadableStream) {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer))
  return chunks
}
