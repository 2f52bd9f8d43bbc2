import { expect, test } from '@playwright/test'
import { eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests } from '#db/schema'
import { fileCustomerRequest, fileRequestWithoutAccount } from '~/lib/requests/dsr-public.server'
import { decodeCursor, encodeCursor, listQueue, parseQueueFilter, type QueueFilter } from '~/lib/dpo/dsr-queue.server'
import { createRequest } from '~/lib/requests/dsr.server'
import { adminDb } from '../support/admin-db'
import { createUser, uniqueName } from '../support/fixtures'

const DAY = 86_400_000

// Every page of a filter, forwards; the rows in the order the DPO sees them.
async function allPages(filter: QueueFilter, limit: number) {
  const pages: number[][] = []
  let after = null
  for (;;) {
    const page = await listQueue({ filter, after, limit })
    pages.push(page.rows.map((r) => r.id))
    if (!page.next) return pages
    after = decodeCursor(page.next)
  }
}

test('keyset pages cover every request exactly once, in deadline order, forwards and backwards', async () => {
  const email = `${uniqueName('queue')}@example.test`
  const base = Date.now() - 20 * DAY
  // 23 requests over 9 receipt days: several share a due date, so the id decides between them
  await db.transaction(async (tx) => {
    for (let i = 0; i < 23; i++) {
      await createRequest(tx, { userId: null, email, type: i % 2 ? 'erasure' : 'access', status: 'received', receivedAt: new Date(base + (i % 9) * DAY), actor: { type: 'data_subject', id: null } })
    }
  })
  const expected = await db
    .select({ id: dataSubjectRequests.id })
    .from(dataSubjectRequests)
    .where(sql`lower(${dataSubjectRequests.email}) = ${email}`)
    .orderBy(dataSubjectRequests.dueAt, dataSubjectRequests.id)
  const filter: QueueFilter = { q: email }
  const pages = await allPages(filter, 5)
  expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3])
  expect(pages.flat()).toEqual(expected.map((e) => e.id))

  // back from the last page, page by page, gives the same pages
  const last = await listQueue({ filter, after: null, limit: 5 }).then(async function walk(page): Promise<typeof page> {
    return page.next ? walk(await listQueue({ filter, after: decodeCursor(page.next), limit: 5 })) : page
  })
  const backwards: number[][] = [last.rows.map((r) => r.id)]
  let before = last.previous
  while (before) {
    const page = await listQueue({ filter, before: decodeCursor(before), limit: 5 })
    backwards.unshift(page.rows.map((r) => r.id))
    before = page.previous
  }
  expect(backwards).toEqual(pages)

  // filters narrow within the same order
  const erasures = (await allPages({ q: email, type: 'erasure' }, 50)).flat()
  expect(erasures).toHaveLength(11)
  expect(erasures).toEqual(expected.map((e) => e.id).filter((id) => erasures.includes(id)))
})

test('the queue shows overdue requests on their own, and never requests waiting for their email confirmation', async () => {
  const email = `${uniqueName('overdue')}@example.test`
  const person = { type: 'data_subject' as const, id: null }
  const [late, onTime, unconfirmed] = await db.transaction(async (tx) => [
    await createRequest(tx, { userId: null, email, type: 'access', status: 'in_progress', receivedAt: new Date(Date.now() - 45 * DAY), actor: person }),
    await createRequest(tx, { userId: null, email, type: 'access', status: 'received', receivedAt: new Date(), actor: person }),
    await createRequest(tx, { userId: null, email, type: 'erasure', status: 'identity_unverified', receivedAt: new Date(), actor: person }),
  ])
  const overdue = (await allPages({ q: email, overdue: '1' }, 50)).flat()
  expect(overdue).toEqual([late.id])
  const everything = (await allPages({ q: email, view: 'all' }, 50)).flat()
  expect(everything.sort()).toEqual([late.id, onTime.id].sort())
  expect(everything).not.toContain(unconfirmed.id)
})

test('tampered filters and page links are refused with a 400 and a message', async () => {
  const bad = ['after=abc', 'after=1.2.3', 'before=99999999999999999999.1', 'status=identity_unverified', 'type=delete_everything', 'overdue=yes', `q=${'x'.repeat(300)}`]
  for (const query of bad) {
    let thrown: unknown
    try {
      parseQueueFilter(new URLSearchParams(query))
    } catch (e) {
      thrown = e
    }
    expect(thrown, query).toBeInstanceOf(Response)
    expect((thrown as Response).status, query).toBe(400)
    expect((await (thrown as Response).text()).length, query).toBeGreaterThan(5)
  }
  const good = parseQueueFilter(new URLSearchParams(`after=${encodeCursor({ dueMicros: 1_800_000_000_000_000n, id: 7 })}&view=all`))
  expect(good.after).toEqual({ dueMicros: 1_800_000_000_000_000n, id: 7 })
})

test('sending the same request twice within minutes makes one request, also when both arrive at once', async () => {
  const email = `${uniqueName('twice')}@example.test`
  const form = { type: 'erasure' as const, categorySlug: 'forum_posts', details: 'Delete my posts, please.' }
  const [a, b] = await Promise.all([fileRequestWithoutAccount({ email, form }), fileRequestWithoutAccount({ email: email.toUpperCase(), form })])
  expect(a.requestId).toBe(b.requestId)
  const c = await fileRequestWithoutAccount({ email, form: { ...form, details: 'Something else.' } })
  expect(c.requestId).not.toBe(a.requestId)
  const rows = await db.select().from(dataSubjectRequests).where(sql`lower(${dataSubjectRequests.email}) = ${email}`)
  expect(rows).toHaveLength(2)

  const user = await createUser()
  const customerForm = { type: 'access' as const, categorySlug: null, details: '' }
  const first = await fileCustomerRequest({ userId: user.id, form: customerForm })
  const again = await fileCustomerRequest({ userId: user.id, form: customerForm })
  expect(again).toEqual({ requestId: first.requestId, duplicate: true })
  // after the window it is a new request
  await adminDb.update(dataSubjectRequests).set({ receivedAt: new Date(Date.now() - 11 * 60_000) }).where(eq(dataSubjectRequests.id, first.requestId))
  const later = await fileCustomerRequest({ userId: user.id, form: customerForm })
  expect(later.duplicate).toBe(false)
})
