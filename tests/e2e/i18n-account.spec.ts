// The account pages in German: a German browser gets German words, <html lang="de">, German dates, and
// no English left over; the language switch works without JavaScript; outcome messages are toasts.
import { expect, test } from '@playwright/test'
import { createUser, loginAs } from '../support/fixtures'

test.describe('a German browser', () => {
  test.use({ locale: 'de-DE' })

  test('account overview, sessions and cancellation speak German, including the PayPal and refund rules', async ({ page, context, baseURL }) => {
    const user = await createUser()
    await loginAs(context, user, baseURL!)

    await page.goto('/account')
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    await expect(page).toHaveTitle(/Mein Konto · Datenschutzportal/)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hallo, ${user.username}`)
    await expect(page.getByRole('link', { name: 'Meine Daten' }).first()).toBeVisible()

    await page.goto('/account/sessions')
    await expect(page.getByRole('heading', { name: 'Ihre Sitzungen' })).toBeVisible()
    // every column has a header (the last one was empty before)
    await expect(page.getByRole('columnheader')).toHaveText(['Gerät', 'Angemeldet', 'Zuletzt aktiv', 'Aktionen'])
    await expect(page.locator('main')).toContainText('niemals Ihre IP-Adresse')

    await page.goto('/account/cancel')
    const main = page.locator('main')
    await expect(main.getByRole('heading', { name: '3. Ihr Abonnement und Erstattungen' })).toBeVisible()
    await expect(main.locator('#list-payments')).toContainText('PayPal-Konto')
    await expect(main.locator('#list-payments')).toContainText('sieben Tage')
    const text = await main.innerText()
    for (const english of ['What will be deleted', 'Cancel my account', 'Your password', 'subscription']) expect(text).not.toContain(english)
    expect(text).not.toMatch(/\b(account|common|validation):[a-z]/)
  })

  test('ending the other sessions reports it in German as a toast, not through the URL', async ({ page, context, baseURL, browser }) => {
    const user = await createUser()
    // a second session elsewhere
    const other = await browser.newContext()
    await loginAs(other, user, baseURL!)
    await loginAs(context, user, baseURL!)
    await page.goto('/account/sessions')
    await page.getByRole('button', { name: 'Alle anderen Sitzungen abmelden' }).click()
    await expect(page.getByRole('status')).toContainText('Eine Sitzung wurde abgemeldet.')
    expect(new URL(page.url()).search).toBe('')
    // shown once
    await page.reload()
    await expect(page.locator('.toast')).toHaveCount(0)
    await other.close()
  })
})

test('an English page switches to German with the header button, without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' })
  const page = await context.newPage()
  await page.goto(`${baseURL}/privacy`)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await page.getByRole('button', { name: 'Deutsch' }).click()
  await expect(page).toHaveURL(/\/privacy$/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'de')
  await expect(page.getByRole('button', { name: 'English' })).toBeVisible()
  await expect(page.locator('footer')).toContainText('Verantwortlicher')
  await context.close()
})

test('a URL cannot put its own words on the page', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await loginAs(context, user, baseURL!)
  await page.goto('/account/sessions?ended=%3Cb%3Eyou%20won%3C%2Fb%3E&done=you%20won')
  await expect(page.locator('main')).not.toContainText('you won')
})
