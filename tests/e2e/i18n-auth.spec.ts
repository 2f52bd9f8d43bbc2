// Signing up, confirming the address and logging in, in German: German words on every page and in the code email,
// <html lang="de">, no English left over (tests/support/english-leaks.ts), and the server's answers in German too.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { englishLines, englishOnPage, userTexts } from '../support/english-leaks'
import { createUser, findUserByEmail, readEmail, uniqueName } from '../support/fixtures'

// A code that is surely not the one emailed to this address (if any was): read the mailbox in a page of its own.
async function aWrongCode(context: BrowserContext, to: string) {
  const mailbox = await context.newPage()
  await mailbox.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`)
  const text = await mailbox.locator('main').innerText()
  let sent = ''
  if (await mailbox.getByRole('link', { name: /sign-in code|Anmeldecode/ }).count()) {
    await mailbox.getByRole('link', { name: /sign-in code|Anmeldecode/ }).first().click()
    await mailbox.waitForURL(/\/dev\/mailbox\/\d+/)
    sent = (await mailbox.locator('pre.mail-body').innerText()).match(/\b(\d{6})\b/)?.[1] ?? ''
  }
  await mailbox.close()
  expect(text).toBeTruthy()
  return sent === '000000' ? '111111' : '000000'
}

async function expectGerman(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  expect(await englishOnPage(page, userTexts)).toEqual([])
}

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' })

  test('signs up, reads the German code email, confirms the address, logs out and logs in again, all in German', async ({ page }) => {
    const username = uniqueName('deutsch')
    const email = `${username}@example.test`
    const password = 'ein ausreichend langes Passwort'

    await page.goto('/signup')
    await expect(page).toHaveTitle('Registrieren · Datenschutzportal')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Konto eröffnen')
    await expect(page.getByRole('main').getByRole('link', { name: 'Datenschutzerklärung' })).toHaveAttribute('href', '/privacy')
    await expectGerman(page)
    await page.getByLabel('Benutzername').fill(username)
    await page.getByLabel('E-Mail-Adresse').fill(email)
    await page.getByLabel('Passwort').fill(password)
    await page.getByLabel(/volljährig/).check()
    await page.getByRole('main').getByRole('button', { name: 'Registrieren' }).click()
    await expect(page).toHaveURL(/\/verify-email$/)
    await expect(page).toHaveTitle('E-Mail-Adresse bestätigen · Datenschutzportal')
    await expect(page.getByRole('main')).toContainText('Wir haben einen 6-stelligen Code an die angegebene Adresse gesendet. Er ist 15 Minuten gültig.')
    await expectGerman(page)

    // the code email, in the language of the page the customer signed up on
    const mail = await readEmail(page, email, 'Ihr Bestätigungscode')
    expect(englishLines(mail, 'code email', [username])).toEqual([])
    const code = mail.match(/\b(\d{6})\b/)![1]

    await page.goto('/verify-email')
    const wrong = code === '000000' ? '111111' : '000000'
    await page.getByLabel('Bestätigungscode').fill(wrong)
    await page.getByRole('button', { name: 'Bestätigen' }).click()
    await expect(page.locator('#field-code-error')).toHaveText('Dieser Code ist nicht richtig. Prüfen Sie die neueste E-Mail und versuchen Sie es erneut.')
    await expectGerman(page)
    await page.getByLabel('Bestätigungscode').fill(code)
    await page.getByRole('button', { name: 'Bestätigen' }).click()
    await expect(page).toHaveURL(/\/login\?verified=1$/)
    expect((await findUserByEmail(email))?.emailVerifiedAt).toBeInstanceOf(Date)
    await expect(page.getByRole('main')).toContainText('Ihre E-Mail-Adresse ist bestätigt. Sie können sich jetzt anmelden.')
    await expect(page).toHaveTitle('Anmelden · Datenschutzportal')
    await expectGerman(page)

    await page.getByLabel('E-Mail-Adresse oder Benutzername').fill(email)
    await page.getByLabel('Passwort').fill(password)
    await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click()
    await expect(page).toHaveURL(/\/account$/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hallo, ${username}`)

    await page.getByRole('button', { name: /Abmelden/ }).click()
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Anmelden' })).toBeVisible()
    await page.goto('/login')
    await page.getByLabel('E-Mail-Adresse oder Benutzername').fill(username)
    await page.getByLabel('Passwort').fill(password)
    await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click()
    await expect(page).toHaveURL(/\/account$/)
  })

  test('a wrong password is answered in German, and a taken username next to its field', async ({ page }) => {
    const user = await createUser()
    await page.goto('/login')
    await page.getByLabel('E-Mail-Adresse oder Benutzername').fill(user.email)
    await page.getByLabel('Passwort').fill('not the password')
    await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click()
    // one answer for a wrong password and an unknown name (decision 011), about the form as a whole
    await expect(page.locator('form').getByRole('alert')).toHaveText('E-Mail-Adresse, Benutzername oder Passwort sind nicht richtig.')
    await expectGerman(page)

    await page.goto('/signup')
    await page.getByLabel('Benutzername').fill(user.username)
    await page.getByLabel('E-Mail-Adresse').fill(`${uniqueName('other')}@example.test`)
    await page.getByLabel('Passwort').fill('a long enough password')
    await page.getByLabel(/volljährig/).check()
    await page.getByRole('main').getByRole('button', { name: 'Registrieren' }).click()
    await expect(page.locator('#field-username-error')).toHaveText('Dieser Benutzername ist bereits vergeben. Wählen Sie einen anderen.')
    await expectGerman(page)
  })

  test('asking for a sign-in code reads the same in German for a known and an unknown address', async ({ browser, baseURL }) => {
    const user = await createUser()
    const pages: string[] = []
    for (const address of [user.email, `${uniqueName('nobody')}@example.test`]) {
      const context = await browser.newContext({ locale: 'de-DE', baseURL })
      const page = await context.newPage()
      await page.goto('/login')
      await page.getByRole('link', { name: 'Anmeldecode per E-Mail anfordern' }).click()
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mit einem Anmeldecode anmelden')
      await expectGerman(page)
      await page.getByLabel('E-Mail-Adresse').fill(address)
      await page.getByRole('button', { name: 'Anmeldecode per E-Mail senden' }).click()
      await expect(page.getByLabel('Anmeldecode')).toBeVisible()
      await expect(page.getByRole('main')).toContainText('Falls die Adresse zu einem Konto gehört, haben wir einen 6-stelligen Code an sie gesendet.')
      await expectGerman(page)
      const before = await page.getByRole('main').innerText()
      await page.getByLabel('Anmeldecode').fill(await aWrongCode(context, address))
      await page.getByRole('main').getByRole('button', { name: 'Anmelden' }).click()
      await expect(page.locator('#field-code-error')).toHaveText('Dieser Code ist nicht richtig. Prüfen Sie die neueste E-Mail und versuchen Sie es erneut.')
      await expectGerman(page)
      pages.push(`${before}\n${await page.getByRole('main').innerText()}`)
      await context.close()
    }
    expect(pages[0]).toBe(pages[1])
  })
})
