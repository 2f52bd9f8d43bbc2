import fs from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import Ajv2020 from 'ajv/dist/2020.js'
import { sql, type SQL } from 'drizzle-orm'
import { db } from '#db/client.server'
import { DEMO_ACCOUNTS } from '#db/seed'
import { createUserSession } from '~/lib/platform/auth.server'
import { recordCompletedRequest } from '~/lib/requests/dsr.server'
import { formatDateTime } from '~/lib/domain/format'
import { keyed } from '~/lib/platform/rate-limit.server'
import { adminDb } from '../support/admin-db'
import { createUser, findUserByEmail, loginAs, startWellInsideRateLimitWindow, type TestUser } from '../support/fixtures'
import { parseCsv } from '../support/csv'
import { unzipText } from '../support/unzip'

// Each category's rows in the database, by the key that data.json and the CSV carry; written here
// independently of app/lib/my-data.server.ts. A registry category missing here fails the first test.
const ROWS: Record<string, { key: string; query: (userId: string) => SQL }> = {
  account: { key: 'id', query: (u) => sql`select id as k from users where id = ${u}` },
  payments: { key: 'id', query: (u) => sql`select id::text as k from payments where user_id = ${u}` },
  vpn_sessions: { key: 'id', query: (u) => sql`select id::text as k from vpn_sessions where user_id = ${u}` },
  traffic: { key: 'month', query: (u) => sql`select to_char(month, 'YYYY-MM-DD') as k from traffic_usage where user_id = ${u}` },
  settings: { key: 'key', query: (u) => sql`select key as k from user_settings where user_id = ${u}` },
  affiliate: {
    key: 'partner',
    query: (u) => sql`select p.name as k from referrals r join affiliate_partners p on p.id = r.affiliate_partner_id where r.user_id = ${u}`,
  },
  contact_messages: { key: 'id', query: (u) => sql`select id::text as k from contact_messages where user_id = ${u}` },
  forum_posts: { key: 'id', query: (u) => sql`select id::text as k from forum_posts where user_id = ${u}` },
  feed_subscriptions: { key: 'id', query: (u) => sql`select id::text as k from feed_subscriptions where user_id = ${u}` },
  consents: { key: 'id', query: (u) => sql`select id::text as k from consents where user_id = ${u}` },
  // the archive of login sessions and codes is credentials, not data about the person
  archive: {
    key: 'id',
    query: (u) => sql`select id::text as k from archived_changes where user_id = ${u} and table_name not in ('sessions', 'email_verifications', 'rate_limits')`,
  },
  cookies: { key: 'cookieCategory', query: () => sql`select cookie_category as k from purposes where cookie_category is not null` },
}

async function keysInDatabase(slug: string, userId: string) {
  const rows = await adminDb.execute<{ k: string }>(ROWS[slug].query(userId))
  return rows.map((r) => String(r.k)).sort()
}

async function demoCustomer(): Promise<TestUser> {
  const row = await findUserByEmail(DEMO_ACCOUNTS.customer.email)
  return { id: row.id, username: row.username, email: row.email, password: DEMO_ACCOUNTS.customer.password, role: 'customer' }
}

async function downloadPackage(page: Page, password: string) {
  await page.goto('/my-data#access-package')
  const form = page.locator('#access-package')
  await form.getByLabel('Your password').fill(password)
  const downloading = page.waitForEvent('download')
  await form.getByRole('button', { name: 'Download my data (ZIP)' }).click()
  const download = await downloading
  const file = await download.path()
  return { filename: download.suggestedFilename(), zip: fs.readFileSync(file) }
}

test('the demo customer sees every category with why, how long and the day each item goes, and downloads all of it', async ({ page, context, baseURL }) => {
  test.setTimeout(240_000)
  const demo = await demoCustomer()
  await loginAs(context, demo, baseURL!)
  const categories = await adminDb.execute<{ slug: string; name: string; retention: string; article: string }>(sql`
    select c.slug, c.name, r.name as retention, lb.article from data_categories c
    join retention_rules r on r.id = c.retention_rule_id join purposes p on p.id = c.purpose_id join legal_bases lb on lb.id = p.legal_basis_id
    order by c.sort_order`)
  expect(categories.map((c) => c.slug).sort()).toEqual(Object.keys(ROWS).sort())

  // the summary: one card per category, with why, on which legal basis, how long, and how many
  await page.goto('/my-data')
  await expect(page.getByRole('heading', { level: 1, name: 'My data' })).toBeVisible()
  const counts = new Map<string, number>()
  for (const category of categories) {
    const section = page.locator(`#category-${category.slug}`)
    const count = (await keysInDatabase(category.slug, demo.id)).length
    counts.set(category.slug, count)
    await expect(section.getByRole('heading', { level: 2 })).toHaveText(`${category.name} (${count})`)
    await expect(section.locator('dl').first()).toContainText(category.retention)
    await expect(section.locator('dl').first()).toContainText(category.article)
    if (count === 0) await expect(section).toContainText('We store nothing about you in this category.')
  }
  // the items, one click away: each category's page lists its newest 20
  for (const category of categories) {
    const count = counts.get(category.slug)!
    if (count === 0) continue
    await page.goto(`/my-data/${category.slug}`)
    await expect(page.locator(`[id^="item-${category.slug}-"]`)).toHaveCount(Math.min(count, 20))
  }

  // each VPN session is deleted 90 days after it started; the newest is listed first
  const [newest] = await adminDb.execute<{ id: string; delete_at: string }>(sql`
    select id::text as id, (started_at + interval '90 days')::text as delete_at from vpn_sessions
    where user_id = ${demo.id} order by started_at desc, id desc limit 1`)
  await page.goto('/my-data/vpn_sessions')
  const firstSession = page.locator('table.items-table tbody tr').first()
  await expect(firstSession.locator('td[data-field="id"]')).toContainText(newest.id)
  await expect(firstSession.locator('td[data-field="deleteAt"]')).toHaveText(formatDateTime(newest.delete_at.replace(' ', 'T').replace(/\+00$/, 'Z')))
  // without a fixed date, the rule says what ends it
  await page.goto('/my-data/account')
  await expect(page.locator('[data-field="deleteAt"]')).toHaveText('While your account exists')

  // older sessions page by keyset: the 21st newest opens the second page
  const [twentyFirst] = await adminDb.execute<{ id: string }>(sql`
    select id::text as id from vpn_sessions where user_id = ${demo.id} order by started_at desc, id desc offset 20 limit 1`)
  await page.goto('/my-data/vpn_sessions')
  await page.getByRole('link', { name: 'Older entries' }).click()
  await expect(page).toHaveURL(/\/my-data\/vpn_sessions\?cursor=/)
  await expect(page.locator('table.items-table tbody tr').first().locator('td[data-field="id"]')).toContainText(twentyFirst.id)

  await page.goto('/my-data')
  // the rest of what Art. 15 asks for
  await expect(page.locator('#automated-decisions + p')).toContainText('no decisions about you based solely on automated processing')
  await expect(page.locator('#right-rectification a')).toHaveAttribute('href', /.+/)
  const authority = await adminDb.execute<{ name: string }>(sql`select name from registry_contacts where role = 'supervisory_authority'`)
  await expect(page.locator('#complaint').locator('..')).toContainText(authority[0].name)

  // the copy
  const { filename, zip } = await downloadPackage(page, demo.password)
  expect(filename).toMatch(/^access-package-DSR-\d{4}-\d{6}\.zip$/)
  const files = await unzipText(zip)
  for (const name of ['README.txt', 'data.json', 'schema.json', 'index.html']) expect([...files.keys()]).toContain(name)
  const data = JSON.parse(files.get('data.json')!)
  const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(JSON.parse(files.get('schema.json')!))
  expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true)

  for (const { slug, name } of categories) {
    const { key } = ROWS[slug]
    const expected = await keysInDatabase(slug, demo.id)
    const items = data.categories[slug].items as Record<string, unknown>[]
    expect(items.map((i) => String(i[key])).sort(), `data.json ${slug}`).toEqual(expected)
    const [header, ...rows] = parseCsv(files.get(`csv/${slug}.csv`)!)
    const column = header.indexOf(key)
    expect(column, `csv/${slug}.csv has ${key}`).toBeGreaterThanOrEqual(0)
    expect(rows.every((r) => r.length === header.length)).toBe(true)
    expect(rows.map((r) => r[column]).sort(), `csv/${slug}.csv`).toEqual(expected)
    expect(files.get('index.html')).toContain(name)
  }
  // the consent history and the request history ride along
  expect(data.records.requests.items.map((r: { number: string }) => r.number)).toContain(filename.slice('access-package-'.length, -'.zip'.length))

  // no password hash, no login session token, anywhere
  const [{ password_hash: hash }] = await adminDb.execute<{ password_hash: string }>(sql`select password_hash from users where id = ${demo.id}`)
  const tokens = (await adminDb.execute<{ id: string }>(sql`select id from sessions where user_id = ${demo.id}`)).map((s) => s.id)
  const cookie = (await context.cookies()).find((c) => c.name === '__Host-session')!.value
  for (const [name, text] of files) {
    for (const secret of [hash, cookie, ...tokens]) expect(text.includes(secret), `${name} holds a secret`).toBe(false)
  }

  // recorded as a request the customer can follow
  const number = filename.slice('access-package-'.length, -'.zip'.length)
  await page.goto('/requests')
  await page.getByRole('link', { name: number }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText(number)
  // completed once the server has handed over the last byte
  await expect(async () => {
    await page.reload()
    await expect(page.locator('main dl.facts')).toContainText('Completed')
    await expect(page.locator('table.request-events')).toContainText('Copy of your data downloaded completely')
  }).toPass()
})

test('a wrong password gets a clear message, no copy, and repeated failures are stopped', async ({ page, context, baseURL }) => {
  test.setTimeout(300_000)
  const user = await createUser()
  await loginAs(context, user, baseURL!)
  // the failures and the right password after them in one window of the limit (10 in 15 minutes, reauth.server.ts)
  await startWellInsideRateLimitWindow(900, 60_000)
  await page.goto('/my-data')
  const form = page.locator('#access-package')
  let message = ''
  for (let attempt = 0; attempt < 25 && !/Too many/.test(message); attempt++) {
    await form.getByLabel('Your password').fill(`wrong-${attempt}`)
    await form.getByRole('button', { name: 'Download my data (ZIP)' }).click()
    message = (await page.locator('#field-password-error').textContent()) ?? ''
    if (attempt === 0) expect(message).toMatch(/not right/)
  }
  expect(message).toMatch(/Too many wrong passwords/)
  // even the right password waits now
  await form.getByLabel('Your password').fill(user.password)
  await form.getByRole('button', { name: 'Download my data (ZIP)' }).click()
  await expect(page.locator('#field-password-error')).toHaveText(/Too many/)
  const requests = await db.execute(sql`select id from data_subject_requests where user_id = ${user.id}`)
  expect(requests).toHaveLength(0)
})

test("a second customer cannot reach the first one's requests or package", async ({ page, context, baseURL, request }) => {
  const [alice, bob] = [await createUser(), await createUser()]
  const aliceRequest = await db.transaction((tx) =>
    recordCompletedRequest(tx, { userId: alice.id, type: 'access', subject: `Copy for ${alice.username}`, actor: { type: 'customer', id: alice.id }, action: 'access_package_prepared' }),
  )
  const aliceSession = (await createUserSession(alice.id, 'test')).split(';')[0].split('=')[1]
  await loginAs(context, bob, baseURL!)

  const response = await page.goto(`/requests/${aliceRequest.id}`)
  expect(response!.status()).toBe(404)
  const body = await page.content()
  for (const secret of [aliceRequest.number, alice.username, alice.email]) expect(body).not.toContain(secret)
  await page.goto('/requests')
  await expect(page.locator('main')).not.toContainText(aliceRequest.number)

  // Alice's download link, even with her ticket, gives Bob nothing
  const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
  const download = await request.get(`/my-data/download?ticket=${keyed('access-package', aliceSession)}`, { headers: { Cookie: cookies }, maxRedirects: 0 })
  expect(download.status()).toBe(302)
  expect(download.headers()['location']).toContain('/my-data')
  expect(download.headers()['content-type'] ?? '').not.toContain('zip')
  // and without a session, nothing at all
  const anonymous = await request.get('/my-data/download', { maxRedirects: 0, headers: { Cookie: '' } })
  expect(anonymous.status()).toBe(302)
  expect(anonymous.headers()['location']).toContain('/login')
})

test('tampered page links and request ids get a clear 400 or 404, never a 500', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await loginAs(context, user, baseURL!)
  const cases: [string, number, RegExp][] = [
    ['/my-data/vpn_sessions?cursor=garbage', 400, /broken or was changed/],
    [`/my-data/vpn_sessions?cursor=${Buffer.from('2026-01-01|1').toString('base64url')}`, 400, /broken or was changed/],
    ['/my-data/account?cursor=MjAyNi0wMS0wMVQwMDowMDowMC4wMDAwMDBafDE', 400, /broken or was changed/],
    ['/my-data/no_such_category', 404, /no such category/],
    [`/my-data/forum_posts?cursor=${'A'.repeat(5000)}`, 400, /broken or was changed/],
    ['/requests?cursor=%00%ff', 400, /broken or was changed/],
    ['/requests/abc', 404, /no such request/],
    ['/requests/0', 404, /no such request/],
    ['/requests/99999999999999999999', 404, /no such request/],
    ['/requests/-1', 404, /no such request/],
  ]
  for (const [url, status, message] of cases) {
    const response = await page.goto(url)
    expect(response!.status(), url).toBe(status)
    await expect(page.locator('main'), url).toContainText(message)
  }
  // an unknown form intent is refused without effect
  const response = await page.request.post('/my-data', { form: { intent: 'delete-everything' }, headers: { Origin: baseURL! } })
  expect(response.status()).toBe(400)
})
