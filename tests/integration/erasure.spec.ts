import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { contactMessages, dataSubjectRequests, deletionReceipts, dsrEvents, feedSubscriptions, forumPosts, outboxMessages, restrictions, vpnSessions } from '#db/schema'
import { eraseByEmail, eraseCategory, eraseForumPost } from '~/lib/erasure/erasure.server'
import { createUser, uniqueName } from '../support/fixtures'

async function forumOf(userId: string, email: string, bodies: string[]) {
  return db
    .insert(forumPosts)
    .values(bodies.map((body) => ({ userId, authorName: 'someone', authorEmail: email, title: body, body })))
    .returning({ id: forumPosts.id })
}

test('erasing a category deletes it at once, as a completed request with events, a receipt and an email, and keeps no archive copy', async () => {
  const user = await createUser()
  const other = await createUser()
  const now = Date.now()
  await db.insert(vpnSessions).values([1, 2, 3].map((d) => ({ userId: user.id, clientIp: '192.0.2.1', serverId: 'ch-zrh-1', startedAt: new Date(now - d * 86_400_000) })))
  await db.insert(vpnSessions).values({ userId: other.id, clientIp: '192.0.2.2', serverId: 'ch-zrh-1', startedAt: new Date(now) })

  const outcome = await eraseCategory({ userId: user.id, categorySlug: 'vpn_sessions', actor: { type: 'customer', id: user.id } })
  expect(outcome).toMatchObject({ status: 'completed', rows: 3, action: 'deleted' })
  expect(await db.select().from(vpnSessions).where(eq(vpnSessions.userId, user.id))).toEqual([])
  expect(await db.select().from(vpnSessions).where(eq(vpnSessions.userId, other.id))).toHaveLength(1)

  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, outcome.requestId))
  expect(request).toMatchObject({ userId: user.id, type: 'erasure', status: 'completed', categorySlug: 'vpn_sessions' })
  const events = await db.select({ kind: dsrEvents.kind }).from(dsrEvents).where(eq(dsrEvents.requestId, request.id))
  expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['received', 'data_deleted', 'status_changed']))
  const receipts = await db.select().from(deletionReceipts).where(eq(deletionReceipts.requestId, request.id))
  expect(receipts).toMatchObject([{ userId: user.id, tableName: 'vpn_sessions', ruleSlug: 'erasure_request', rowCount: 3 }])
  const [mail] = await db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, user.email), eq(outboxMessages.template, 'erasure-completed')))
  expect(mail.text).toContain(request.number)
  const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from archived_changes where user_id = ${user.id} and table_name = 'vpn_sessions'`)
  expect(n).toBe(0)
})

test('anonymising forum posts keeps the texts under "deleted user", without the email, and no archive copy of the author', async () => {
  const user = await createUser()
  const [post] = await forumOf(user.id, user.email, ['anonymise me'])
  const outcome = await eraseCategory({ userId: user.id, categorySlug: 'forum_posts', mode: 'anonymise', actor: { type: 'customer', id: user.id } })
  expect(outcome).toMatchObject({ status: 'completed', rows: 1, action: 'anonymised' })
  const [row] = await db.select().from(forumPosts).where(eq(forumPosts.id, post.id))
  expect(row).toMatchObject({ userId: null, authorName: 'deleted user', authorEmail: null, body: 'anonymise me' })
  expect(row.anonymisedAt).toBeInstanceOf(Date)
  const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from archived_changes where strpos(old_row::text, ${user.email}) > 0`)
  expect(n).toBe(0)
})

test('one forum post is erased only by its author: another customer’s post id finds nothing and deletes nothing', async () => {
  const author = await createUser()
  const intruder = await createUser()
  const [mine, second] = await forumOf(author.id, author.email, ['first', 'second'])
  const before = await db.select({ n: sql<number>`count(*)::int` }).from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, intruder.id))

  expect(await eraseForumPost({ userId: intruder.id, postId: mine.id, actor: { type: 'customer', id: intruder.id } })).toBeNull()
  expect(await eraseForumPost({ userId: intruder.id, postId: 999_999_999, actor: { type: 'customer', id: intruder.id } })).toBeNull()
  expect(await db.select().from(forumPosts).where(eq(forumPosts.id, mine.id))).toHaveLength(1)
  const after = await db.select({ n: sql<number>`count(*)::int` }).from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, intruder.id))
  expect(after).toEqual(before)

  const outcome = await eraseForumPost({ userId: author.id, postId: mine.id, actor: { type: 'customer', id: author.id } })
  expect(outcome).toMatchObject({ status: 'completed', rows: 1 })
  expect(await db.select().from(forumPosts).where(eq(forumPosts.id, mine.id))).toEqual([])
  expect(await db.select().from(forumPosts).where(eq(forumPosts.id, second.id))).toHaveLength(1)
})

test('a legal hold on the category holds the erasure back: the request waits for the DPO and nothing is deleted', async () => {
  const user = await createUser()
  await db.insert(contactMessages).values({ userId: user.id, name: 'n', email: user.email, message: 'held message' })
  await db.insert(restrictions).values({ userId: user.id, categorySlug: 'contact_messages', reason: 'legal_hold', note: 'evidence in a dispute' })
  const outcome = await eraseCategory({ userId: user.id, categorySlug: 'contact_messages', actor: { type: 'customer', id: user.id } })
  expect(outcome.status).toBe('held')
  expect(await db.select().from(contactMessages).where(eq(contactMessages.userId, user.id))).toHaveLength(1)
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, outcome.requestId))
  expect(request.status).toBe('received')
})

test('people without an account erase their community data by the email address they proved', async () => {
  const email = `${uniqueName('guest')}@example.test`
  const stranger = `${uniqueName('other')}@example.test`
  await db.insert(contactMessages).values([
    { userId: null, name: 'Guest', email, message: 'hello' },
    { userId: null, name: 'Other', email: stranger, message: 'stays' },
  ])
  await db.insert(feedSubscriptions).values({ userId: null, email: email.toUpperCase(), topic: 'news' })
  const result = await eraseByEmail({ email, categories: ['contact_messages', 'feed_subscriptions'], actor: { type: 'data_subject', id: null } })
  expect(result.erased).toEqual({ contact_messages: 1, feed_subscriptions: 1 })
  expect(await db.select().from(contactMessages).where(eq(contactMessages.email, email))).toEqual([])
  expect(await db.select().from(contactMessages).where(eq(contactMessages.email, stranger))).toHaveLength(1)
  const receipts = await db.select().from(deletionReceipts).where(eq(deletionReceipts.requestId, result.requestId))
  expect(receipts.map((r) => [r.tableName, r.rowCount]).sort()).toEqual([
    ['contact_messages', 1],
    ['feed_subscriptions', 1],
  ])
})
