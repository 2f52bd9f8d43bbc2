import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { findUserByEmail, readCodeFromMailbox, uniqueName } from '../support/fixtures'

test('a new customer signs up, confirms the code from the mailbox, logs in, sees the registry contacts and logs out', async ({ page }) => {
  const username = uniqueName('newbie')
  const email = `${username}@example.test`
  const password = 'a long enough password'

  await page.goto('/signup')
  await expect(page.getByRole('main').getByRole('link', { name: 'privacy notice' })).toHaveAttribute('href', '/privacy')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByLabel(/legal age/).check()
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/verify-email$/)
  expect((await findUserByEmail(email))?.emailVerifiedAt).toBeNull()

  const code = await readCodeFromMailbox(page, email)
  await page.goto('/verify-email')
  await page.getByLabel('Confirmation code').fill(code)
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page).toHaveURL(/\/login\?verified=1$/)
  expect((await findUserByEmail(email))?.emailVerifiedAt).toBeInstanceOf(Date)

  await page.getByLabel('Email address or username').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page).toHaveURL(/\/account$/)
  await expect(page.getByRole('heading', { name: `Hello, ${username}` })).toBeVisible()

  const contacts = await getRegistryContacts('en')
  const footer = page.getByRole('contentinfo')
  // names only: registry.spec.ts edits the DPO's email address while it runs
  for (const contact of [contacts.controller, contacts.dpo, contacts.supervisoryAuthority]) {
    await expect(footer).toContainText(contact.name)
  }
  await expect(footer).toContainText(contacts.supervisoryAuthority.email)

  await page.getByRole('button', { name: /Log out/ }).click()
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Log in' })).toBeVisible()
  await page.goto('/account')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/)

  // the server log never carries the person's address or the code (the portal's own no-logs promise)
  const log = fs.readFileSync(process.env.PORTAL_SERVER_LOG!, 'utf8')
  expect(log).not.toContain(email)
  expect(log).not.toContain(code)
  expect(log).not.toMatch(/\b127\.0\.0\.1\b|::1|::ffff:/)
})

test('a wrong code is refused next to the field and confirms nothing', async ({ page }) => {
  const username = uniqueName('wrongcode')
  const email = `${username}@example.test`
  await page.goto('/signup')
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Password').fill('a long enough password')
  await page.getByLabel(/legal age/).check()
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/verify-email$/)
  const code = await readCodeFromMailbox(page, email)
  const wrong = code === '000000' ? '111111' : '000000'
  await page.goto('/verify-email')
  await page.getByLabel('Confirmation code').fill(wrong)
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.locator('#field-code-error')).toContainText('not right')
  await page.getByLabel('Confirmation code').fill('12ab')
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.locator('#field-code-error')).toContainText('6-digit code')
  expect((await findUserByEmail(email))?.emailVerifiedAt).toBeNull()
})
