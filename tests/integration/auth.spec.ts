import { expect, test } from '@playwright/test'
import { eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { emailVerifications, sessions, users } from '#db/schema'
import { loginWithPassword, registerCustomer } from '~/lib/platform/accounts.server'
import { authenticate, createUserSession, SESSION_COOKIE } from '~/lib/platform/auth.server'
import { hashPassword } from '~/lib/platform/password.server'
import { keyed, LIMITS } from '~/lib/platform/rate-limit.server'
import { checkVerificationCode, createVerificationCode, MAX_CODE_ATTEMPTS } from '~/lib/platform/verification.server'
import { createUser, outboxFor, startWellInsideRateLimitWindow, uniqueName } from '../support/fixtures'

function cookieHeader(setCookie: string) {
  return setCookie.split(';')[0]
}

test('passwords are stored as argon2id hashes with the agreed parameters', async () => {
  const hash = await hashPassword('correct horse battery staple')
  expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
})

test('a session ends after 30 idle minutes and 12 hours after login, whatever the activity', async () => {
  const user = await createUser()
  const cookie = cookieHeader(await createUserSession(user.id, null))
  const id = cookie.split('=')[1]
  expect((await authenticate(cookie)).auth?.user.id).toBe(user.id)

  // idle: the expiry lies in the past
  await db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, id))
  expect((await authenticate(cookie)).auth).toBeNull()

  // absolute: still "active" (expiry ahead) but created 12 hours ago
  const second = cookieHeader(await createUserSession(user.id, null))
  const secondId = second.split('=')[1]
  await db
    .update(sessions)
    .set({ createdAt: new Date(Date.now() - 12 * 3600_000 - 1000), expiresAt: new Date(Date.now() + 20 * 60_000) })
    .where(eq(sessions.id, secondId))
  const result = await authenticate(second)
  expect(result.auth).toBeNull()
  expect(result.setCookie).toContain(`${SESSION_COOKIE}=;`)
  expect(await db.select().from(sessions).where(eq(sessions.id, secondId))).toHaveLength(0)
})

test('a wrong password and an unknown account get the same answer', async () => {
  const user = await createUser()
  const clientKey = keyed('client', `test-${uniqueName()}`)
  const wrongPassword = await loginWithPassword({ identifier: user.email, password: 'not the password', clientKey })
  const unknown = await loginWithPassword({ identifier: `${uniqueName()}@example.test`, password: 'whatever', clientKey })
  expect(wrongPassword).toEqual({ ok: false, reason: 'invalid' })
  expect(unknown).toEqual(wrongPassword)
  expect(await loginWithPassword({ identifier: user.username, password: user.password, clientKey })).toMatchObject({ ok: true, userId: user.id })
})

test('after 100 failures in an hour an account is locked, even for the right password', async () => {
  test.setTimeout(240_000)
  const user = await createUser()
  // pre-fill the counter to just below the limit, then fail once more through the real code path
  // one bucket per account, whichever name is typed (accounts.server.ts)
  const accountKey = keyed('login-account', user.id)
  const windowSeconds = LIMITS.loginFailuresPerAccount.windowSeconds
  // the counter and both logins in one hour's window
  await startWellInsideRateLimitWindow(windowSeconds, 30_000)
  await db.execute(sql`
    insert into rate_limits (bucket, key_hash, window_start, count)
    values (${LIMITS.loginFailuresPerAccount.bucket}, ${accountKey},
            to_timestamp(floor(extract(epoch from now()) / ${windowSeconds}) * ${windowSeconds}), 99)`)
  const clientKey = keyed('client', uniqueName())
  expect(await loginWithPassword({ identifier: user.email, password: 'wrong', clientKey })).toEqual({ ok: false, reason: 'invalid' })
  expect(await loginWithPassword({ identifier: user.email, password: user.password, clientKey })).toEqual({ ok: false, reason: 'limited' })
  // another account from the same address is not affected
  const other = await createUser()
  expect(await loginWithPassword({ identifier: other.email, password: other.password, clientKey })).toMatchObject({ ok: true })
})

test('a signup code expires, allows limited attempts, and works once', async () => {
  const user = await createUser()
  const { id, code } = await createVerificationCode(db, { userId: user.id, email: user.email, purpose: 'signup' })
  const wrong = code === '000000' ? '111111' : '000000'
  for (let i = 1; i < MAX_CODE_ATTEMPTS; i++) expect(await checkVerificationCode({ id, code: wrong, purpose: 'signup' })).toEqual({ ok: false, reason: 'wrong' })
  expect(await checkVerificationCode({ id, code: wrong, purpose: 'signup' })).toEqual({ ok: false, reason: 'exhausted' })
  // exhausted: even the right code no longer works
  expect(await checkVerificationCode({ id, code, purpose: 'signup' })).toEqual({ ok: false, reason: 'exhausted' })

  const fresh = await createVerificationCode(db, { userId: user.id, email: user.email, purpose: 'signup' })
  expect(await checkVerificationCode({ id: fresh.id, code: fresh.code, purpose: 'signup' })).toMatchObject({ ok: true, userId: user.id })
  expect(await checkVerificationCode({ id: fresh.id, code: fresh.code, purpose: 'signup' })).toEqual({ ok: false, reason: 'expired' })

  const late = await createVerificationCode(db, { userId: user.id, email: user.email, purpose: 'signup' })
  await db.update(emailVerifications).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(emailVerifications.id, late.id))
  expect(await checkVerificationCode({ id: late.id, code: late.code, purpose: 'signup' })).toEqual({ ok: false, reason: 'expired' })
})

test('signing up with a registered email creates nothing and tells only the owner, by email', async () => {
  const owner = await createUser()
  const username = uniqueName()
  const result = await registerCustomer({ username, email: owner.email, password: 'a long enough password' })
  expect(result.ok).toBe(true)
  // other tests create users at the same time, so check by name rather than by count
  expect(await db.select().from(users).where(eq(users.username, username))).toHaveLength(0)
  expect(await db.select().from(users).where(eq(users.email, owner.email))).toHaveLength(1)
  const mail = await outboxFor(owner.email)
  expect(mail.map((m) => m.template)).toEqual(['account-exists'])
})

test('a taken username is refused and creates nothing', async () => {
  const owner = await createUser()
  const email = `${uniqueName()}@example.test`
  const result = await registerCustomer({ username: owner.username.toUpperCase(), email, password: 'a long enough password' })
  expect(result).toMatchObject({ ok: false, field: 'username' })
  expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0)
  expect(await outboxFor(email)).toHaveLength(0)
})

test('every foreign key of ours is covered by an index (pg-boss keeps its own schema)', async () => {
  const rows = await db.execute<{ table: string; columns: string }>(sql`
    select c.conrelid::regclass::text as table, string_agg(a.attname, ',' order by a.attnum) as columns
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
    where c.contype = 'f'
      and c.connamespace = 'public'::regnamespace
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
      )
    group by c.conrelid, c.conname`)
  expect([...rows]).toEqual([])
})
