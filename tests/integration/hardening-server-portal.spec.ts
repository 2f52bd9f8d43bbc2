// A portal process started the way `npm start` starts it (NODE_ENV unset), behind one reverse proxy
// (TRUST_PROXY=1); and one with SMTP configured.
import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { startPortalProcess, type PortalProcess } from '../support/portal-process'

test.describe.configure({ mode: 'serial' })

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
  // the contact form takes 20 messages an hour from one address
  for (let i = 1; i <= 20; i++) expect((await send(`10.9.${i}.${i}, 203.0.113.7`, i)).status, `message ${i}`).toBe(302)
  const spoofed = await send('10.9.99.99, 203.0.113.7', 21)
  expect(spoofed.status).toBe(429)
  // another client behind the same proxy still gets through: the address is read, not ignored
  expect((await send('203.0.113.8', 22)).status).toBe(302)
})

test('with SMTP_URL set, /dev/mailbox stays off even when DEV_MAILBOX=true asks for it', async () => {
  const smtpPortal = await startPortalProcess({ DEV_MAILBOX: 'true', NODE_ENV: 'development', SMTP_URL: 'smtp://127.0.0.1:9/' })
  try {
    expect((await fetch(`${smtpPortal.url}/dev/mailbox`)).status).toBe(404)
  } finally {
    await smtpPortal.stop()
  }
})
