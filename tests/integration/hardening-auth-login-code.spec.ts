// Issue 11, item 3: sign-in codes are stored hashed, expire after 10 minutes, allow a few tries, work
// once, and are limited per address and per account, for unknown addresses exactly alike.
import { expect, test } from '@playwright/test'
import { desc, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { emailVerifications, outboxMessages, users } from '#db/schema'
import { loginWithCode, requestLoginCode } from '~/lib/platform/accounts.server'
import { keyed, LIMITS } from '~/lib/platform/rate-limit.server'
import { MAX_CODE_ATTEMPTS } from '~/lib/platform/verification.server'
import { createUser, startWellInsideRateLimitWindow, uniqueName } from '../support/fixtures'

const client = () => keyed('client', uniqueName('test-client'))

async function codeMailedTo(email: string) {
  const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email)).orderBy(desc(outboxMessages.id)).limit(1)
  expect(mail.template).toBe('login-code')
  return mail.text.match(/\b(\d{6})\b/)![1]
}

async function requested(email: string) {
  const result = await requestLoginCode({ email, clientKey: client() })
  if (!result.ok) throw new Error(`code request refused: ${result.reason}`)
  return result.verificationId
}

test('a sign-in code is kept only as a hash, signs in once, and expires after 10 minutes', async () => {
  const user = await createUser()
  const id = await requested(user.email.toUpperCase())
  const code = await codeMailedTo(user.email)
  const [row] = await db.select().from(emailVerifications).where(eq(emailVerifications.id, id))
  expect(row.codeHash).not.toContain(code)
  expect(row.purpose).toBe('login')
  const ttl = row.expiresAt.getTime() - row.createdAt.getTime()
  expect(ttl).toBeGreaterThan(9.9 * 60_000)
  expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 1000)

  expect(await loginWithCode({ verificationId: id, code })).toEqual({ ok: true, userId: user.id, role: 'customer' })
  expect(await loginWithCode({ verificationId: id, code })).toEqual({ ok: false, reason: 'expired' })

  const late = await requested(user.email)
  await db.update(emailVerifications).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailVerifications.id, late))
  expect(await loginWithCode({ verificationId: late, code: await codeMailedTo(user.email) })).toEqual({ ok: false, reason: 'expired' })
})

test('after a few wrong tries even the right sign-in code no longer works, and a decoy behaves the same', async () => {
  const user = await createUser()
  const real = await requested(user.email)
  const decoy = await requested(`${uniqueName('nobody')}@example.test`)
  const code = await codeMailedTo(user.email)
  const wrong = code === '000000' ? '111111' : '000000'
  for (let i = 1; i < MAX_CODE_ATTEMPTS; i++) {
    expect(await loginWithCode({ verificationId: real, code: wrong })).toEqual({ ok: false, reason: 'wrong' })
    expect(await loginWithCode({ verificationId: decoy, code: wrong })).toEqual({ ok: false, reason: 'wrong' })
  }
  expect(await loginWithCode({ verificationId: real, code: wrong })).toEqual({ ok: false, reason: 'exhausted' })
  expect(await loginWithCode({ verificationId: decoy, code: wrong })).toEqual({ ok: false, reason: 'exhausted' })
  expect(await loginWithCode({ verificationId: real, code })).toEqual({ ok: false, reason: 'exhausted' })
})

test('codes are limited per address, for unknown addresses exactly alike, and per account', async () => {
  const user = await createUser()
  const unknown = `${uniqueName('nobody')}@example.test`
  const { max } = LIMITS.loginCodesPerAddress
  // every request below in one window of the limits
  test.setTimeout(240_000)
  await startWellInsideRateLimitWindow(LIMITS.loginCodesPerAddress.windowSeconds, 30_000)
  for (const email of [user.email, unknown]) {
    // from a different connection each time: the address alone is what is counted
    const answers = []
    for (let i = 0; i <= max; i++) answers.push((await requestLoginCode({ email, clientKey: client() })).ok)
    expect(answers).toEqual([...Array<boolean>(max).fill(true), false])
  }
  expect(await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, unknown))).toEqual([])
  expect(await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, user.email))).toHaveLength(max)
  // a new address for the same account does not give it a fresh allowance
  const moved = `${uniqueName('moved')}@example.test`
  await db.update(users).set({ email: moved }).where(eq(users.id, user.id))
  expect(LIMITS.loginCodesPerAccount.max).toBeLessThanOrEqual(max)
  expect(await requestLoginCode({ email: moved, clientKey: client() })).toEqual({ ok: false, reason: 'limited' })
})
