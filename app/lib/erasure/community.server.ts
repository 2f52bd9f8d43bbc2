// What people leave on the website with or without an account: contact messages, forum posts, feed
// subscriptions. A row belongs to a person by user id or by the email address they gave. The erasing
// functions are shared by consent withdrawal (consent.server.ts) and erasure (erasure.server.ts): each
// records a request event with its reason and returns how many rows it changed.
import { and, eq, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { db, type Transaction } from '#db/client.server'
import { contactMessages, feedSubscriptions, forumPosts } from '#db/schema'
import { RETENTION_REASON, withChangeContext } from '../requests/archive.server'
import { recordEvent, type Actor } from '../requests/dsr.server'

export interface DataOwner {
  userId?: string | null
  email?: string | null
}

export interface ErasureContext extends DataOwner {
  requestId: number
  actor: Actor
  reason: string
}

// The name forum readers see instead of the author once posts are anonymised (issue 5: "deleted user").
export const ANONYMOUS_AUTHOR = 'deleted user'

function owned(userColumn: AnyPgColumn, emailColumn: AnyPgColumn, { userId, email }: DataOwner): SQL {
  const conditions = [userId ? eq(userColumn, userId) : undefined, email ? sql`lower(${emailColumn}) = lower(${email})` : undefined].filter(
    (c): c is SQL => c !== undefined,
  )
  if (conditions.length === 0) throw new Error('An owner needs a user id or an email address.')
  return conditions.length === 1 ? conditions[0] : or(...conditions)!
}

/**
 * What the person ended must not live on in the archive of changes: an archived copy of a deleted message
 * or of an anonymised post's author would outlast the withdrawal or erasure it belongs to. The trigger
 * keeps no copy for the retention marker (db/sql/100_archive_on_change.sql); the request event keeps the
 * reason and the count instead.
 */
function withoutArchiveCopy(tx: Transaction, actor: Actor) {
  return withChangeContext(tx, { actor, reason: RETENTION_REASON })
}

async function recordErasure(tx: Transaction, { requestId, actor, reason }: ErasureContext, category: string, operation: 'deleted' | 'anonymised', count: number) {
  await recordEvent(tx, { requestId, kind: `data_${operation}`, actor, note: reason, data: { category, count } })
}

export async function eraseContactMessages(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx.delete(contactMessages).where(owned(contactMessages.userId, contactMessages.email, context)).returning({ id: contactMessages.id })
  await recordErasure(tx, context, 'contact_messages', 'deleted', rows.length)
  return rows.length
}

// Deleting a thread also deletes the comments under it (the forum's rule: comments go with what they comment on).
export async function deleteForumPosts(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx.delete(forumPosts).where(owned(forumPosts.userId, forumPosts.authorEmail, context)).returning({ id: forumPosts.id })
  await recordErasure(tx, context, 'forum_posts', 'deleted', rows.length)
  return rows.length
}

// The posts stay readable; the author becomes "deleted user" and the link to the person (account, email) goes.
export async function anonymiseForumPosts(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx
    .update(forumPosts)
    .set({ userId: null, authorName: ANONYMOUS_AUTHOR, authorEmail: null, anonymisedAt: new Date() })
    .where(and(owned(forumPosts.userId, forumPosts.authorEmail, context), isNull(forumPosts.anonymisedAt)))
    .returning({ id: forumPosts.id })
  await recordErasure(tx, context, 'forum_posts', 'anonymised', rows.length)
  return rows.length
}

export async function deleteFeedSubscriptions(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx.delete(feedSubscriptions).where(owned(feedSubscriptions.userId, feedSubscriptions.email, context)).returning({ id: feedSubscriptions.id })
  await recordErasure(tx, context, 'feed_subscriptions', 'deleted', rows.length)
  return rows.length
}

// --- Counting, for the choices on /consents ------------------------------------------------------

export async function countCommunityData(owner: DataOwner) {
  const [[messages], [posts], [subscriptions]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(contactMessages).where(owned(contactMessages.userId, contactMessages.email, owner)),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(forumPosts)
      .where(and(owned(forumPosts.userId, forumPosts.authorEmail, owner), isNull(forumPosts.anonymisedAt))),
    db.select({ n: sql<number>`count(*)::int` }).from(feedSubscriptions).where(owned(feedSubscriptions.userId, feedSubscriptions.email, owner)),
  ])
  return { contactMessages: messages.n, forumPosts: posts.n, feedSubscriptions: subscriptions.n }
}
