// Issue 11, item 3: the login limit holds under parallel requests, counts one bucket per account
// (email and username together), and limits names without an account exactly alike.
import { expect, test } from '@playwright/test'
import { LIMITS } from '~/lib/platform/rate-limit.server'
import { createUser, startWellInsideRateLimitWindow, uniqueName } from '../support/fixtures'
import { LoopbackClient, visibleMainText, wrongLoginsFromManyAddresses } from '../support/loopback-client'

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length

test('200 parallel wrong logins from 200 addresses: at most the account limit reach the password check', async ({ baseURL }) => {
  test.setTimeout(480_000)
  const user = await createUser()
  const { max } = LIMITS.loginFailuresPerAccount
  // the burst and the login after it in one window of the account's limit
  await startWellInsideRateLimitWindow(LIMITS.loginFailuresPerAccount.windowSeconds, 60_000)
  const statuses = await wrongLoginsFromManyAddresses(baseURL!, user.email, 200)
  // 400: the password was checked and was wrong; 429: refused before any check
  expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([])
  expect(count(statuses, 400)).toBeLessThanOrEqual(max)
  expect(count(statuses, 429)).toBeGreaterThanOrEqual(200 - max)

  // the same account under its username is locked too, even with the right password
  const byUsername = await new LoopbackClient(baseURL!).post('/login', { identifier: user.username, password: user.password })
  expect(byUsername.status).toBe(429)
  expect(visibleMainText(byUsername.body)).toContain('Too many failed attempts')
  expect(byUsername.setCookies.filter((c) => c.startsWith('__Host-session='))).toEqual([])
})

test('200 parallel wrong logins from one address: at most the address limit reach the password check', async ({ baseURL }) => {
  test.setTimeout(480_000)
  const user = await createUser()
  const attacker = new LoopbackClient(baseURL!)
  // the burst in one window of the address's limit
  await startWellInsideRateLimitWindow(LIMITS.loginFailuresPerClient.windowSeconds, 60_000)
  const responses = await Promise.all(Array.from({ length: 200 }, () => attacker.post('/login', { identifier: user.username, password: 'not it at all' })))
  const statuses = responses.map((r) => r.status)
  expect(statuses.filter((s) => s !== 400 && s !== 429)).toEqual([])
  expect(count(statuses, 400)).toBeLessThanOrEqual(LIMITS.loginFailuresPerClient.max)
  expect(count(statuses, 429)).toBeGreaterThanOrEqual(200 - LIMITS.loginFailuresPerClient.max)
  // the owner, from another address, is not locked by that: the refused tries did not count against the account
  const owner = await new LoopbackClient(baseURL!).post('/login', { identifier: user.email, password: user.password })
  expect(owner.status).toBe(302)
})

test('a name without an account is limited exactly like an account, with the same answer', async ({ baseURL }) => {
  test.setTimeout(480_000)
  const user = await createUser()
  const unknown = `${uniqueName('nobody')}@example.test`
  const { max } = LIMITS.loginFailuresPerAccount
  // the bursts and the tries after them in one window of the limit
  await startWellInsideRateLimitWindow(LIMITS.loginFailuresPerAccount.windowSeconds, 60_000)
  const [known, nobody] = await Promise.all([
    wrongLoginsFromManyAddresses(baseURL!, user.email, max + 10),
    wrongLoginsFromManyAddresses(baseURL!, unknown, max + 10),
  ])
  expect(count(known, 400)).toBe(max)
  expect(count(nobody, 400)).toBe(max)
  expect(count(known, 429)).toBe(10)
  expect(count(nobody, 429)).toBe(10)
  const [a, b] = await Promise.all(
    [user.email, unknown].map((identifier) => new LoopbackClient(baseURL!).post('/login', { identifier, password: 'one more try' })),
  )
  expect([a.status, b.status]).toEqual([429, 429])
  expect(visibleMainText(a.body).replace(user.email, 'NAME')).toBe(visibleMainText(b.body).replace(unknown, 'NAME'))
})
