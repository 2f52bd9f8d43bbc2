// Requests filed through /requests/new: by customers (their account is their identity) and by people
// without an account, who prove control of an email address with an emailed code first (Art. 12(6)).
// Those people follow their request through a private status link; a question from the DPO is answered
// through a single-use link.
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { createCookie } from '@remix-run/node'
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, type Executor } from '#db/client.server'
import { contactMessages, dataCategories, dataSubjectRequests, feedSubscriptions, forumPosts } from '#db/schema'
import {
  ACTIVE_STATUSES,
  createRequest,
  DSR_TYPE_LABELS,
  lockRequest,
  requestRecipient,
  transitionRequest,
  type Actor,
  type DataSubjectRequest,
  type DsrStatus,
  type DsrType,
} from './dsr.server'
import { forumPostOwnedBy } from './ownership.server'
import { sendEmail } from '../platform/email.server'
import { absoluteUrl, loadEnv } from '../platform/env.server'
import { checkVerificationCode, CODE_TTL_MINUTES, createVerificationCode, type CodeCheck } from '../platform/verification.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { msg } from '~/i18n/translate'

// Pressing "send" twice, or sending the same form again soon after, gives one request.
export const DUPLICATE_WINDOW_MINUTES = 10

export interface RequestForm {
  type: DsrType
  categorySlug: string | null
  details: string
}

// --- Link tokens ---------------------------------------------------------------------------------

// The status link is derived from the request and the portal's secret, so every later email can carry it
// again while the database keeps only its hash: a leaked database alone opens nobody's request.
function accessTokenOf(request: Pick<DataSubjectRequest, 'id' | 'identityVerifiedAt'>) {
  const key = createHmac('sha256', loadEnv().SESSION_SECRET).update('link-key:dsr-status').digest()
  return createHmac('sha256', key).update(`${request.id}:${request.identityVerifiedAt!.getTime()}`).digest('base64url')
}

// The clarification link is used once, so it is simply random.
function newClarificationToken() {
  const token = randomBytes(24).toString('base64url')
  return { token, hash: hashLinkToken(token) }
}

function hashLinkToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

const ACCESS_TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/
const CLARIFICATION_TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/

export function statusPath(token: string) {
  return `/requests/status/${token}`
}

export function clarificationPath(token: string) {
  return `/requests/status/clarify/${token}`
}

/** The page a person follows their request on: /requests/$id for customers, else their private status link. */
export function statusUrlOf(request: Pick<DataSubjectRequest, 'id' | 'userId' | 'identityVerifiedAt'>) {
  if (request.userId) return absoluteUrl(`/requests/${request.id}`)
  return request.identityVerifiedAt ? absoluteUrl(statusPath(accessTokenOf(request))) : absoluteUrl('/requests/new')
}

// --- Filing ------------------------------------------------------------------------------------

async function findDuplicate(
  executor: Executor,
  owner: { userId: string } | { email: string },
  form: RequestForm,
  statuses: readonly DsrStatus[],
  now: Date,
) {
  // serialises two submissions of the same form, so both cannot miss each other
  const key = 'userId' in owner ? `user:${owner.userId}` : `email:${owner.email.toLowerCase()}`
  await executor.execute(sql`select pg_advisory_xact_lock(hashtext(${`dsr-file:${key}:${form.type}`}))`)
  const [existing] = await executor
    .select()
    .from(dataSubjectRequests)
    .where(
      and(
        'userId' in owner ? eq(dataSubjectRequests.userId, owner.userId) : sql`lower(${dataSubjectRequests.email}) = ${owner.email.toLowerCase()}`,
        eq(dataSubjectRequests.type, form.type),
        form.categorySlug ? eq(dataSubjectRequests.categorySlug, form.categorySlug) : isNull(dataSubjectRequests.categorySlug),
        eq(dataSubjectRequests.details, form.details),
        inArray(dataSubjectRequests.status, [...statuses]),
        gt(dataSubjectRequests.receivedAt, new Date(now.getTime() - DUPLICATE_WINDOW_MINUTES * 60_000)),
      ),
    )
    .orderBy(desc(dataSubjectRequests.id))
    .limit(1)
  return existing ?? null
}

export async function sendReceipt(executor: Executor, request: DataSubjectRequest) {
  const recipient = await requestRecipient(executor, request)
  if (!recipient) return
  await sendEmail(executor, {
    ...recipient,
    template: 'request-received',
    props: {
      number: request.number,
      type: request.type,
      receivedAt: request.receivedAt,
      dueAt: request.dueAt,
      statusUrl: statusUrlOf(request),
      privateLink: !request.userId,
    },
  })
}

/** A customer's request: received at once (logging in identified them), with a receipt email in the account's language. */
export async function fileCustomerRequest({ userId, form, language, now = new Date() }: { userId: string; form: RequestForm; language?: Language; now?: Date }) {
  return db.transaction(async (tx) => {
    const duplicate = await findDuplicate(tx, { userId }, form, ACTIVE_STATUSES, now)
    if (duplicate) return { requestId: duplicate.id, duplicate: true }
    const request = await createRequest(tx, {
      userId,
      type: form.type,
      status: 'received',
      subject: DSR_TYPE_LABELS[form.type],
      details: form.details,
      categorySlug: form.categorySlug,
      receivedAt: now,
      language,
      actor: { type: 'customer', id: userId },
    })
    await sendReceipt(tx, request)
    return { requestId: request.id, duplicate: false }
  })
}

async function sendIdentityCode(executor: Executor, request: Pick<DataSubjectRequest, 'type' | 'language'>, email: string) {
  const verification = await createVerificationCode(executor, { userId: null, email, purpose: 'request_identity' })
  await sendEmail(executor, {
    to: email,
    language: request.language,
    template: 'request-identity-code',
    props: {
      code: verification.code,
      expiresInMinutes: CODE_TTL_MINUTES,
      type: request.type,
      verifyUrl: absoluteUrl('/requests/new'),
    },
  })
  return verification.id
}

export type FiledWithoutAccount = { state: 'code_sent'; requestId: number; verificationId: string }

// A request without an account that an emailed code can still open: one waiting for its confirmation,
// or one already confirmed (the code then only leads back to its status page).
function opensWithCode(request: DataSubjectRequest) {
  return !request.userId && Boolean(request.email) && !request.withdrawnAt && (request.status === 'identity_unverified' || Boolean(request.identityVerifiedAt))
}

/**
 * A request from someone without an account: waits as identity_unverified (hidden from the DPO's queue)
 * until the emailed code is entered. The answer looks the same whether or not we hold data under the address,
 * and whether or not the same request was sent (and confirmed) minutes ago: a duplicate is merged into the
 * first request, and its code leads to that request's status page.
 */
export async function fileRequestWithoutAccount({
  email,
  form,
  language = FALLBACK_LANGUAGE,
  now = new Date(),
}: {
  email: string
  form: RequestForm
  /** the page's language: the code, the receipt and every later email about the request are written in it */
  language?: Language
  now?: Date
}): Promise<FiledWithoutAccount> {
  return db.transaction(async (tx) => {
    const duplicate = await findDuplicate(tx, { email }, form, ['identity_unverified', ...ACTIVE_STATUSES], now)
    const request =
      duplicate ??
      (await createRequest(tx, {
        userId: null,
        email,
        type: form.type,
        status: 'identity_unverified',
        subject: DSR_TYPE_LABELS[form.type],
        details: form.details,
        categorySlug: form.categorySlug,
        receivedAt: now,
        language,
        actor: { type: 'data_subject', id: null },
      }))
    // the code goes to the address just typed, which the duplicate search matched case-insensitively
    const verificationId = await sendIdentityCode(tx, request, email)
    return { state: 'code_sent', requestId: request.id, verificationId }
  })
}

/** A new code for a request a code can still open; null when there is none. */
export async function resendRequestCode({ requestId }: { requestId: number }) {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId)
    if (!request || !opensWithCode(request)) return null
    return sendIdentityCode(tx, request, request.email!)
  })
}

export type IdentityConfirmation = { ok: true; accessToken: string } | { ok: false; reason: Extract<CodeCheck, { ok: false }>['reason'] | 'closed' }

/**
 * Checks the code; on success the request enters the DPO's queue and the person gets the receipt with the status
 * link. For a request confirmed before (a merged duplicate) the code proves the address again and opens its status page.
 */
export async function confirmRequestIdentity({
  requestId,
  verificationId,
  code,
  now = new Date(),
}: {
  requestId: number
  verificationId: string
  code: string
  now?: Date
}): Promise<IdentityConfirmation> {
  const check = await checkVerificationCode({ id: verificationId, code, purpose: 'request_identity' })
  if (!check.ok) return { ok: false, reason: check.reason }
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId)
    // the code was sent for this request's address; anything else is a mixed-up or forged pairing
    if (!request || !opensWithCode(request) || request.email?.toLowerCase() !== check.email.toLowerCase()) {
      return { ok: false, reason: 'closed' } as const
    }
    if (request.identityVerifiedAt) return { ok: true, accessToken: accessTokenOf(request) } as const
    const verified = { ...request, status: 'received' as const, identityVerifiedAt: now }
    const token = accessTokenOf(verified)
    await tx
      .update(dataSubjectRequests)
      .set({ identityVerifiedAt: now, accessTokenHash: hashLinkToken(token), updatedAt: now })
      .where(eq(dataSubjectRequests.id, request.id))
    await transitionRequest(tx, { requestId: request.id, to: 'received', actor: { type: 'data_subject', id: null }, kind: 'identity_verified' })
    await sendReceipt(tx, verified)
    return { ok: true, accessToken: token } as const
  })
}

// --- Following a request without an account ----------------------------------------------------

/** The request a status link opens, or null for anything that is not a live link. */
export async function getRequestByAccessToken(token: string | undefined) {
  if (!token || !ACCESS_TOKEN_SHAPE.test(token)) return null
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.accessTokenHash, hashLinkToken(token)))
  return request ?? null
}

/** What is held under a confirmed address, for the person's own status page once an access request is answered. */
export async function listCommunityDataOf({ email }: { email: string }) {
  const lowered = email.toLowerCase()
  const [messages, posts, subscriptions] = await Promise.all([
    db
      .select({ id: contactMessages.id, name: contactMessages.name, message: contactMessages.message, createdAt: contactMessages.createdAt, answeredAt: contactMessages.answeredAt })
      .from(contactMessages)
      .where(sql`lower(${contactMessages.email}) = ${lowered}`)
      .orderBy(desc(contactMessages.createdAt)),
    db
      .select({ id: forumPosts.id, authorName: forumPosts.authorName, title: forumPosts.title, body: forumPosts.body, createdAt: forumPosts.createdAt })
      .from(forumPosts)
      .where(forumPostOwnedBy({ email: lowered }))
      .orderBy(desc(forumPosts.createdAt)),
    db
      .select({ id: feedSubscriptions.id, topic: feedSubscriptions.topic, createdAt: feedSubscriptions.createdAt, confirmedAt: feedSubscriptions.confirmedAt })
      .from(feedSubscriptions)
      .where(sql`lower(${feedSubscriptions.email}) = ${lowered}`)
      .orderBy(desc(feedSubscriptions.createdAt)),
  ])
  return { contactMessages: messages, forumPosts: posts, feedSubscriptions: subscriptions }
}

// --- Clarification -----------------------------------------------------------------------------

/** Asks the person a question, in the caller's transaction; returns the single-use answer link. */
export async function issueClarificationLink(executor: Executor, { requestId, question, now }: { requestId: number; question: string; now: Date }) {
  const { token, hash } = newClarificationToken()
  await executor
    .update(dataSubjectRequests)
    .set({ clarificationRequestedAt: now, clarificationQuestion: question, clarificationTokenHash: hash, clarificationAnsweredAt: null, updatedAt: now })
    .where(eq(dataSubjectRequests.id, requestId))
  return absoluteUrl(clarificationPath(token))
}

export async function getRequestByClarificationToken(token: string | undefined) {
  if (!token || !CLARIFICATION_TOKEN_SHAPE.test(token)) return null
  const [request] = await db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.clarificationTokenHash, hashLinkToken(token)), eq(dataSubjectRequests.status, 'awaiting_clarification')))
  return request ?? null
}

export type ClarificationAnswer = { ok: true; request: DataSubjectRequest } | { ok: false; message: string }

/** Records the answer and hands the request back to the DPO; the link stops working. The due date does not move. */
export async function answerClarification({ token, answer, now = new Date() }: { token: string; answer: string; now?: Date }): Promise<ClarificationAnswer> {
  const found = await getRequestByClarificationToken(token)
  if (!found) return { ok: false, message: msg('requests:clarify.invalid') }
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, found.id)
    if (!request || request.status !== 'awaiting_clarification' || request.clarificationTokenHash !== hashLinkToken(token)) {
      return { ok: false, message: msg('requests:clarify.invalid') } as const
    }
    await tx
      .update(dataSubjectRequests)
      .set({ clarificationAnsweredAt: now, clarificationTokenHash: null, updatedAt: now })
      .where(eq(dataSubjectRequests.id, request.id))
    const actor: Actor = request.userId ? { type: 'customer', id: request.userId } : { type: 'data_subject', id: null }
    await transitionRequest(tx, { requestId: request.id, to: 'in_progress', actor, kind: 'clarification_answered', note: answer })
    return { ok: true, request } as const
  })
}

// The answer spends the link, so the page it leads back to can no longer find the request by it. This
// short-lived note, bound to that link, lets the page say once that the answer arrived instead of a 404.
function clarificationAnsweredCookie() {
  return createCookie('__Host-clarified', { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 10 * 60, secrets: [loadEnv().SESSION_SECRET] })
}

const AnsweredNote = z.object({ link: z.string(), number: z.string(), statusUrl: z.string() })

/** The Set-Cookie header that remembers, for the page after the answer, which request was answered. */
export function rememberClarificationAnswer({ token, request }: { token: string; request: DataSubjectRequest }) {
  return clarificationAnsweredCookie().serialize({ link: hashLinkToken(token), number: request.number, statusUrl: statusUrlOf(request) })
}

/** The note left by the answer given through this link in this browser, and the header that forgets it. */
export async function takeClarificationAnswer({ token, cookieHeader }: { token: string | undefined; cookieHeader: string | null }) {
  const cookie = clarificationAnsweredCookie()
  const parsed = AnsweredNote.safeParse(await cookie.parse(cookieHeader))
  if (!token || !parsed.success || parsed.data.link !== hashLinkToken(token)) return null
  return { number: parsed.data.number, statusUrl: parsed.data.statusUrl, setCookie: await cookie.serialize('', { maxAge: 0 }) }
}

// --- The form's choices --------------------------------------------------------------------------

export { FILEABLE_TYPES, TYPES_NEEDING_DETAILS } from './request-form'

// People without an account can have left data only in these categories (erasure.server.ts COMMUNITY_CATEGORIES).
const WITHOUT_ACCOUNT_CATEGORIES = ['contact_messages', 'forum_posts', 'feed_subscriptions']

/** The data categories a request can be about, from the registry. */
export async function listRequestCategories({ withAccount }: { withAccount: boolean }) {
  const rows = await db.select({ slug: dataCategories.slug, name: dataCategories.name }).from(dataCategories).orderBy(dataCategories.sortOrder, dataCategories.id)
  return withAccount ? rows : rows.filter((r) => WITHOUT_ACCOUNT_CATEGORIES.includes(r.slug))
}

/** The request a verification cookie points at, while a code can still open it. */
export async function getPendingRequest({ requestId }: { requestId: number }) {
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId))
  return request && opensWithCode(request) ? { id: request.id, type: request.type, email: request.email } : null
}

/** The guard of the status page: the request its link opens, or 404 for anything else (nothing said about why). */
export async function requireRequestByAccessToken(token: string | undefined) {
  const request = await getRequestByAccessToken(token)
  if (!request) throw new Response('This link does not open any request. Check that you copied all of it.', { status: 404 })
  return request
}
