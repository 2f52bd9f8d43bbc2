// What people leave on the website with or without an account: contact messages, forum posts, feed
// subscriptions. A row belongs to a person by user id or by the email address they gave (ownership.server.ts).
// The erasing functions are shared by consent withdrawal (consent.server.ts) and the erasure engine
// (erasure.server.ts): each records a request event with its reason and returns how many rows it changed.
import { and, eq, isNull, sql } from 'drizzle-orm'
import { db, type Transaction } from '#db/client.server'
import { contactMessages, feedSubscriptions, forumPosts } from '#db/schema'
import { RETENTION_REASON, withChangeContext } from '../requests/archive.server'
import { recordEvent, type Actor } from '../requests/dsr.server'
import { forumPostOwnedBy, ownedBy, type DataOwner } from '../requests/ownership.server'

export type { DataOwner }

export interface ErasureContext extends DataOwner {
  requestId: number
  actor: Actor
  reason: string
  /** forum posts: only this post of the person (with the comments under it, when deleted) */
  postId?: number
}

// The name forum readers see instead of the author once posts are anonymised (issue 5: "deleted user").
export const ANONYMOUS_AUTHOR = 'deleted user'

/**
 * What the person ended must not live on in the archive of changes: an archived copy of a deleted message
 * or of an anonymised post's author would outlast the withdrawal or erasure it belongs to. The trigger
 * keeps no copy for the retention marker (db/sql/100_archive_on_change.sql); the request event keeps the
 * reason and the count instead.
 */
function withoutArchiveCopy(tx: Transaction, actor: Actor) {
  return withChangeContext(tx, { actor, reason: RETENTION_REASON })
}

async function recordErasure(tx: Transaction, { requestId, actor, reason, postId }: ErasureContext, category: string, operation: 'deleted' | 'anonymised', count: number) {
  await recordEvent(tx, { requestId, kind: `data_${operation}`, actor, note: reason, data: { category, ...(postId ? { postId } : {}), count } })
}

const ownPosts = (context: ErasureContext) => and(forumPostOwnedBy(context), context.postId ? eq(forumPosts.id, context.postId) : undefined)

export async function eraseContactMessages(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx.delete(contactMessages).where(ownedBy(context, { userId: contactMessages.userId, email: contactMessages.email })).returning({ id: contactMessages.id })
  await recordErasure(tx, context, 'contact_messages', 'deleted', rows.length)
  return rows.length
}

// Deleting a thread also deletes the comments under it (the forum's rule: comments go with what they comment on).
export async function deleteForumPosts(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx.delete(forumPosts).where(ownPosts(context)).returning({ id: forumPosts.id })
  await recordErasure(tx, context, 'forum_posts', 'deleted', rows.length)
  return rows.length
}

// The posts stay readable; the author becomes "deleted user" and the link to the person (account, email) goes.
export async function anonymiseForumPosts(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx
    .update(forumPosts)
    .set({ userId: null, authorName: ANONYMOUS_AUTHOR, authorEmail: null, anonymisedAt: new Date() })
    .where(and(ownPosts(context), isNull(forumPosts.anonymisedAt)))
    .returning({ id: forumPosts.id })
  await recordErasure(tx, context, 'forum_posts', 'anonymised', rows.length)
  return rows.length
}

export async function deleteFeedSubscriptions(tx: Transaction, context: ErasureContext) {
  await withoutArchiveCopy(tx, context.actor)
  const rows = await tx.delete(feedSubscriptions).where(ownedBy(context, { userId: feedSubscriptions.userId, email: feedSubscriptions.email })).returning({ id: feedSubscriptions.id })
  await recordErasure(tx, context, 'feed_subscriptions', 'deleted', rows.length)
  return rows.length
}

// --- Counting, for the choices on /consents ------------------------------------------------------

export async function countCommunityData(owner: DataOwner) {
  const [[messages], [posts], [subscriptions]] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(contactMessages).where(ownedBy(owner, { userId: contactMessages.userId, email: contactMessages.email })),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(forumPosts)
      .where(and(forumPostOwnedBy(owner), isNull(forumPosts.anonymisedAt))),
    db.select({ n: sql<number>`count(*)::int` }).from(feedSubscriptions).where(ownedBy(owner, { userId: feedSubscriptions.userId, email: feedSubscriptions.email })),
  ])
  return { contactMessages: messages.n, forumPosts: posts.n, feedSubscriptions: subscriptions.n }
}
