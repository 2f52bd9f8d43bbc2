import { expect, test } from '@playwright/test'
import Ajv2020 from 'ajv/dist/2020.js'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, dsrEvents, restrictions, supplementaryStatements, vpnSessions } from '#db/schema'
import { openAccessPackage } from '~/lib/access/access-package.server'
import { csvCell, csvRow } from '~/lib/domain/csv'
import { formatDateTime } from '~/lib/domain/format'
import { CATEGORY_SPECS, decodeCursor, encodeCursor, formatDateTimeFast, loadSectionPage } from '~/lib/access/my-data.server'
import { loadMyDataSummary } from '~/lib/access/my-data-view.server'
import type { TFunction } from 'i18next'
import { markBodyDelivered, zipStream } from '~/lib/access/zip-stream.server'
import { categoryNameOf } from '~/lib/registry/registry.server'
import { createRequest } from '~/lib/requests/dsr.server'
import { adminDb } from '../support/admin-db'
import { createUser } from '../support/fixtures'
import { parseCsv } from '../support/csv'
import { unzip, unzipText } from '../support/unzip'

async function collect(source: AsyncIterable<Uint8Array>) {
  const chunks: Buffer[] = []
  for await (const chunk of source) chunks.push(Buffer.from(chunk))
  return Buffer.concat(chunks)
}

async function downloadPackage(user: { id: string; username: string }) {
  const opened = await openAccessPackage({ userId: user.id, username: user.username })
  if (!opened.ok) throw new Error(`package not opened: ${opened.reason}`)
  const zip = await collect(opened.body as unknown as AsyncIterable<Uint8Array>)
  // what the server does once the last byte is handed to the socket
  markBodyDelivered(opened.body)
  return { ...opened, zip }
}

const eventsOf = (requestId: number) => db.select().from(dsrEvents).where(eq(dsrEvents.requestId, requestId))

test('a CSV cell that a spreadsheet would run as a formula is defused, and quoting follows RFC 4180', () => {
  for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}HYPERLINK("http://evil.example")`).replace(/^"/, '')).toMatch(/^'/)
  expect(csvCell('=1+1')).toBe("'=1+1")
  expect(csvCell('say "hi", then leave')).toBe('"say ""hi"", then leave"')
  expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"')
  expect(csvCell(null)).toBe('')
  expect(csvCell({ a: 1 })).toBe('"{""a"":1}"')
  expect(csvRow(['a', 1, true, null])).toBe('a,1,true,\r\n')
  expect(parseCsv(csvRow(['x,y', 'q"uote', 'multi\nline']))).toEqual([['x,y', 'q"uote', 'multi\nline']])
})

test('the ZIP writer streams entries that an independent reader unpacks with matching CRCs', async () => {
  const big = 'VPN session 198.51.100.23 ✓ Wernéry\n'.repeat(200_000)
  async function* slowly() {
    for (let i = 0; i < big.length; i += 65_536) yield big.slice(i, i + 65_536)
  }
  const zip = await collect(
    zipStream([
      { name: 'empty.txt', content: [] },
      { name: 'ünïcode/straße.csv', content: ['a,b\r\n', Buffer.from('1,2\r\n')] },
      { name: 'big.txt', content: slowly() },
    ]),
  )
  const entries = await unzip(zip)
  expect(entries.map((e) => e.name)).toEqual(['empty.txt', 'ünïcode/straße.csv', 'big.txt'])
  expect(entries[0].data.length).toBe(0)
  expect(entries[1].data.toString('utf8')).toBe('a,b\r\n1,2\r\n')
  expect(entries[2].data.toString('utf8')).toBe(big)
  // deflated, not stored: the repeated text shrinks
  expect(entries[2].compressedSize).toBeLessThan(entries[2].size / 10)
})

test('the fast date formatting says exactly what formatDateTime says, across both clock changes', () => {
  const start = Date.parse('2026-01-01T00:00:00Z')
  const instants = ['2026-03-29T00:59:00.000Z', '2026-03-29T01:00:00.000Z', '2026-10-25T00:59:00.000Z', '2026-10-25T01:00:00.000Z']
  for (let ms = start; ms < start + 366 * 86_400_000; ms += 37 * 60_000 + 11_000) instants.push(new Date(ms).toISOString())
  const differing = instants.filter((iso) => formatDateTimeFast(iso) !== formatDateTime(iso))
  expect(instants.length).toBeGreaterThan(14_000)
  expect(differing).toEqual([])
  // and the same in German, as /my-data shows a German reader
  expect(instants.filter((iso) => formatDateTimeFast(iso, 'de') !== formatDateTime(iso, 'de'))).toEqual([])
})

test('page links carry a cursor that is checked, and keyset pages list every session once, newest first', async () => {
  const user = await createUser()
  const sameTime = new Date('2026-11-01T10:00:00.123456Z')
  // 120 sessions, 30 of them starting in the same microsecond: ties are broken by id
  await db.insert(vpnSessions).values(
    Array.from({ length: 120 }, (_, i) => ({
      userId: user.id,
      clientIp: '192.0.2.10',
      serverId: 'zurich-1',
      startedAt: i < 30 ? sameTime : new Date(sameTime.getTime() - i * 60_000),
    })),
  )
  const inDb = await db
    .select({ id: vpnSessions.id })
    .from(vpnSessions)
    .where(eq(vpnSessions.userId, user.id))
    .orderBy(sql`${vpnSessions.startedAt} desc, ${vpnSessions.id} desc`)
  const seen: string[] = []
  let after = null
  do {
    const page: Awaited<ReturnType<typeof loadSectionPage>> = await loadSectionPage({ spec: CATEGORY_SPECS.vpn_sessions, userId: user.id, after, limit: 25 })
    seen.push(...page.items.map((i) => i.rowId))
    after = page.nextCursor ? decodeCursor(encodeCursor(page.nextCursor)) : null
  } while (after)
  expect(seen).toEqual(inDb.map((r) => String(r.id)))

  for (const bad of ['', 'not-a-cursor', encodeCursor({ at: 'yesterday', id: '1' }), encodeCursor({ at: '2026-11-01T10:00:00.000000Z', id: '-1' }), 'A'.repeat(500), '%00']) {
    expect(decodeCursor(bad), bad).toBeNull()
  }
})

test('the package has every row in JSON and CSV, validates against its schema, and holds no secret', async () => {
  // 2,345 sessions written, packed, unpacked and checked row by row: 20 s on an idle machine, over a minute on a busy one
  test.setTimeout(360_000)
  const user = await createUser()
  await db.insert(vpnSessions).values(
    Array.from({ length: 2_345 }, (_, i) => ({ userId: user.id, clientIp: i % 2 ? '2001:db8::1' : '198.51.100.7', serverId: '=cmd|calc', startedAt: new Date(Date.now() - i * 60_000) })),
  )
  await db.insert(restrictions).values({ userId: user.id, categorySlug: 'vpn_sessions', reason: 'accuracy_contested' })
  await db.insert(supplementaryStatements).values({ userId: user.id, categorySlug: 'payments', statement: 'My payment of March was refunded.' })
  // an archived change whose row held a password hash: the archive is exported, the hash is not
  await adminDb.execute(sql`insert into archived_changes (table_name, row_id, user_id, operation, old_row, new_row)
    values ('users', ${user.id}, ${user.id}, 'UPDATE', ${JSON.stringify({ username: 'old-name', password_hash: '$argon2id$SECRET' })}::jsonb,
            ${JSON.stringify({ username: user.username, password_hash: '$argon2id$SECRET2' })}::jsonb)`)

  const { zip, filename, requestId } = await downloadPackage(user)
  expect(filename).toMatch(/^access-package-DSR-\d{4}-\d{6}\.zip$/)
  const files = await unzipText(zip)
  const data = JSON.parse(files.get('data.json')!)
  const schema = JSON.parse(files.get('schema.json')!)
  const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema)
  expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)

  const sessions = data.categories.vpn_sessions.items as { id: number; deleteAt: string; startedAt: string }[]
  expect(sessions).toHaveLength(2_345)
  for (const s of sessions) expect(Date.parse(s.deleteAt) - Date.parse(s.startedAt)).toBe(90 * 86_400_000)
  const csv = parseCsv(files.get('csv/vpn_sessions.csv')!)
  expect(csv[0]).toEqual(['id', 'clientIp', 'serverId', 'startedAt', 'endedAt', 'deleteAt'])
  expect(csv.slice(1).map((r) => Number(r[0])).sort()).toEqual(sessions.map((s) => s.id).sort())
  expect(csv.slice(1).every((r) => r[2] === "'=cmd|calc")).toBe(true)

  expect(data.records.restrictions.items).toEqual([expect.objectContaining({ category: 'vpn_sessions', reason: 'accuracy_contested', recordId: null })])
  expect(data.records.supplementaryStatements.items).toEqual([expect.objectContaining({ statement: 'My payment of March was refunded.' })])
  expect(data.categories.archive.items[0].previousValues).toEqual({ username: 'old-name' })
  expect(files.get('index.html')).toContain('My payment of March was refunded.')

  const [row] = await adminDb.execute<{ password_hash: string }>(sql`select password_hash from users where id = ${user.id}`)
  for (const [name, text] of files) {
    expect(text, name).not.toContain(row.password_hash)
    expect(text, name).not.toContain('$argon2id$')
  }
  // recorded as an access request, completed once delivered
  await expect.poll(async () => (await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId)))[0].status).toBe('completed')
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId))
  expect(request).toMatchObject({ userId: user.id, type: 'access', status: 'completed' })
  expect(filename).toContain(request.number)
  const kinds = (await eventsOf(requestId)).map((e) => e.kind)
  expect(kinds).toEqual(expect.arrayContaining(['received', 'access_package_prepared', 'status_changed', 'package_delivered']))
  const delivered = (await eventsOf(requestId)).find((e) => e.kind === 'package_delivered')!
  expect(delivered.data).toMatchObject({ items: { vpn_sessions: 2_345 } })

  // My data shows the restriction on the category
  const myData = await loadMyDataSummary({ userId: user.id, t: ((key: string) => key) as TFunction })
  expect(myData.find((c) => c.slug === 'vpn_sessions')!.restrictions).toHaveLength(1)
})

test("a package holds nothing of another customer's", async () => {
  const [alice, bob] = [await createUser(), await createUser()]
  await db.insert(vpnSessions).values({ userId: alice.id, clientIp: '203.0.113.99', serverId: 'alice-only-server', startedAt: new Date() })
  await downloadPackage(alice)
  const { zip } = await downloadPackage(bob)
  for (const [name, text] of await unzipText(zip)) {
    for (const secret of [alice.id, alice.email, alice.username, '203.0.113.99', 'alice-only-server']) expect(text, name).not.toContain(secret)
  }
})

test('a download stopped early is recorded as interrupted and frees the connection and the lock', async () => {
  const user = await createUser()
  await db.insert(vpnSessions).values(Array.from({ length: 3_000 }, (_, i) => ({ userId: user.id, clientIp: '192.0.2.1', serverId: 'x', startedAt: new Date(Date.now() - i * 1000) })))
  const first = await openAccessPackage({ userId: user.id, username: user.username })
  if (!first.ok) throw new Error('not opened')
  // a second click while the first download runs gets no second package
  expect(await openAccessPackage({ userId: user.id, username: user.username })).toEqual({ ok: false, reason: 'already_running' })
  const reader = first.body.getReader()
  await reader.read()
  await reader.cancel()
  await expect.poll(async () => (await eventsOf(first.requestId)).map((e) => e.kind)).toContain('package_download_interrupted')
  // lock and connection are back: the next one runs through
  const { zip } = await downloadPackage(user)
  expect((await unzip(zip)).map((e) => e.name)).toContain('csv/vpn_sessions.csv')
  const requests = await db.select().from(dataSubjectRequests).where(and(eq(dataSubjectRequests.userId, user.id), eq(dataSubjectRequests.type, 'access')))
  expect(requests).toHaveLength(2)
})

test("the package says requests' subjects and cookie purposes in the reader's language, also for subjects stored in English", async () => {
  const user = await createUser()
  const actor = { type: 'customer' as const, id: user.id }
  // as older versions of the portal stored them
  const legacy = [
    { subject: 'Copy of your data (access package)', type: 'access' as const, categorySlug: null },
    { subject: 'Account cancellation', type: 'erasure' as const, categorySlug: null },
    { subject: `Erase: ${await categoryNameOf('contact_messages', 'en')}`, type: 'erasure' as const, categorySlug: 'contact_messages' },
    { subject: 'Access to your data (Art. 15)', type: 'access' as const, categorySlug: null },
  ]
  const numbers: string[] = []
  for (const r of legacy) numbers.push((await createRequest(db, { userId: user.id, status: 'completed', actor, ...r })).number)
  const opened = await openAccessPackage({ userId: user.id, username: user.username, language: 'de' })
  if (!opened.ok) throw new Error(`package not opened: ${opened.reason}`)
  const zip = await collect(opened.body as unknown as AsyncIterable<Uint8Array>)
  markBodyDelivered(opened.body)
  const files = await unzipText(zip)
  const data = JSON.parse(files.get('data.json')!)
  const requests = data.records.requests.items as { number: string; type: string; subject: string | null }[]
  const subjectOf = (number: string) => requests.find((r) => r.number === number)!.subject
  expect(numbers.map(subjectOf)).toEqual([null, 'Kündigung des Kontos', `Löschung: ${await categoryNameOf('contact_messages', 'de')}`, null])
  // the package's own request stores no English subject
  expect(requests.find((r) => r.number === opened.filename.replace(/^access-package-|\.zip$/g, ''))!.subject).toBeNull()
  const html = files.get('index.html')!
  expect(html).toContain('Kündigung des Kontos')
  expect(html).not.toContain('Copy of your data')
  // the cookie table names each purpose as the registry says it in German
  const german = await db.execute<{ name: string; name_de: string }>(sql`select name, name_de from purposes where cookie_category is not null`)
  expect(german.length).toBeGreaterThan(0)
  const purposes = (data.categories.cookies.items as { purpose: string }[]).map((c) => c.purpose).sort()
  expect(purposes).toEqual(german.map((p) => p.name_de).sort())
  const escaped = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
  for (const p of german) expect(html).toContain(escaped(p.name_de))
  for (const p of german.filter((g) => g.name !== g.name_de)) expect(html, p.name).not.toContain(escaped(p.name))
})
