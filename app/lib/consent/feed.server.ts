// The comment feed: double opt-in by an emailed link, and an unsubscribe link in every feed email that
// works without logging in (a signed single-purpose token) and as a List-Unsubscribe header (RFC 2369,
// one-click POST per RFC 8058). Unsubscribing withdraws the comment-feed consent of that address.
import { and, asc, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { db, type Executor } from '#db/client.server'
import { feedSubscriptions, forumPosts } from '#db/schema'
import { RETENTION_REASON, withChangeContext } from '../requests/archive.server'
import { recordConsents, withdrawConsents } from './consent.server'
import type { Actor } from '../requests/dsr.server'
import { sendEmail } from '../platform/email.server'
import { absoluteUrl } from '../platform/env.server'
import { signToken, verifyToken, type TokenCheck } from '../platform/tokens.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'

export const FEED_CONFIRM_TTL_HOURS = 48
// An unsubscribe link must keep working in old emails; past this, /consents or a newer email does it.
export const FEED_UNSUBSCRIBE_TTL_DAYS = 400

export type FeedTokenResult = { ok: true; topic: string } | { ok: false; reason: 'invalid' | 'expired' | 'used' }

// The forum's threads, which are the feed's topics; titles are public.
export async function listFeedTopics() {
  const comments = alias(forumPosts, 'comments')
  return db
    .select({
      id: forumPosts.id,
      title: forumPosts.title,
      comments: sql<number>`count(${comments.id})::int`,
      lastActivityAt: sql<Date>`greatest(${forumPosts.createdAt}, max(${comments.createdAt}))`.mapWith((v) => new Date(v)),
    })
    .from(forumPosts)
    .leftJoin(comments, eq(comments.parentId, forumPosts.id))
    .where(and(isNull(forumPosts.parentId), isNotNull(forumPosts.title)))
    .groupBy(forumPosts.id)
    .orderBy(desc(sql`greatest(${forumPosts.createdAt}, max(${comments.createdAt}))`), desc(forumPosts.id))
}

function confirmUrl(subscriptionId: number) {
  const token = signToken({ purpose: 'feed-confirm', subject: String(subscriptionId), expiresAt: new Date(Date.now() + FEED_CONFIRM_TTL_HOURS * 3600_000) })
  return absoluteUrl(`/feed/confirm?token=${token}`)
}

export function unsubscribeUrl(subscriptionId: number) {
  const token = signToken({ purpose: 'feed-unsubscribe', subject: String(subscriptionId), expiresAt: new Date(Date.now() + FEED_UNSUBSCRIBE_TTL_DAYS * 86_400_000) })
  return absoluteUrl(`/feed/unsubscribe?token=${token}`)
}

function unsubscribeHeaders(url: string) {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
}

export type SubscriptionRequest = { ok: true } | { ok: false; reason: 'unknown-topic' }

/**
 * Stores an unconfirmed subscription and emails the confirmation link. The answer is the same whether
 * or not the address already subscribed, so the form tells nobody who reads what.
 */
export async function requestFeedSubscription({
  threadId,
  email,
  userId,
  language = FALLBACK_LANGUAGE,
}: {
  threadId: number
  email: string
  userId: string | null
  /** the page's language: every email of this subscription is written in it */
  language?: Language
}): Promise<SubscriptionRequest> {
  return db.transaction(async (tx) => {
    const [thread] = await tx
      .select({ title: forumPosts.title })
      .from(forumPosts)
      .where(and(eq(forumPosts.id, threadId), isNull(forumPosts.parentId), isNotNull(forumPosts.title)))
    if (!thread?.title) return { ok: false, reason: 'unknown-topic' } as const
    const topic = thread.title
    const [existing] = await tx
      .select()
      .from(feedSubscriptions)
      .where(and(sql`lower(${feedSubscriptions.email}) = lower(${email})`, eq(feedSubscriptions.topic, topic)))
      .orderBy(asc(feedSubscriptions.id))
      .limit(1)
    if (existing?.confirmedAt) return { ok: true } as const
    const subscription = existing ?? (await tx.insert(feedSubscriptions).values({ userId, email, topic, language }).returning())[0]
    await sendEmail(tx, {
      to: email,
      userId,
      language,
      template: 'feed-confirm',
      props: { topic, confirmUrl: confirmUrl(subscription.id), expiresInHours: FEED_CONFIRM_TTL_HOURS },
    })
    return { ok: true } as const
  })
}

function subscriptionIdOf(check: TokenCheck) {
  if (!check.ok) return null
  const id = Number(check.subject)
  return /^[1-9]\d*$/.test(check.subject) && Number.isSafeInteger(id) ? id : null
}

function actorOf(subscription: { userId: string | null }): Actor {
  return subscription.userId ? { type: 'customer', id: subscription.userId } : { type: 'data_subject', id: null }
}

/** Opening a feed link only checks it (mail scanners open links too): why it cannot be used, or null. */
export function feedLinkProblem(purpose: 'confirm' | 'unsubscribe', token: string | null) {
  const check = verifyToken({ purpose: purpose === 'confirm' ? 'feed-confirm' : 'feed-unsubscribe', token })
  return check.ok ? null : check.reason
}

// Following the link is the second step of the opt-in: only now is the consent given and recorded.
export async function confirmFeedSubscription(token: string | null): Promise<FeedTokenResult> {
  const check = verifyToken({ purpose: 'feed-confirm', token })
  if (!check.ok) return check
  const id = subscriptionIdOf(check)
  if (id === null) return { ok: false, reason: 'invalid' }
  return db.transaction(async (tx) => {
    const [subscription] = await tx.select().from(feedSubscriptions).where(eq(feedSubscriptions.id, id)).for('update')
    if (!subscription) return { ok: false, reason: 'used' } as const
    if (subscription.confirmedAt) return { ok: false, reason: 'used' } as const
    // not a correction: an archived unconfirmed copy would outlive the unsubscribe that deletes the row
    await withChangeContext(tx, { actor: actorOf(subscription), reason: RETENTION_REASON })
    await tx.update(feedSubscriptions).set({ confirmedAt: new Date() }).where(eq(feedSubscriptions.id, id))
    const subject = subscription.userId ? { userId: subscription.userId } : { email: subscription.email }
    await recordConsents(tx, { subject, method: 'feed_subscription', choices: [{ purpose: 'comment_feed', action: 'given' }] })
    const url = unsubscribeUrl(id)
    await sendEmail(tx, {
      to: subscription.email,
      userId: subscription.userId,
      language: subscription.language,
      template: 'feed-subscribed',
      props: { topic: subscription.topic, unsubscribeUrl: url },
      headers: unsubscribeHeaders(url),
    })
    return { ok: true, topic: subscription.topic } as const
  })
}

/**
 * One click from any feed email: withdraws the comment-feed consent of the address, which deletes its
 * subscriptions (the promised effect) and records a consent_withdrawal request. The subscription the
 * token names is then gone, so the same link never acts twice.
 */
export async function unsubscribeFromFeed(token: string | null): Promise<FeedTokenResult> {
  const check = verifyToken({ purpose: 'feed-unsubscribe', token })
  if (!check.ok) return check
  const id = subscriptionIdOf(check)
  if (id === null) return { ok: false, reason: 'invalid' }
  return db.transaction(async (tx) => {
    const [subscription] = await tx.select().from(feedSubscriptions).where(eq(feedSubscriptions.id, id)).for('update')
    if (!subscription) return { ok: false, reason: 'used' } as const
    await withdrawConsents(tx, {
      subject: { userId: subscription.userId, email: subscription.email },
      actor: actorOf(subscription),
      method: 'email_link',
      purposes: ['comment_feed'],
    })
    return { ok: true, topic: subscription.topic } as const
  })
}

// Called by the forum when a comment is published: every confirmed subscriber of the thread gets it.
export async function notifyFeedSubscribers(executor: Executor, { threadId, author, excerpt }: { threadId: number; author: string; excerpt: string }) {
  const [thread] = await executor.select({ title: forumPosts.title }).from(forumPosts).where(eq(forumPosts.id, threadId))
  if (!thread?.title) return 0
  const subscribers = await executor
    .select()
    .from(feedSubscriptions)
    .where(and(eq(feedSubscriptions.topic, thread.title), isNotNull(feedSubscriptions.confirmedAt)))
  for (const subscription of subscribers) {
    const url = unsubscribeUrl(subscription.id)
    await sendEmail(executor, {
      to: subscription.email,
      userId: subscription.userId,
      language: subscription.language,
      template: 'feed-comment',
      props: { topic: thread.title, author, excerpt, unsubscribeUrl: url },
      headers: unsubscribeHeaders(url),
    })
  }
  return subscribers.length
}
