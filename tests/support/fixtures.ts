// Shared test helpers: customers created straight in the database, and logins by session cookie.
import { randomBytes, randomUUID } from 'node:crypto'
import type { BrowserContext, Page } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { outboxMessages, users } from '#db/schema'
import { createUserSession, SESSION_COOKIE } from '~/lib/platform/auth.server'
import { hashPassword } from '~/lib/platform/password.server'

export function uniqueName(prefix = 'user') {
  return `${prefix}_${randomBytes(5).toString('hex')}`
}

export interface TestUser {
  id: string
  username: string
  email: string
  password: string
  role: 'customer' | 'dpo'
}

export async function createUser({ role = 'customer' }: { role?: 'customer' | 'dpo' } = {}): Promise<TestUser> {
  const username = uniqueName(role)
  const user = { id: randomUUID(), username, email: `${username}@example.test`, password: `pw-${randomBytes(8).toString('hex')}`, role }
  await db.insert(users).values({
    id: user.id,
    username: user.username,
    email: user.email,
    passwordHash: await hashPassword(user.password),
    role,
    emailVerifiedAt: new Date(),
    ageConfirmedAt: new Date(),
  })
  return user
}

// Logs in the way the browser would end up after the login form, without going through it.
export async function loginAs(context: BrowserContext, user: TestUser, baseURL: string) {
  const cookie = await createUserSession(user.id, 'Playwright test')
  const value = cookie.split(';')[0].split('=')[1]
  const { hostname } = new URL(baseURL)
  await context.addCookies([{ name: SESSION_COOKIE, value, domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }])
}

export async function findUserByEmail(email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email))
  return user
}

// Opens the newest email to an address whose subject matches, the way a person would: in the dev mailbox.
// Returns the message's text body. The click navigates on the client, and the URL changes before the
// message renders, so this waits for the body itself (only the message page has one), never for the URL.
export async function readEmail(page: Page, to: string, subject: string | RegExp) {
  await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`)
  await page.getByRole('link', { name: subject }).first().click()
  return page.locator('pre.mail-body').innerText()
}

// Reads the code from the newest email to an address.
export async function readCodeFromMailbox(page: Page, to: string, subject = 'Your confirmation code') {
  const text = await readEmail(page, to, subject)
  const match = text.match(/\b(\d{6})\b/)
  if (!match) throw new Error(`No 6-digit code in the email to ${to}`)
  return match[1]
}

// The rate limits count in fixed windows (app/lib/platform/rate-limit.server.ts) that start afresh on the turn
// of the window (every hour, every 15 minutes), the same for every test. A test whose attempts must all fall in
// one window, to reach a limit and then meet it, starts in the next window when this one has less than
// `neededMs` left. (With windowSeconds 900 this keeps clear of the hour's turn as well.)
export async function startWellInsideRateLimitWindow(windowSeconds: number, neededMs: number) {
  const windowMs = windowSeconds * 1000
  const left = windowMs - (Date.now() % windowMs)
  if (left < neededMs) await new Promise((resolve) => setTimeout(resolve, left + 1_000))
}

export async function outboxFor(to: string) {
  return db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, to))
}
