// Issue 11, item 1: clients that stop reading a large access package, or go away, must not hold the
// export slots, the database cursor or its transaction, and such a download is not "delivered".
// A portal process of its own, so that its slots and its short idle timeout are this file's alone.
import net from 'node:net'
import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, dsrEvents } from '#db/schema'
import { createUserSession, markReauthenticated, SESSION_COOKIE } from '~/lib/platform/auth.server'
import { keyed } from '~/lib/platform/rate-limit.server'
import { adminDb } from '../support/admin-db'
import { createUser, type TestUser } from '../support/fixtures'
import { startPortalProcess, type PortalProcess } from '../support/portal-process'
import { unzip } from '../support/unzip'

const SLOTS = 3
const IDLE_SECONDS = 2

test.describe.configure({ mode: 'serial' })

let portal: PortalProcess & { port: number }

// on the shared test database and secret, so that this file's customers and tickets work there
test.beforeAll(async () => {
  test.setTimeout(180_000)
  const started = await startPortalProcess({
    DATABASE_URL: process.env.DATABASE_URL!,
    SESSION_SECRET: process.env.SESSION_SECRET!,
    // no scheduled jobs on the shared database (jobs run only when sent under test)
    NODE_ENV: 'test',
    ACCESS_PACKAGE_CONCURRENCY: String(SLOTS),
    DOWNLOAD_IDLE_TIMEOUT_SECONDS: String(IDLE_SECONDS),
  })
  portal = { ...started, port: Number(new URL(started.url).port) }
})

test.afterAll(async () => {
  await portal?.stop()
})

// A customer whose package is many times what socket buffers hold: posts of 4 KB of hex each.
async function createLargeCustomer(posts = 3_000) {
  const user = await createUser()
  await adminDb.execute(sql`
    insert into forum_posts (user_id, author_name, body, created_at)
    select ${user.id}, ${user.username},
      (select string_agg(md5(g::text || ':' || i::text || random()::text), '') from generate_series(1, 128) i),
      now() - g * interval '1 minute'
    from generate_series(1, ${posts}) g`)
  return user
}

// What the password form on /my-data leads to: a session with a fresh confirmation and its ticket.
async function downloadLink(user: TestUser) {
  const sessionId = (await createUserSession(user.id, 'Playwright test')).split(';')[0].split('=')[1]
  await markReauthenticated(sessionId)
  return { path: `/my-data/download?ticket=${keyed('access-package', sessionId)}`, cookie: `${SESSION_COOKIE}=${sessionId}` }
}

// A raw connection that asks for the package, sees the status line, then reads nothing more.
async function openDownloadAndStopReading(user: TestUser) {
  const link = await downloadLink(user)
  const socket = net.connect(portal.port, '127.0.0.1')
  socket.on('error', () => {})
  socket.write(`GET ${link.path} HTTP/1.1\r\nHost: localhost:${portal.port}\r\nCookie: ${link.cookie}\r\n\r\n`)
  const head = await new Promise<string>((resolve, reject) => {
    socket.once('data', (chunk) => {
      socket.pause()
      resolve(chunk.toString('latin1'))
    })
    socket.once('close', () => reject(new Error('closed before answering')))
  })
  expect(head).toMatch(/^HTTP\/1\.1 200 /)
  expect(head).toMatch(/content-type: application\/zip/i)
  return socket
}

// A normal download through fetch: the whole ZIP, or null when the portal sends us back to /my-data.
async function download(user: TestUser, link?: { path: string; cookie: string }) {
  link ??= await downloadLink(user)
  const response = await fetch(`http://localhost:${portal.port}${link.path}`, { headers: { Cookie: link.cookie }, redirect: 'manual' })
  if (response.status !== 200) {
    await response.body?.cancel()
    return { zip: null, location: response.headers.get('location') }
  }
  return { zip: Buffer.from(await response.arrayBuffer()), location: null }
}

async function accessRequestsOf(user: TestUser) {
  const requests = await db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.userId, user.id), eq(dataSubjectRequests.type, 'access')))
  return Promise.all(
    requests.map(async (r) => ({
      status: r.status,
      events: (await db.select().from(dsrEvents).where(eq(dsrEvents.requestId, r.id))).map((e) => ({ kind: e.kind, data: e.data as Record<string, unknown> | null })),
    })),
  )
}

// Transactions of the portal opened before `before` that are still open and doing nothing.
async function idleTransactionsSince(before: string) {
  const rows = await adminDb.execute<{ count: number }>(sql`
    select count(*)::int as count from pg_stat_activity
    where application_name = 'dsr-portal' and state like 'idle in transaction%' and xact_start < ${before}::timestamptz`)
  return rows[0].count
}

test('clients that stop reading free every export slot, leave no transaction open and are not recorded as delivered', async () => {
  test.setTimeout(240_000)
  const stalledCustomers = await Promise.all(Array.from({ length: SLOTS }, () => createLargeCustomer()))
  const nextCustomer = await createUser()
  const stalled = await Promise.all(stalledCustomers.map((user) => openDownloadAndStopReading(user)))
  try {
    // the next customer gets a whole copy once the stalled ones are cut off (and not "busy" for ever)
    let zip: Buffer | null = null
    await expect
      .poll(async () => (zip = (await download(nextCustomer)).zip) !== null, { timeout: 45_000, intervals: [1_000] })
      .toBe(true)
    expect((await unzip(zip!)).map((e) => e.name)).toContain('data.json')
    const [{ now: afterwards }] = await adminDb.execute<{ now: string }>(sql`select now()::text as now`)

    // the stalled downloads are not delivered: each request stays open, with the interruption recorded
    for (const user of stalledCustomers) {
      await expect.poll(async () => (await accessRequestsOf(user)).flatMap((r) => r.events.map((e) => e.kind))).toContain('package_download_interrupted')
      const [request] = await accessRequestsOf(user)
      expect(request.status).not.toBe('completed')
      expect(request.events.map((e) => e.kind)).not.toContain('package_delivered')
      expect(request.events.find((e) => e.kind === 'package_download_interrupted')!.data).toMatchObject({ reason: 'stalled' })
    }
    // no snapshot of theirs stays open in the database
    await expect.poll(() => idleTransactionsSince(afterwards), { timeout: 20_000 }).toBe(0)
    // and the next customer's copy is recorded as delivered and completed
    await expect.poll(async () => (await accessRequestsOf(nextCustomer)).map((r) => r.status)).toEqual(['completed'])
  } finally {
    for (const socket of stalled) socket.destroy()
  }
})

test('clients that go away mid-download free their slots and are recorded as interrupted, not completed', async () => {
  test.setTimeout(240_000)
  const leavers = await Promise.all(Array.from({ length: SLOTS }, () => createLargeCustomer()))
  const sockets = await Promise.all(leavers.map((user) => openDownloadAndStopReading(user)))
  for (const socket of sockets) socket.destroy()
  const nextCustomer = await createUser()
  await expect.poll(async () => (await download(nextCustomer)).zip !== null, { timeout: 30_000, intervals: [500] }).toBe(true)
  for (const user of leavers) {
    await expect.poll(async () => (await accessRequestsOf(user)).flatMap((r) => r.events.map((e) => e.kind))).toContain('package_download_interrupted')
    const [request] = await accessRequestsOf(user)
    expect(request.status).not.toBe('completed')
    expect(request.events.map((e) => e.kind)).not.toContain('package_delivered')
  }
})

test('a HEAD request builds no copy and holds no slot', async () => {
  const probers = await Promise.all(Array.from({ length: SLOTS }, () => createUser()))
  for (const user of probers) {
    const link = await downloadLink(user)
    const response = await fetch(`http://localhost:${portal.port}${link.path}`, { method: 'HEAD', headers: { Cookie: link.cookie }, redirect: 'manual' })
    expect(response.status).toBe(405)
  }
  // the slots are free at once: the next download goes through on the first try
  const { zip, location } = await download(await createUser())
  expect(location).toBeNull()
  expect((await unzip(zip!)).map((e) => e.name)).toContain('data.json')
  for (const user of probers) expect(await accessRequestsOf(user)).toEqual([])
})

test('a download taken to the end is delivered, and completes the earlier copy that was interrupted', async () => {
  test.setTimeout(240_000)
  const user = await createLargeCustomer(1_500)
  const link = await downloadLink(user)
  const socket = net.connect(portal.port, '127.0.0.1')
  socket.on('error', () => {})
  socket.write(`GET ${link.path} HTTP/1.1\r\nHost: localhost:${portal.port}\r\nCookie: ${link.cookie}\r\n\r\n`)
  await new Promise((resolve) => socket.once('data', resolve))
  socket.destroy()
  await expect.poll(async () => (await accessRequestsOf(user)).flatMap((r) => r.events.map((e) => e.kind))).toContain('package_download_interrupted')
  expect((await accessRequestsOf(user)).map((r) => r.status)).toEqual(['in_progress'])

  // again, once the first one has let go of its lock
  let zip: Buffer | null = null
  await expect.poll(async () => (zip = (await download(user, link)).zip) !== null, { timeout: 30_000, intervals: [500] }).toBe(true)
  expect((await unzip(zip!)).map((e) => e.name)).toContain('index.html')
  await expect.poll(async () => (await accessRequestsOf(user)).map((r) => r.status)).toEqual(['completed', 'completed'])
})
