// Issue 11, item 13a: the session cookie is a browser-session cookie. It carries no Max-Age or Expires
// (it ends with the browser); the idle and absolute lifetimes are the server's (tests/integration/auth.spec.ts).
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { sessions } from '#db/schema'
import { authenticate } from '~/lib/platform/auth.server'
import { createUser } from '../support/fixtures'
import { LoopbackClient } from '../support/loopback-client'

function attributesOf(setCookie: string) {
  return setCookie
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase())
}

function expectBrowserSessionCookie(setCookie: string | undefined) {
  expect(setCookie).toBeDefined()
  const attributes = attributesOf(setCookie!)
  expect(attributes.filter((a) => a.startsWith('max-age') || a.startsWith('expires')), setCookie).toEqual([])
  expect(attributes).toContain('httponly')
  expect(attributes).toContain('secure')
  expect(attributes).toContain('path=/')
  expect(attributes.some((a) => a === 'samesite=lax' || a === 'samesite=strict'), setCookie).toBe(true)
  expect(attributes.some((a) => a.startsWith('domain')), setCookie).toBe(false)
}

test('the session cookie set at login has no Max-Age or Expires, and keeps HttpOnly, Secure, SameSite and Path=/', async ({ baseURL }) => {
  const user = await createUser()
  const login = await new LoopbackClient(baseURL!).post('/login', { identifier: user.email, password: user.password })
  expect(login.status).toBe(302)
  const session = login.setCookies.filter((c) => c.startsWith('__Host-session='))
  expect(session).toHaveLength(1)
  expectBrowserSessionCookie(session[0])
})

test('the session cookie sent again when the idle expiry moves on has no Max-Age or Expires either', async ({ baseURL }) => {
  const user = await createUser()
  const client = new LoopbackClient(baseURL!)
  await client.post('/login', { identifier: user.email, password: user.password })
  const id = client.cookie('__Host-session')!
  // past half of the idle timeout: lucia extends the session and the cookie is sent again
  await db.update(sessions).set({ expiresAt: new Date(Date.now() + 5 * 60_000) }).where(eq(sessions.id, id))
  const { auth, setCookie } = await authenticate(`__Host-session=${id}`)
  expect(auth?.user.id).toBe(user.id)
  expectBrowserSessionCookie(setCookie)
})
