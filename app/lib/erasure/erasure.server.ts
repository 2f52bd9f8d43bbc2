// Right to erasure (Art. 17). The engine (eraseOwnedRows) is the one way any erasure removes a person's
// rows: a category from My data, a single forum post, a request the DPO completes, and the whole account
// when a cancellation takes effect (cancellation.server.ts). Each erasure belongs to a data subject
// request, records an event and a deletion receipt per table, keeps no archive copy (decision 050), and
// runs inside its caller's one transaction. A category erasure completes at once unless a legal hold on
// the category holds it back (then the request waits for the DPO). The community deletions are
// community.server.ts's, shared with consent withdrawal.
import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { db, type Transaction } from '#db/client.server'
import { archivedChanges, dataCategories, dataSubjectRequests, forumPosts, restrictions, retentionRules, users, vpnSessions } from '#db/schema'
import { RETENTION_REASON, withChangeContext } from '../requests/archive.server'
import { anonymiseForumPosts, deleteFeedSubscriptions, deleteForumPosts, eraseContactMessages, type DataOwner, type ErasureContext } from './community.server'
import type { ErasureMode } from '../domain/erasure'
import { createRequest, deleteRequestsOf, recordEvent, transitionRequest, type Actor } from '../requests/dsr.server'
import { forumPostOwnedBy, rowsOwnedBy } from '../requests/ownership.server'
import { personalDataTable } from '../requests/personal-data-tables'
import { deleteRestrictionsOf } from '../requests/restriction.server'
import { sendEmail } from '../platform/email.server'
import { absoluteUrl } from '../platform/env.server'
import type { ErasableCategory } from '../domain/erasure'
import { recordDeletionReceipts } from './retention.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { categoryNameOf, registryText } from '../registry/registry.server'

export { ERASABLE_CATEGORIES, isErasableCategory, type ErasableCategory } from '../domain/erasure'
// people without an account left only these
export const COMMUNITY_CATEGORIES = ['contact_messages', 'forum_posts', 'feed_subscriptions'] as const satisfies readonly ErasableCategory[]
export type { ErasureMode }

// The rule slug on receipts of deletions someone asked for (retention deletions name their registry rule).
export const ERASURE_RECEIPT_RULE = 'erasure_request'

const TABLE_OF: Record<ErasableCategory, string> = {
  contact_messages: 'contact_messages',
  forum_posts: 'forum_posts',
  feed_subscriptions: 'feed_subscriptions',
  vpn_sessions: 'vpn_sessions',
}

export type ErasureOutcome =
  | { status: 'completed'; requestId: number; requestNumber: string; rows: number; action: 'deleted' | 'anonymised' }
  | { status: 'held'; requestId: number; requestNumber: string; rows: 0; holdName: string }

// The registry's name of the category in the reader's language (the English name where the German one is empty).
async function categoryName(tx: Transaction, slug: string, language: Language = FALLBACK_LANGUAGE) {
  return (await categoryNameOf(slug, language, tx)) ?? slug
}

async function requireCustomerRow(tx: Transaction, userId: string) {
  const [user] = await tx
    .select({ id: users.id, username: users.username, email: users.email, language: users.language })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.erasedAt)))
  if (!user) throw new Error(`No active account ${userId}`)
  return user
}

// A legal hold on the category (kept because the law requires it) holds an erasure back (Art. 17(3)(b), (e)).
async function activeHold(tx: Transaction, userId: string, categorySlug: string) {
  const [hold] = await tx
    .select({ name: retentionRules.name })
    .from(restrictions)
    .leftJoin(retentionRules, eq(retentionRules.id, restrictions.retentionRuleId))
    .where(
      and(
        eq(restrictions.userId, userId),
        eq(restrictions.categorySlug, categorySlug),
        eq(restrictions.reason, 'legal_hold'),
        isNull(restrictions.liftedAt),
        or(isNull(restrictions.endsAt), sql`${restrictions.endsAt} > now()`),
      ),
    )
    .limit(1)
  return hold ? (hold.name ?? 'a legal hold') : null
}

// A request passed in (the DPO dispatching an approved one) must be this person's; otherwise a new one is made.
async function openRequest(
  tx: Transaction,
  {
    requestId,
    userId,
    email,
    categorySlug,
    subject,
    actor,
    held = false,
  }: { requestId?: number; userId: string | null; email: string | null; categorySlug: string | null; subject: string; actor: Actor; held?: boolean },
) {
  if (requestId) {
    const [request] = await tx
      .select({ id: dataSubjectRequests.id, number: dataSubjectRequests.number, language: dataSubjectRequests.language })
      .from(dataSubjectRequests)
      .where(
        and(
          eq(dataSubjectRequests.id, requestId),
          userId ? eq(dataSubjectRequests.userId, userId) : sql`lower(${dataSubjectRequests.email}) = lower(${email})`,
        ),
      )
    if (!request) throw new Error(`Request ${requestId} does not belong to this person`)
    return request
  }
  // held back: received, for the DPO to decide; otherwise done at once
  const request = await createRequest(tx, { userId, email, type: 'erasure', status: held ? 'received' : 'in_progress', categorySlug, subject, actor })
  return { id: request.id, number: request.number, language: request.language }
}

async function eraseVpnSessions(tx: Transaction, context: ErasureContext) {
  if (!context.userId) return 0
  await withChangeContext(tx, context)
  const deleted = await tx.delete(vpnSessions).where(eq(vpnSessions.userId, context.userId))
  await recordEvent(tx, { requestId: context.requestId, kind: 'data_deleted', actor: context.actor, data: { category: 'vpn_sessions', count: deleted.count } })
  return deleted.count
}

// Tables of personal-data-tables.ts without a capability of their own: deleted as a whole, with an event when
// anything went. Tables with an owner are deleted by it (scripts/check-table-owners.ts).
async function deleteOtherRows(tx: Transaction, table: string, context: ErasureContext) {
  const t = personalDataTable(table)
  if (!t || table === 'users') throw new Error(`The erasure engine does not delete ${table}`)
  await withChangeContext(tx, context)
  let rows: number
  if (table === 'restrictions') rows = await deleteRestrictionsOf(tx, context)
  // the erasure's own request stays: it records that the erasure happened
  else if (table === 'data_subject_requests') rows = await deleteRequestsOf(tx, { ...context, except: context.requestId })
  else rows = (await tx.execute(sql`delete from ${sql.identifier(table)} where ${rowsOwnedBy(t, context)}`)).count
  if (rows > 0) await recordEvent(tx, { requestId: context.requestId, kind: 'data_deleted', actor: context.actor, note: context.reason, data: { category: table, count: rows } })
  return rows
}

export interface EraseRowsInput {
  owner: DataOwner
  /** a table of personal-data-tables.ts (not users: an account is ended by its cancellation's tombstone) */
  table: string
  mode?: ErasureMode
  /** the request the erasure carries out: its events and receipts name it */
  requestId: number
  actor: Actor
  /** the receipts' rule: ERASURE_RECEIPT_RULE, or the cancellation's */
  receiptRule: string
  /** forum posts: one post only */
  postId?: number
}

/**
 * THE erasure engine: removes (or, for forum posts, anonymises) the owner's rows of one table inside the
 * caller's transaction, with the request event and the deletion receipt, keeping no archive copy.
 */
export async function eraseOwnedRows(tx: Transaction, { owner, table, mode = 'delete', requestId, actor, receiptRule, postId }: EraseRowsInput) {
  const context: ErasureContext = { userId: owner.userId ?? null, email: owner.email ?? null, requestId, actor, reason: RETENTION_REASON, postId }
  const anonymise = table === 'forum_posts' && mode === 'anonymise'
  let rows: number
  switch (table) {
    case 'contact_messages':
      rows = await eraseContactMessages(tx, context)
      break
    case 'forum_posts':
      rows = anonymise ? await anonymiseForumPosts(tx, context) : await deleteForumPosts(tx, context)
      break
    case 'feed_subscriptions':
      rows = await deleteFeedSubscriptions(tx, context)
      break
    case 'vpn_sessions':
      rows = await eraseVpnSessions(tx, context)
      break
    default:
      rows = await deleteOtherRows(tx, table, context)
  }
  const action = anonymise ? ('anonymised' as const) : ('deleted' as const)
  await recordDeletionReceipts(tx, [
    { runId: `request:${requestId}`, ruleSlug: receiptRule, tableName: table, userId: owner.userId ?? null, requestId, rowCount: rows, details: { action, ...(postId ? { postId } : {}) } },
  ])
  return { rows, action }
}

const eraseInTransaction = (
  tx: Transaction,
  { owner, categorySlug, mode, requestId, actor }: { owner: DataOwner; categorySlug: ErasableCategory; mode: ErasureMode; requestId: number; actor: Actor },
) => eraseOwnedRows(tx, { owner, table: TABLE_OF[categorySlug], mode, requestId, actor, receiptRule: ERASURE_RECEIPT_RULE })

async function completeWithEmail(
  tx: Transaction,
  input: {
    requestId: number
    requestNumber: string
    actor: Actor
    to: string
    userId: string | null
    username: string | null
    language: Language
    /** the registry's category name(s), or a message key */
    what: string
    rows: number
    action: 'deleted' | 'anonymised'
  },
) {
  await transitionRequest(tx, { requestId: input.requestId, to: 'completed', actor: input.actor, data: { rows: input.rows, action: input.action } })
  await sendEmail(tx, {
    to: input.to,
    userId: input.userId,
    language: input.language,
    template: 'erasure-completed',
    props: {
      name: input.username,
      what: input.what,
      rows: input.rows,
      action: input.action,
      requestNumber: input.requestNumber,
      requestsUrl: input.userId ? absoluteUrl('/requests') : null,
    },
  })
}

/** Erases one category of a customer's data. `requestId`: an existing request to complete (DPO console). */
export async function eraseCategory({
  userId,
  categorySlug,
  mode = 'delete',
  actor,
  requestId,
}: {
  userId: string
  categorySlug: ErasableCategory
  mode?: ErasureMode
  actor: Actor
  requestId?: number
}): Promise<ErasureOutcome> {
  return db.transaction(async (tx) => {
    const user = await requireCustomerRow(tx, userId)
    const name = await categoryName(tx, categorySlug)
    const hold = await activeHold(tx, userId, categorySlug)
    const nameForEmail = await categoryName(tx, categorySlug, user.language)
    const request = await openRequest(tx, { requestId, userId, email: null, categorySlug, subject: `Erase: ${name}`, actor, held: Boolean(hold) })
    if (hold) {
      await recordEvent(tx, { requestId: request.id, kind: 'erasure_held', actor, note: `Held back by a legal hold: ${hold}`, data: { category: categorySlug } })
      return { status: 'held', requestId: request.id, requestNumber: request.number, rows: 0, holdName: hold } as const
    }
    const { rows, action } = await eraseInTransaction(tx, { owner: { userId, email: user.email }, categorySlug, mode, requestId: request.id, actor })
    await completeWithEmail(tx, { requestId: request.id, requestNumber: request.number, actor, to: user.email, userId, username: user.username, language: user.language, what: nameForEmail, rows, action })
    return { status: 'completed', requestId: request.id, requestNumber: request.number, rows, action } as const
  })
}

/** One forum post or comment of the customer; null when there is no such post of theirs (the route says 404). */
export async function eraseForumPost({ userId, postId, mode = 'delete', actor }: { userId: string; postId: number; mode?: ErasureMode; actor: Actor }): Promise<ErasureOutcome | null> {
  return db.transaction(async (tx) => {
    const user = await requireCustomerRow(tx, userId)
    const [post] = await tx
      .select({ id: forumPosts.id, parentId: forumPosts.parentId })
      .from(forumPosts)
      .where(and(eq(forumPosts.id, postId), ownPost(userId, user.email)))
      .for('update')
    if (!post) return null
    const what = post.parentId ? 'a forum comment' : 'a forum post'
    const whatKey = post.parentId ? 'emails:erasureCompleted.aForumComment' : 'emails:erasureCompleted.aForumPost'
    const hold = await activeHold(tx, userId, 'forum_posts')
    const request = await openRequest(tx, { userId, email: null, categorySlug: 'forum_posts', subject: `Erase ${what}`, actor, held: Boolean(hold) })
    if (hold) {
      await recordEvent(tx, { requestId: request.id, kind: 'erasure_held', actor, note: `Held back by a legal hold: ${hold}`, data: { postId } })
      return { status: 'held', requestId: request.id, requestNumber: request.number, rows: 0, holdName: hold } as const
    }
    // comments under a deleted thread go with it (forum_posts.parent_id cascades), as the forum's rule says
    const { rows, action } = await eraseOwnedRows(tx, {
      owner: { userId, email: user.email },
      table: 'forum_posts',
      mode,
      requestId: request.id,
      actor,
      receiptRule: ERASURE_RECEIPT_RULE,
      postId: post.id,
    })
    await completeWithEmail(tx, { requestId: request.id, requestNumber: request.number, actor, to: user.email, userId, username: user.username, language: user.language, what: whatKey, rows, action })
    return { status: 'completed', requestId: request.id, requestNumber: request.number, rows, action } as const
  })
}

function ownPost(userId: string, email: string) {
  return and(forumPostOwnedBy({ userId, email }), isNull(forumPosts.anonymisedAt))
}

/**
 * For people without an account who proved control of `email`: erases their community data by that
 * address. Returns the rows per category. `requestId`: their verified request to complete.
 */
export async function eraseByEmail({
  email,
  categories,
  forumMode = 'delete',
  actor,
  requestId,
}: {
  email: string
  categories: readonly (typeof COMMUNITY_CATEGORIES)[number][]
  forumMode?: ErasureMode
  actor: Actor
  requestId?: number
}) {
  return db.transaction(async (tx) => {
    const address = email.trim().toLowerCase()
    const request = await openRequest(tx, { requestId, userId: null, email: address, categorySlug: categories.length === 1 ? categories[0] : null, subject: 'Erase my data', actor })
    const erased: Record<string, number> = {}
    for (const categorySlug of categories) {
      const { rows } = await eraseInTransaction(tx, { owner: { email: address }, categorySlug, mode: forumMode, requestId: request.id, actor })
      erased[categorySlug] = rows
    }
    const rows = Object.values(erased).reduce((a, b) => a + b, 0)
    const names = await Promise.all(categories.map((c) => categoryName(tx, c, request.language)))
    await completeWithEmail(tx, {
      requestId: request.id,
      requestNumber: request.number,
      actor,
      to: address,
      userId: null,
      username: null,
      language: request.language,
      what: names.join(', '),
      rows,
      action: forumMode === 'anonymise' && categories.length === 1 && categories[0] === 'forum_posts' ? 'anonymised' : 'deleted',
    })
    return { requestId: request.id, requestNumber: request.number, erased }
  })
}

// --- What the confirmation page shows --------------------------------------------------------------

/** How many items of the category the customer has, and how many earlier versions the archive keeps. */
export async function previewCategoryErasure({
  userId,
  categorySlug,
  language = FALLBACK_LANGUAGE,
}: {
  userId: string
  categorySlug: ErasableCategory
  language?: Language
}) {
  return db.transaction(async (tx) => {
    const user = await requireCustomerRow(tx, userId)
    const [category] = await tx
      .select({ name: dataCategories.name, nameDe: dataCategories.nameDe, description: dataCategories.description, descriptionDe: dataCategories.descriptionDe })
      .from(dataCategories)
      .where(eq(dataCategories.slug, categorySlug))
      .then((rows) => rows.map((r) => ({ name: registryText(r.name, r.nameDe, language), description: registryText(r.description, r.descriptionDe, language) })))
    const person = { userId, email: user.email }
    const owner = rowsOwnedBy(personalDataTable(TABLE_OF[categorySlug])!, person)
    const extra = categorySlug === 'forum_posts' ? sql` and anonymised_at is null` : sql``
    const [{ n }] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(TABLE_OF[categorySlug])} where (${owner})${extra}`)
    // comments of other people under the customer's threads disappear with a deleted thread
    const [{ others }] =
      categorySlug === 'forum_posts'
        ? await tx.execute<{ others: number }>(sql`
            select count(*)::int as others from forum_posts c join forum_posts p on p.id = c.parent_id
            where ${forumPostOwnedBy(person, 'p')} and p.anonymised_at is null and not coalesce(${forumPostOwnedBy(person, 'c')}, false)`)
        : [{ others: 0 }]
    const [archive] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(archivedChanges)
      .where(and(eq(archivedChanges.userId, userId), eq(archivedChanges.tableName, TABLE_OF[categorySlug])))
    const [archiveRule] = await tx
      .select({ name: retentionRules.name, description: retentionRules.description, legalReason: retentionRules.legalReason })
      .from(dataCategories)
      .innerJoin(retentionRules, eq(retentionRules.id, dataCategories.retentionRuleId))
      .where(eq(dataCategories.slug, 'archive'))
    return {
      name: category?.name ?? categorySlug,
      description: category?.description ?? '',
      count: n,
      othersComments: others,
      archivedVersions: archive?.n ?? 0,
      archiveRule: archiveRule ?? null,
      hold: await activeHold(tx, userId, categorySlug),
    }
  })
}

/** The customer's own forum post, for the per-post confirmation page; null when not theirs. */
export async function getOwnForumPost({ userId, postId }: { userId: string; postId: number }) {
  return db.transaction(async (tx) => {
    const user = await requireCustomerRow(tx, userId)
    const [post] = await tx
      .select({ id: forumPosts.id, title: forumPosts.title, body: forumPosts.body, parentId: forumPosts.parentId, createdAt: forumPosts.createdAt })
      .from(forumPosts)
      .where(and(eq(forumPosts.id, postId), ownPost(userId, user.email)))
    if (!post) return null
    const [{ n }] = await tx.execute<{ n: number }>(sql`select count(*)::int as n from forum_posts where parent_id = ${post.id}`)
    return { ...post, comments: n }
  })
}
