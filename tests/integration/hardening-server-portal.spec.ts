// A portal process started the way `npm start` starts it (NODE_ENV unset), behind one reverse proxy
// (TRUST_PROXY=1), on a database the test takes away at the end; and one with SMTP configured.
import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { SESSION_COOKIE } from '~/lib/platform/auth.server'
import { startWellInsideRateLimitWindow } from '../support/fixtures'
import { startPortalProcess, type PortalProcess } from '../support/portal-process'

test.describe.configure({ mode: 'serial' })

// a stack frame, also as Express's debug page prints it (`&nbsp;at …`), or a source position
const STACK = /(^\s+at |&nbsp;at |node_modules|\.[jt]sx?:\d+:\d+)/m

let portal: PortalProcess
test.beforeAll(async () => {
  portal = await startPortalProcess({ TRUST_PROXY: '1' })
})
test.afterAll(async () => {
  await portal?.stop()
})

test('/dev/mailbox is off unless a developer asks for it', async () => {
  for (const path of ['/dev/mailbox', '/dev/mailbox/1', '/dev/mailbox/1/html']) {
    expect((await fetch(`${portal.url}${path}`)).status, path).toBe(404)
  }
})

test('behind one proxy, a made-up leftmost X-Forwarded-For gets no fresh rate-limit bucket', async () => {
  // what the proxy sees: the client's own X-Forwarded-For, to which it appends the address it saw
  const send = (forwardedFor: string, i: number) =>
    fetch(`${portal.url}/contact`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: portal.url, 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
      body: new URLSearchParams({ name: 'Proxy test', email: `proxy-${i}-${randomBytes(4).toString('hex')}@example.test`, message: 'Hello', consent: 'on' }),
    })
  // the contact form takes 20 messages an hour from one address (all of these in one hour's window)
  test.setTimeout(300_000)
  await startWellInsideRateLimitWindow(3600, 60_000)
  for (let i = 1; i <= 20; i++) expect((await send(`10.9.${i}.${i}, 203.0.113.7`, i)).status, `message ${i}`).toBe(302)
  const spoofed = await send('10.9.99.99, 203.0.113.7', 21)
  expect(spoofed.status).toBe(429)
  // another client behind the same proxy still gets through: the address is read, not ignored
  expect((await send('203.0.113.8', 22)).status).toBe(302)
})

test.describe('with the database down', () => {
  test.beforeAll(() => portal.cutDatabase())

  test("a page asked for with a session cookie gets the portal's error page, without stack, SQL or the session id", async () => {
    const sessionId = randomBytes(20).toString('hex')
    const res = await fetch(`${portal.url}/my-data`, { headers: { Cookie: `${SESSION_COOKIE}=${sessionId}` } })
    const body = await res.text()
    expect(res.status).toBe(500)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(body).toMatch(/<html lang="en">/)
    expect(body).toMatch(/<title>[^<]+<\/title>/)
    expect(body).toContain('Something went wrong')
    expect(body).not.toMatch(STACK)
    expect(body).not.toMatch(/select|sessions|Failed query|ECONNREFUSED/i)
    expect(body).not.toContain(sessionId)
    expect(res.headers.get('set-cookie') ?? '').not.toContain(sessionId)
  })

  test('the log holds no token from the URL, no session id and no address', async () => {
    const secrets: string[] = []
    const token = () => {
      const t = `tok${randomBytes(16).toString('hex')}`
      secrets.push(t)
      return t
    }
    const sessionId = randomBytes(20).toString('hex')
    secrets.push(sessionId)
    const withSession = { Cookie: `${SESSION_COOKIE}=${sessionId}` }
    const requests: Array<[string, Record<string, string>]> = [
      [`/requests/status/${token()}`, {}],
      // single fetch asks for the same route's data as /…/<token>.data
      [`/requests/status/${token()}.data`, {}],
      [`/requests/status/clarify/${token()}`, {}],
      [`/account/cancel/undo/${token()}`, {}],
      [`/feed/confirm?token=${token()}`, {}],
      [`/feed/unsubscribe?token=${token()}`, {}],
      [`/requests/new?ack=${token()}`, {}],
      [`/my-data?ack=${token()}`, withSession],
      [`/requests/status/${token()}`, withSession],
    ]
    for (const [path, headers] of requests) {
      const res = await fetch(`${portal.url}${path}`, { headers: { ...headers, 'X-Forwarded-For': '198.51.100.23' } })
      const body = await res.text()
      expect(res.status, path).toBeGreaterThanOrEqual(500)
      expect(body, path).not.toMatch(STACK)
      expect(body, path).not.toContain(sessionId)
    }
    const log = portal.log()
    // the errors were logged (so their absence below means something)…
    expect(log).toMatch(/Error on \/requests\/status\/:token/)
    expect(log).toMatch(/Error outside the app's routes/)
    // …without any token, the session id, the client's address or a query
    for (const secret of secrets) expect(log).not.toContain(secret)
    expect(log).not.toContain('198.51.100.23')
    expect(log).not.toMatch(/select .* from/i)
  })
})

test('with SMTP_URL set, /dev/mailbox stays off even when DEV_MAILBOX=true asks for it', async () => {
  // a second portal process starts slowly on a busy machine
  test.setTimeout(360_000)
  const smtpPortal = await startPortalProcess({ DEV_MAILBOX: 'true', NODE_ENV: 'development', SMTP_URL: 'smtp://127.0.0.1:9/' })
  try {
    expect((await fetch(`${smtpPortal.url}/dev/mailbox`)).status).toBe(404)
  } finally {
    await smtpPortal.stop()
  }
})
