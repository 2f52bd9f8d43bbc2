// The consent ledger (Art. 7(1) GDPR): every consent given or withdrawn is a new row, never an update;
// the current state of a purpose is its latest row. The portal's database role cannot UPDATE or DELETE
// the ledger (db/sql/000_app_role.sql). A withdrawal is also a data subject request with events, and
// takes the effect the privacy notice promises for its purpose in the same transaction.
import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import { db, type Executor, type Transaction } from '#db/client.server'
import { consentMethod, consents, purposes } from '#db/schema'
import { deleteFeedSubscriptions, deleteForumPosts, anonymiseForumPosts, eraseContactMessages, type DataOwner } from '../erasure/community.server'
import { createRequest, recordEvent, transitionRequest, type Actor } from '../requests/dsr.server'
import { currentNoticeLabel } from '../policy/policy.server'
import { getPurposes } from '../registry/registry.server'
import type { ErasureMode } from '../domain/erasure'
import { fixedT } from '../platform/i18n.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'

export type ConsentMethod = (typeof consentMethod.enumValues)[number]
export type ConsentAction = 'given' | 'withdrawn'

// The banner's categories that need consent (domain/cookie-categories.ts, shared with the browser).
export { isCookieCategory, OPTIONAL_COOKIE_CATEGORIES, type CookieCategory } from '../domain/cookie-categories'

// How a choice was made, in words: catalogue keys, never the code itself (consent:method.*).
export const CONSENT_METHOD_KEYS: Record<ConsentMethod, string> = {
  signup_checkbox: 'consent:method.signup_checkbox',
  banner_accept_all: 'consent:method.banner_accept_all',
  banner_reject_all: 'consent:method.banner_reject_all',
  banner_save: 'consent:method.banner_save',
  settings_toggle: 'consent:method.settings_toggle',
  email_link: 'consent:method.email_link',
  global_privacy_control: 'consent:method.global_privacy_control',
  contact_form: 'consent:method.contact_form',
  forum_signup: 'consent:method.forum_signup',
  feed_subscription: 'consent:method.feed_subscription',
}

// Who chose: an account, a pseudonymous browser (cookie), and/or the email address given in a form.
export interface ConsentSubject {
  userId?: string | null
  visitorId?: string | null
  email?: string | null
}

export interface ConsentChoice {
  purpose: string
  action: ConsentAction
}

export class UnknownPurposeError extends Error {
  constructor(readonly slug: string) {
    super(`No purpose "${slug}" needs consent`)
  }
}

// Cookie purposes are recorded under the cookie notice's version, every other under the privacy notice's.
export async function recordConsents(
  executor: Executor,
  { subject, method, choices }: { subject: ConsentSubject; method: ConsentMethod; choices: ConsentChoice[] },
) {
  if (!subject.userId && !subject.visitorId && !subject.email) throw new Error('A consent must name who gave it.')
  if (choices.length === 0) return []
  const slugs = [...new Set(choices.map((c) => c.purpose))]
  const [rows, privacyVersion, cookieVersion] = await Promise.all([
    executor
      .select({ id: purposes.id, slug: purposes.slug, cookieCategory: purposes.cookieCategory, consentRequired: purposes.consentRequired })
      .from(purposes)
      .where(inArray(purposes.slug, slugs)),
    currentNoticeLabel('privacy', executor),
    currentNoticeLabel('cookies', executor),
  ])
  const values = choices.map((choice) => {
    const purpose = rows.find((r) => r.slug === choice.purpose)
    if (!purpose || !purpose.consentRequired) throw new UnknownPurposeError(choice.purpose)
    return {
      userId: subject.userId ?? null,
      visitorId: subject.visitorId ?? null,
      email: subject.email ?? null,
      purposeId: purpose.id,
      action: choice.action,
      method,
      policyVersion: purpose.cookieCategory ? cookieVersion : privacyVersion,
    }
  })
  return executor.insert(consents).values(values).returning()
}

// The purposes a person can give or withdraw, with what they are for and who receives the data.
export async function listConsentPurposes({ executor = db, language = FALLBACK_LANGUAGE }: { executor?: Executor; language?: Language } = {}) {
  return (await getPurposes({ executor, language })).filter((p) => p.consentRequired)
}

// A customer's rows: their account's, and those of forms they filled in with their (verified) account
// email address while logged out.
function ownedBy({ userId, email }: DataOwner): SQL {
  const byEmail = email ? and(isNull(consents.userId), sql`lower(${consents.email}) = lower(${email})`) : undefined
  if (userId) return byEmail ? or(eq(consents.userId, userId), byEmail)! : eq(consents.userId, userId)
  if (byEmail) return byEmail
  throw new Error('A consent owner needs a user id or an email address.')
}

export type LatestConsent = { action: ConsentAction; method: ConsentMethod; policyVersion: string; createdAt: Date }

async function latestBy(where: SQL) {
  const rows = await db
    .selectDistinctOn([consents.purposeId], {
      slug: purposes.slug,
      action: consents.action,
      method: consents.method,
      policyVersion: consents.policyVersion,
      createdAt: consents.createdAt,
    })
    .from(consents)
    .innerJoin(purposes, eq(purposes.id, consents.purposeId))
    .where(where)
    .orderBy(consents.purposeId, desc(consents.createdAt), desc(consents.id))
  return new Map<string, LatestConsent>(rows.map(({ slug, ...rest }) => [slug, rest]))
}

// The current state of each purpose: its latest row.
export function latestConsents(owner: DataOwner) {
  return latestBy(ownedBy(owner))
}

export function latestConsentsOfVisitor(visitorId: string) {
  return latestBy(eq(consents.visitorId, visitorId))
}

/**
 * Every row of the ledger that concerns a customer, newest first: what My data and the access package
 * show as proof of what they agreed to. The visitor id is the pseudonym of the browser the choice was
 * made in.
 */
export async function listConsentLedger(owner: DataOwner, { executor = db, language = FALLBACK_LANGUAGE }: { executor?: Executor; language?: Language } = {}) {
  const rows = await executor
    .select({
      id: consents.id,
      purposeSlug: purposes.slug,
      purposeName: purposes.name,
      purposeNameDe: purposes.nameDe,
      action: consents.action,
      method: consents.method,
      policyVersion: consents.policyVersion,
      email: consents.email,
      visitorId: consents.visitorId,
      createdAt: consents.createdAt,
    })
    .from(consents)
    .innerJoin(purposes, eq(purposes.id, consents.purposeId))
    .where(ownedBy(owner))
    .orderBy(desc(consents.createdAt), desc(consents.id))
  const t = fixedT(language)
  return rows.map(({ purposeNameDe, ...r }) => ({
    ...r,
    purposeName: language === 'de' && purposeNameDe ? purposeNameDe : r.purposeName,
    methodLabel: t(CONSENT_METHOD_KEYS[r.method]),
  }))
}

export type ConsentLedgerEntry = Awaited<ReturnType<typeof listConsentLedger>>[number]

// --- Withdrawing: the ledger row, the promised effect, and the request, in one transaction ------------

// The data category each purpose's withdrawal erases; cookie purposes erase nothing stored here.
const WITHDRAWAL_CATEGORY: Record<string, string> = {
  contact_form: 'contact_messages',
  comment_feed: 'feed_subscriptions',
  forum: 'forum_posts',
  analytics: 'cookies',
  marketing: 'cookies',
  external_media: 'cookies',
}

export interface Withdrawal {
  subject: ConsentSubject
  // whose data the effects erase; by default the subject's account and email. A customer's own includes
  // what they sent with their account email while logged out.
  owner?: DataOwner
  actor: Actor
  method: ConsentMethod
  purposes: string[]
  // forum posts: the customer chooses whether they go or stay without their name
  forumChoice?: ErasureMode
}

/**
 * Records the withdrawal of each purpose and does what the privacy notice promises for it: contact
 * messages deleted, feed subscriptions deleted, forum posts deleted or anonymised. A subject that is a
 * person (an account or an email address) also gets a completed consent_withdrawal request, so it shows
 * in their request history; a pseudonymous browser has no one to show it to.
 */
export async function withdrawConsents(tx: Transaction, withdrawal: Withdrawal) {
  const { subject, actor, method, forumChoice } = withdrawal
  const slugs = [...new Set(withdrawal.purposes)]
  if (slugs.includes('forum') && !forumChoice) throw new Error('Withdrawing the forum consent needs a choice: delete or anonymise.')
  const rows = await recordConsents(tx, { subject, method, choices: slugs.map((purpose) => ({ purpose, action: 'withdrawn' })) })
  const owner: DataOwner = withdrawal.owner ?? { userId: subject.userId ?? null, email: subject.email ?? null }
  if (!owner.userId && !owner.email) return { request: null, erased: {} as Record<string, number>, consentIds: rows.map((r) => r.id) }

  const names = await tx.select({ slug: purposes.slug, name: purposes.name }).from(purposes).where(inArray(purposes.slug, slugs)).orderBy(asc(purposes.sortOrder))
  const categories = [...new Set(slugs.map((s) => WITHDRAWAL_CATEGORY[s]).filter(Boolean))]
  const request = await createRequest(tx, {
    userId: owner.userId ?? null,
    email: owner.userId ? null : owner.email,
    type: 'consent_withdrawal',
    status: 'in_progress',
    subject: `Consent withdrawn: ${names.map((n) => n.name).join(', ')}`,
    categorySlug: categories.length === 1 ? categories[0] : null,
    actor,
  })
  await recordEvent(tx, {
    requestId: request.id,
    kind: 'consent_withdrawn',
    actor,
    data: { purposes: slugs, method, consentIds: rows.map((r) => r.id), ...(forumChoice && slugs.includes('forum') ? { forumChoice } : {}) },
  })
  const context = { ...owner, requestId: request.id, actor }
  const erased: Record<string, number> = {}
  for (const slug of slugs) {
    const reason = `Consent withdrawn (${slug})`
    if (slug === 'contact_form') erased.contact_messages = await eraseContactMessages(tx, { ...context, reason })
    if (slug === 'comment_feed') erased.feed_subscriptions = await deleteFeedSubscriptions(tx, { ...context, reason })
    if (slug === 'forum') {
      erased.forum_posts =
        forumChoice === 'anonymise' ? await anonymiseForumPosts(tx, { ...context, reason }) : await deleteForumPosts(tx, { ...context, reason })
    }
  }
  await transitionRequest(tx, { requestId: request.id, to: 'completed', actor })
  return { request, erased, consentIds: rows.map((r) => r.id) }
}

// --- A customer's own choices on /consents ------------------------------------------------------

export function withdrawCustomerConsent({ userId, email, purpose, forumChoice }: { userId: string; email: string; purpose: string; forumChoice?: ErasureMode }) {
  return db.transaction((tx) =>
    withdrawConsents(tx, {
      subject: { userId },
      owner: { userId, email },
      actor: { type: 'customer', id: userId },
      method: 'settings_toggle',
      purposes: [purpose],
      forumChoice,
    }),
  )
}

export function giveCustomerConsent({ userId, purpose }: { userId: string; purpose: string }) {
  return recordConsents(db, { subject: { userId }, method: 'settings_toggle', choices: [{ purpose, action: 'given' }] })
}
