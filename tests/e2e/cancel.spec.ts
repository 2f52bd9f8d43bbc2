import { expect, test, type Page } from '@playwright/test'
import { and, eq, isNull } from 'drizzle-orm'
import { db } from '#db/client.server'
import { accountCancellations, payments, recipients, retentionRules, users, vpnSessions } from '#db/schema'
import { sendJobNow } from '~/lib/dpo/jobs.server'
import { createUser, loginAs, readEmail, type TestUser } from '../support/fixtures'

async function customerWithData() {
  const user = await createUser()
  const [paymentwall] = await db.select({ id: recipients.id }).from(recipients).where(eq(recipients.slug, 'paymentwall'))
  await db.insert(payments).values({ userId: user.id, paidAt: new Date(), transactionNumber: 'TX-E2E', providerId: paymentwall.id, amountCents: 499, currency: 'EUR' })
  await db.insert(vpnSessions).values({ userId: user.id, clientIp: '198.51.100.20', serverId: 'se-sto-1', startedAt: new Date() })
  return user
}

async function cancelThroughThePage(page: Page, user: TestUser) {
  await page.goto('/account/cancel')
  await page.getByLabel('Your password').fill(user.password)
  await page.getByRole('button', { name: 'Cancel my account' }).click()
  await expect(page.getByText('We sent you an email with a link to undo it.')).toBeVisible()
}

test('cancel, undo from the email within the cooling-off period, cancel again, let it complete: login fails', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000)
  const user = await customerWithData()
  await loginAs(context, user, baseURL!)

  // the three lists, from the registry and the customer's rows
  await page.goto('/account/cancel')
  await expect(page.locator('#list-deleted')).toContainText('VPN sessions')
  const [tax] = await db.select().from(retentionRules).where(eq(retentionRules.slug, 'statutory_tax'))
  const kept = page.locator('#list-kept')
  await expect(kept).toContainText('Payments (1)')
  await expect(kept).toContainText(tax.legalReason!)
  await expect(kept).toContainText(/until \d{1,2} \w{3} \d{4} at the latest/)
  await expect(page.getByRole('link', { name: 'Download a copy of your data' })).toHaveAttribute('href', '/my-data#access-package')

  // a wrong password changes nothing
  await page.getByLabel('Your password').fill('not my password')
  await page.getByRole('button', { name: 'Cancel my account' }).click()
  await expect(page.locator('#field-password-error')).toHaveText('That password is not right.')
  expect(await db.select().from(accountCancellations).where(eq(accountCancellations.userId, user.id))).toEqual([])

  await cancelThroughThePage(page, user)
  const scheduled = await readEmail(page, user.email, /Your account will be cancelled on/)
  expect(scheduled).toContain('Payments (1)')
  const undoUrl = /(https?:\/\/\S+\/account\/cancel\/undo\/[A-Za-z0-9_-]+)/.exec(scheduled)![1]

  // undo from the link, without being logged in
  const stranger = await page.context().browser()!.newPage()
  await stranger.goto(new URL(undoUrl).pathname)
  await stranger.getByRole('button', { name: 'Keep my account' }).click()
  await expect(stranger.getByText('Your cancellation is undone.')).toBeVisible()
  expect((await db.select().from(users).where(eq(users.id, user.id)))[0].status).toBe('active')
  // the link works once
  const reused = await stranger.goto(new URL(undoUrl).pathname)
  expect(reused!.status()).toBe(410)
  await expect(stranger.getByText('This link was already used')).toBeVisible()
  // a forged link finds nothing
  const forged = await stranger.goto('/account/cancel/undo/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
  expect(forged!.status()).toBe(404)
  await stranger.close()

  // cancel again and let the cooling-off period pass: the test moves the date, the portal's own job runner does the rest
  await cancelThroughThePage(page, user)
  await db
    .update(accountCancellations)
    .set({ effectiveAt: new Date(Date.now() - 1000) })
    .where(and(eq(accountCancellations.userId, user.id), isNull(accountCancellations.undoneAt)))
  await sendJobNow({ databaseUrl: process.env.DATABASE_URL!, name: 'account-cancellations' })
  await expect.poll(async () => (await db.select().from(users).where(eq(users.id, user.id)))[0].status, { timeout: 30_000 }).toBe('cancelled')

  // the final email reached the address on file
  const final = await readEmail(page, user.email, /Your account is closed/)
  expect(final).toContain('You can no longer log in')

  // the old session is gone and the credentials no longer work
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login/)
  await page.getByLabel('Email address or username').fill(user.email)
  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByText('The email address, username or password is not right.')).toBeVisible()
  await expect(page).toHaveURL(/\/login/)
})
