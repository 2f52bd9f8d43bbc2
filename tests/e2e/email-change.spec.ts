import { expect, test } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { affiliatePartners, archivedChanges, payments, recipients, referrals, sessions } from '#db/schema'
import { createUser, findUserByEmail, loginAs, readCodeFromMailbox, uniqueName } from '../support/fixtures'

test('a customer changes the email address: code from the new mailbox, notice to the old one, old value in the history, recipients told', async ({ page, context, baseURL }) => {
  const user = await createUser()
  const newEmail = `${uniqueName('moved')}@example.test`
  // a payment and a referral: the payment provider and the affiliate partner hold the address and must be told (Art. 19)
  const [paymentwall] = await db.select().from(recipients).where(eq(recipients.slug, 'paymentwall'))
  await db.insert(payments).values({ userId: user.id, paidAt: new Date(), transactionNumber: 'PW-E2E-1', providerId: paymentwall.id, amountCents: 999, currency: 'EUR' })
  const [partner] = await db.insert(affiliatePartners).values({ name: `Partner ${uniqueName()}`, contactEmail: `${uniqueName('partner')}@example.test` }).returning()
  await db.insert(referrals).values({ userId: user.id, affiliatePartnerId: partner.id, referredAt: new Date() })
  await loginAs(context, user, baseURL!)

  await page.goto('/my-data')
  await page.getByRole('link', { name: 'Change email address' }).click()
  await expect(page).toHaveURL(/\/my-data\/edit\/email$/)
  await page.getByLabel('New email address').fill(newEmail)
  await page.getByLabel('Your password').fill(user.password)
  await page.getByRole('button', { name: 'Send a code to the new address' }).click()
  await expect(page).toHaveURL(/\/my-data\/edit\/email\?pending=/)
  await expect(page.getByRole('main')).toContainText(`We sent a 6-digit code to ${newEmail}`)
  const confirmUrl = page.url()
  // nothing has changed before the new address is confirmed
  expect((await findUserByEmail(user.email))?.id).toBe(user.id)

  const code = await readCodeFromMailbox(page, newEmail)
  await page.goto(confirmUrl)
  await page.getByLabel('Confirmation code').fill(code)
  await page.getByRole('button', { name: 'Confirm the new address' }).click()

  // the history shows the old value next to the new one, changed by the customer
  await expect(page).toHaveURL(/\/my-data\/history$/)
  await expect(page.getByRole('status')).toContainText(/DSR-\d{4}-\d+/)
  const saved = (await page.getByRole('status').textContent()) ?? ''
  const number = /DSR-\d{4}-\d+/.exec(saved)?.[0]
  expect(number, saved).toBeTruthy()
  const row = page.locator('table.history tbody tr').filter({ hasText: 'Email address' }).first()
  await expect(row.locator('td').nth(1)).toHaveText(user.email)
  await expect(row.locator('td').nth(2)).toHaveText(newEmail)
  await expect(row.locator('td').nth(4)).toContainText('You')
  expect((await findUserByEmail(newEmail))?.id).toBe(user.id)
  const [archived] = await db.select().from(archivedChanges).where(and(eq(archivedChanges.tableName, 'users'), eq(archivedChanges.rowId, user.id)))
  expect(archived.oldRow).toMatchObject({ email: user.email })

  // the request page lists the recipients that were told
  await page.goto('/requests')
  await page.getByRole('link', { name: number! }).click()
  await expect(page.getByRole('heading', { name: /Correction/ })).toBeVisible()
  const notices = page.locator('table.recipient-notices')
  await expect(notices).toContainText('Paymentwall')
  await expect(notices).toContainText(partner.name)
  await expect(notices).toContainText('Email address corrected')

  // the OLD address gets the notice with a way to say it was not them
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(user.email)}`)
  await page.getByRole('link', { name: 'The email address of your account was changed' }).first().click()
  const mail = page.getByRole('main')
  await expect(mail).toContainText('was changed from this address to')
  await expect(mail).not.toContainText(newEmail) // masked, so the old mailbox does not learn the new one
  const reportUrl = await mail.locator('a[href*="/account/email-not-me?token="]').first().getAttribute('href')
  expect(reportUrl).toBeTruthy()

  // reporting it signs out every session of the account and opens a request for the DPO
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).not.toHaveLength(0)
  await page.goto(reportUrl!)
  await page.getByRole('button', { name: 'This was not me' }).click()
  await expect(page.getByRole('status')).toContainText('We signed out every session of the account')
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0)
  await page.goto('/my-data')
  await expect(page).toHaveURL(/\/login/)
})

test('a wrong code changes nothing; an invalid new address is refused next to the field', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await loginAs(context, user, baseURL!)
  await page.goto('/my-data/edit/email')
  await page.getByLabel('New email address').evaluate((el) => ((el as HTMLInputElement).value = 'not-an-email'))
  await page.getByLabel('Your password').fill(user.password)
  await page.getByRole('button', { name: 'Send a code to the new address' }).click()
  await expect(page.locator('#field-email-error')).toHaveText(/valid email/)

  await page.getByLabel('New email address').fill(`${uniqueName('new')}@example.test`)
  await page.getByLabel('Your password').fill('not the password')
  await page.getByRole('button', { name: 'Send a code to the new address' }).click()
  await expect(page.locator('#field-password-error')).toHaveText(/not right/)

  const newEmail = `${uniqueName('new')}@example.test`
  await page.getByLabel('New email address').fill(newEmail)
  await page.getByLabel('Your password').fill(user.password)
  await page.getByRole('button', { name: 'Send a code to the new address' }).click()
  await expect(page).toHaveURL(/pending=/)
  const confirmUrl = page.url()
  const code = await readCodeFromMailbox(page, newEmail)
  await page.goto(confirmUrl)
  await page.getByLabel('Confirmation code').fill(code === '000000' ? '111111' : '000000')
  await page.getByRole('button', { name: 'Confirm the new address' }).click()
  await expect(page.locator('#field-code-error')).toContainText('not right')
  expect((await findUserByEmail(user.email))?.id).toBe(user.id)
  expect(await db.select().from(archivedChanges).where(eq(archivedChanges.userId, user.id))).toEqual([])
})
