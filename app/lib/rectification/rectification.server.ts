// Rectification (Art. 16) and the restriction it brings while disputed (Art. 18(1)(a)), supplementary
// statements, and notices to recipients (Art. 19). Every correction is a rectification request with its
// events; the archive trigger keeps the original values (app/lib/archive.server.ts).
import type { RequestEventKind } from '../domain/request-events'
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { z } from 'zod'
import { db, type Executor, type Transaction } from '#db/client.server'
import {
  affiliatePartners,
  archivedChanges,
  contactMessages,
  dataCategories,
  dataSubjectRequests,
  dsrEvents,
  emailVerifications,
  feedSubscriptions,
  forumPosts,
  payments,
  recipientNotifications,
  recipients,
  referrals,
  restrictions,
  supplementaryStatements,
  trafficUsage,
  users,
  userSettings,
  vpnSessions,
} from '#db/schema'
import { withChangeContext } from '../requests/archive.server'
import { NOTICE_CHANNELS, NOTICE_SUBJECTS } from './recipient-notice-words.server'
import { formatDateTime } from '../domain/format'
import { forumDisplayName, singleLine, username as usernameSchema } from '../domain/validation/form'
import { endAllSessionsOfUser } from '../platform/auth.server'
import { createRequest, OPEN_STATUSES, recordCompletedRequest, recordEvent, setDenialReason, transitionRequest, type Actor } from '../requests/dsr.server'
import { sendReceipt } from '../requests/dsr-public.server'
import { sendEmail, type PropsOf } from '../platform/email.server'
import { absoluteUrl } from '../platform/env.server'
import { categoryNameOf, getRegistryContacts } from '../registry/registry.server'
import { CORRECTION_CATEGORIES, type CorrectionCategory } from '../requests/personal-data-tables'
import { forumPostOwnedBy } from '../requests/ownership.server'
import { liftRestriction, restrict } from '../requests/restriction.server'
import { signToken, verifyToken } from '../platform/tokens.server'
import { redirectWithToast } from '../platform/toast.server'
import { checkVerificationCode, CODE_TTL_MINUTES, createVerificationCode } from '../platform/verification.server'
import { AUTHORITATIVE_LANGUAGE, type Language } from '~/i18n/config'
import { keyParam, msg } from '~/i18n/translate'
import { parseRowId } from '../domain/ids'

export type CorrectionResult = { ok: true; requestNumber: string; requestId: number } | { ok: false; field: string; message: string }

// Thrown inside a correction's transaction to roll it back and answer next to a field.
class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

// drizzle wraps the driver's error: the SQLSTATE is on the error or on its cause
function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, cause } = error as { code?: string; cause?: unknown }
  return code === '23505' || isUniqueViolation(cause)
}

const customer = (userId: string): Actor => ({ type: 'customer', id: userId })

/**
 * A self-service correction: a rectification request that is completed at once, with the archive trigger
 * told who changed what and why. `apply` throws FieldError to refuse; then nothing is written at all.
 */
async function correctAsCustomer(
  userId: string,
  meta: { categorySlug: string; subject: string; action: RequestEventKind },
  apply: (tx: Transaction, request: { id: number; number: string }) => Promise<Record<string, unknown> | void>,
): Promise<CorrectionResult> {
  const actor = customer(userId)
  try {
    const request = await db.transaction(async (tx) => {
      const request = await createRequest(tx, { userId, type: 'rectification', status: 'in_progress', subject: meta.subject, categorySlug: meta.categorySlug, actor })
      await withChangeContext(tx, { actor, reason: `Rectification ${request.number}: ${meta.subject}` })
      const data = await apply(tx, request)
      await recordEvent(tx, { requestId: request.id, kind: meta.action, actor, data: data ?? null })
      await transitionRequest(tx, { requestId: request.id, to: 'completed', actor })
      return request
    })
    return { ok: true, requestNumber: request.number, requestId: request.id }
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, field: error.field, message: error.message }
    throw error
  }
}

// --- Account: username and email ------------------------------------------------------------------

// Field messages are keys, put into words in the reader's language next to the field.
const EMAIL_CODE_MESSAGES = {
  wrong: msg('mydata:errors.code.wrong'),
  expired: msg('mydata:errors.code.expired'),
  exhausted: msg('mydata:errors.code.exhausted'),
} as const

const USERNAME_TAKEN = msg('mydata:errors.username.taken')

export async function changeUsername({ userId, username }: { userId: string; username: string }): Promise<CorrectionResult> {
  return correctAsCustomer(userId, { categorySlug: 'account', subject: 'Username corrected', action: 'username_changed' }, async (tx) => {
    const [current] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId))
    if (!current) throw new FieldError('username', msg('mydata:errors.accountNotFound'))
    if (current.username === username) throw new FieldError('username', msg('mydata:errors.username.same'))
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(sql`lower(${users.username}) = ${username.toLowerCase()}`, sql`${users.id} <> ${userId}`))
    if (taken) throw new FieldError('username', USERNAME_TAKEN)
    try {
      // a savepoint, so that losing the race on the unique index leaves the transaction usable for the answer
      await tx.transaction((sp) => sp.update(users).set({ username, updatedAt: new Date() }).where(eq(users.id, userId)))
    } catch (error) {
      if (isUniqueViolation(error)) throw new FieldError('username', USERNAME_TAKEN)
      throw error
    }
    return { field: 'username' }
  })
}

export function maskEmail(email: string) {
  const [local, domain] = email.split('@')
  return `${local.slice(0, 1)}•••@${domain}`
}

/**
 * Step 1 of an email change: a code goes to the NEW address; nothing changes until it is entered. A new
 * address that belongs to another account gets the code too, so the screen never reveals that it is taken;
 * the confirmation then fails for the one person who can read that mailbox (docs/decisions/041).
 */
export async function startEmailChange({ userId, newEmail }: { userId: string; newEmail: string }) {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ username: users.username, email: users.email, language: users.language }).from(users).where(eq(users.id, userId))
    if (!user) throw new Error('No such account')
    if (user.email.toLowerCase() === newEmail.toLowerCase()) return { ok: false, field: 'email', message: msg('mydata:errors.email.same') } as const
    const verification = await createVerificationCode(tx, { userId, email: newEmail, purpose: 'email_change' })
    await sendEmail(tx, {
      to: newEmail,
      userId,
      language: user.language,
      template: 'email-change-code',
      props: { username: user.username, code: verification.code, expiresInMinutes: CODE_TTL_MINUTES, confirmUrl: absoluteUrl(`/my-data/edit/email?pending=${verification.id}`) },
    })
    return { ok: true, verificationId: verification.id } as const
  })
}

/** The pending email change of this account with this id, if any: the new address only, never the code. */
export async function getPendingEmailChange({ userId, verificationId }: { userId: string; verificationId: string }) {
  const [row] = await db
    .select({ email: emailVerifications.email, expiresAt: emailVerifications.expiresAt })
    .from(emailVerifications)
    .where(
      and(
        eq(emailVerifications.id, verificationId),
        eq(emailVerifications.userId, userId),
        eq(emailVerifications.purpose, 'email_change'),
        isNull(emailVerifications.consumedAt),
      ),
    )
  return row && row.expiresAt.getTime() > Date.now() ? row : null
}

const REPORT_LINK_DAYS = 30
const EMAIL_NOT_USABLE = msg('mydata:errors.email.notUsable')

/** Step 2: the code from the new mailbox. The old address gets a notice with a "this was not me" link. */
export async function confirmEmailChange({ userId, verificationId, code }: { userId: string; verificationId: string; code: string }): Promise<CorrectionResult> {
  // scoped to the account first, so a code of someone else's pending change is never even tried
  if (!(await getPendingEmailChange({ userId, verificationId }))) {
    return { ok: false, field: 'code', message: EMAIL_CODE_MESSAGES.expired }
  }
  const check = await checkVerificationCode({ id: verificationId, code, purpose: 'email_change' })
  if (!check.ok) return { ok: false, field: 'code', message: EMAIL_CODE_MESSAGES[check.reason] }
  const newEmail = check.email
  return correctAsCustomer(userId, { categorySlug: 'account', subject: 'Email address corrected', action: 'email_changed' }, async (tx, request) => {
    const [user] = await tx.select({ username: users.username, email: users.email, language: users.language }).from(users).where(eq(users.id, userId)).for('update')
    const oldEmail = user.email
    // checked first so that the usual case never reaches the unique index (whose error PostgreSQL logs with the value)
    const [taken] = await tx.select({ id: users.id }).from(users).where(and(sql`lower(${users.email}) = ${newEmail.toLowerCase()}`, sql`${users.id} <> ${userId}`))
    if (taken) throw new FieldError('code', EMAIL_NOT_USABLE)
    try {
      await tx.transaction((sp) => sp.update(users).set({ email: newEmail, updatedAt: new Date() }).where(eq(users.id, userId)))
    } catch (error) {
      if (isUniqueViolation(error)) throw new FieldError('code', EMAIL_NOT_USABLE)
      throw error
    }
    const changedAt = new Date()
    await sendEmail(tx, {
      to: oldEmail,
      userId,
      language: user.language,
      template: 'email-changed-notice',
      props: {
        username: user.username,
        maskedNewEmail: maskEmail(newEmail),
        changedAt,
        requestNumber: request.number,
        reportUrl: absoluteUrl(
          `/account/email-not-me?token=${signToken({ purpose: 'email-change-report', subject: String(request.id), expiresAt: new Date(changedAt.getTime() + REPORT_LINK_DAYS * 86_400_000) })}`,
        ),
      },
    })
    await notifyRecipientsOfEmailChange(tx, { userId, requestId: request.id, requestNumber: request.number, newEmail })
    return { field: 'email' }
  })
}

export type ReportResult = { ok: true; requestNumber: string; alreadyReported: boolean } | { ok: false; reason: 'invalid' | 'expired' }

/**
 * "This was not me", from the notice to the old address: every session of the account ends and a request
 * goes to the DPO, who restores the account after talking to the person at the old address. The email is not
 * switched back automatically: whoever holds the old mailbox could be the intruder (docs/decisions/041).
 */
export async function reportEmailChangeNotMe({ token }: { token: string | null }): Promise<ReportResult> {
  const check = verifyToken({ purpose: 'email-change-report', token })
  if (!check.ok) return check
  const changeRequestId = Number(check.subject)
  const result = await db.transaction(async (tx) => {
    const [change] = await tx
      .select({ id: dataSubjectRequests.id, number: dataSubjectRequests.number, userId: dataSubjectRequests.userId })
      .from(dataSubjectRequests)
      .where(eq(dataSubjectRequests.id, changeRequestId))
      .for('update')
    if (!change?.userId) return { ok: false, reason: 'invalid' } as const
    const [earlier] = await tx
      .select({ requestId: dsrEvents.requestId })
      .from(dsrEvents)
      .where(and(eq(dsrEvents.kind, 'email_change_reported'), sql`${dsrEvents.data} ->> 'changeRequestId' = ${String(change.id)}`))
    if (earlier) {
      const [report] = await tx.select({ number: dataSubjectRequests.number }).from(dataSubjectRequests).where(eq(dataSubjectRequests.id, earlier.requestId))
      return { ok: true, requestNumber: report.number, alreadyReported: true, userId: change.userId } as const
    }
    // the old address, as the archive kept it when the change was made
    const [archived] = await tx
      .select({ oldEmail: sql<string>`${archivedChanges.oldRow} ->> 'email'` })
      .from(archivedChanges)
      .where(and(eq(archivedChanges.tableName, 'users'), eq(archivedChanges.rowId, change.userId), sql`${archivedChanges.reason} like ${`Rectification ${change.number}:%`}`))
    const actor: Actor = { type: 'data_subject', id: null }
    const report = await createRequest(tx, {
      userId: change.userId,
      email: archived?.oldEmail ?? null,
      type: 'other',
      status: 'received',
      subject: `Email change ${change.number} reported as not made by the account holder`,
      details: 'Reported with the link in the notice sent to the previous email address. All sessions of the account were ended.',
      categorySlug: 'account',
      actor,
    })
    await recordEvent(tx, { requestId: report.id, kind: 'email_change_reported', actor, data: { changeRequestId: String(change.id) } })
    await recordEvent(tx, { requestId: change.id, kind: 'reported_not_made_by_holder', actor, data: { reportNumber: report.number } })
    await recordEvent(tx, { requestId: report.id, kind: 'sessions_ended', actor: { type: 'system', id: null } })
    return { ok: true, requestNumber: report.number, alreadyReported: false, userId: change.userId } as const
  })
  if (!result.ok) return result
  await endAllSessionsOfUser(result.userId)
  return { ok: true, requestNumber: result.requestNumber, alreadyReported: result.alreadyReported }
}

// --- Recipients (Art. 19) -----------------------------------------------------------------------------

// A recipient reads its notices in the language the registry gives it: German, the controller's, unless the
// DPO chose English (decision 095). The record the person sees keeps what the notice was about and how it went
// as codes, worded in the reader's language when shown (recipient-notice-words.server.ts, decision 099).
type RecipientNoticeChange = PropsOf<'recipient-notice'>['change']

async function notifyRecipient(
  tx: Transaction,
  input: { userId: string; requestId: number; requestNumber: string; recipientId: number; recipientName: string; change: RecipientNoticeChange; newEmail?: string; address: string | null },
) {
  const dpo = (await getRegistryContacts(AUTHORITATIVE_LANGUAGE, tx)).dpo
  const to = input.address ?? dpo.email
  const [recipient] = await tx.select({ language: recipients.noticeLanguage }).from(recipients).where(eq(recipients.id, input.recipientId))
  await sendEmail(tx, {
    to,
    userId: input.userId,
    language: recipient?.language ?? AUTHORITATIVE_LANGUAGE,
    template: 'recipient-notice',
    props: {
      recipientName: input.recipientName,
      change: input.change,
      customerReference: customerReference(input.userId),
      newEmail: input.newEmail ?? null,
      requestNumber: input.requestNumber,
      forwardTo: input.address ? null : input.recipientName,
    },
  })
  await tx.insert(recipientNotifications).values({
    requestId: input.requestId,
    userId: input.userId,
    recipientId: input.recipientId,
    kind: 'rectification',
    subject: NOTICE_SUBJECTS[input.change],
    about: input.change,
    ...(input.address
      ? { channel: NOTICE_CHANNELS.email_to_recipient(input.recipientName), channelCode: 'email_to_recipient' as const, addressee: input.recipientName }
      : { channel: NOTICE_CHANNELS.email_via_dpo(''), channelCode: 'email_via_dpo' as const }),
  })
}

const customerReference = (userId: string) => userId.slice(0, 8)

// Who received the email address: the payment providers the customer paid through, and the affiliate partner
// who referred them.
async function notifyRecipientsOfEmailChange(tx: Transaction, input: { userId: string; requestId: number; requestNumber: string; newEmail: string }) {
  const providers = await tx
    .selectDistinct({ id: recipients.id, name: recipients.name })
    .from(payments)
    .innerJoin(recipients, eq(recipients.id, payments.providerId))
    .where(eq(payments.userId, input.userId))
    .orderBy(recipients.name)
  for (const provider of providers) {
    await notifyRecipient(tx, { ...input, recipientId: provider.id, recipientName: provider.name, change: 'email', address: null })
  }
  const [partner] = await tx
    .select({ name: affiliatePartners.name, contactEmail: affiliatePartners.contactEmail, recipientId: recipients.id })
    .from(referrals)
    .innerJoin(affiliatePartners, eq(affiliatePartners.id, referrals.affiliatePartnerId))
    .innerJoin(recipients, eq(recipients.slug, 'affiliate_partners'))
    .where(eq(referrals.userId, input.userId))
  if (partner) {
    await notifyRecipient(tx, { ...input, recipientId: partner.recipientId, recipientName: partner.name, change: 'email', address: partner.contactEmail })
  }
}

// Forum readers are the public: the correction reaches them by being published, which is recorded as the notice.
async function recordPublicCorrection(tx: Transaction, input: { userId: string; requestId: number; about: 'forum_name' | 'forum_post' }) {
  const [forum] = await tx.select({ id: recipients.id }).from(recipients).where(eq(recipients.slug, 'forum_public'))
  if (!forum) return
  await tx.insert(recipientNotifications).values({
    requestId: input.requestId,
    userId: input.userId,
    recipientId: forum.id,
    kind: 'rectification',
    subject: NOTICE_SUBJECTS[input.about],
    about: input.about,
    channel: NOTICE_CHANNELS.published(''),
    channelCode: 'published',
  })
}

/** The notices sent to recipients about one of the person's requests (shown on the request's page). */
export function listRecipientNotifications({ requestId, userId }: { requestId: number; userId: string }) {
  return db
    .select({
      id: recipientNotifications.id,
      recipient: recipients.name,
      recipientDe: recipients.nameDe,
      kind: recipientNotifications.kind,
      subject: recipientNotifications.subject,
      channel: recipientNotifications.channel,
      about: recipientNotifications.about,
      channelCode: recipientNotifications.channelCode,
      addressee: recipientNotifications.addressee,
      notifiedAt: recipientNotifications.notifiedAt,
    })
    .from(recipientNotifications)
    .innerJoin(recipients, eq(recipients.id, recipientNotifications.recipientId))
    .where(and(eq(recipientNotifications.requestId, requestId), eq(recipientNotifications.userId, userId)))
    .orderBy(asc(recipientNotifications.notifiedAt), asc(recipientNotifications.id))
}

// --- Configuration settings -----------------------------------------------------------------------

// The settings the apps understand, with the values each accepts.
export const SETTING_CHOICES: Record<string, { label: string; options: readonly string[] }> = {
  protocol: { label: 'VPN protocol', options: ['wireguard', 'openvpn-udp', 'openvpn-tcp', 'ipsec'] },
  kill_switch: { label: 'Kill switch', options: ['on', 'off'] },
  dns: { label: 'DNS servers', options: ['perfect-privacy', 'system'] },
  port_forwarding: { label: 'Port forwarding', options: ['on', 'off'] },
  ipv6_leak_protection: { label: 'IPv6 leak protection', options: ['on', 'off'] },
}

export function listSettings({ userId }: { userId: string }) {
  return db.select().from(userSettings).where(eq(userSettings.userId, userId)).orderBy(asc(userSettings.key))
}

/** Changes the settings that differ; only keys the customer already has or the apps know. */
export async function changeSettings({ userId, values }: { userId: string; values: Record<string, string> }): Promise<CorrectionResult> {
  return correctAsCustomer(userId, { categorySlug: 'settings', subject: 'Configuration settings corrected', action: 'settings_changed' }, async (tx) => {
    const current = await tx.select().from(userSettings).where(eq(userSettings.userId, userId))
    const changed: string[] = []
    for (const [key, value] of Object.entries(values)) {
      const choice = SETTING_CHOICES[key]
      if (choice && !choice.options.includes(value)) throw new FieldError(`setting_${key}`, msg('mydata:errors.settings.choose', { options: choice.options.join(', ') }))
      const existing = current.find((s) => s.key === key)
      if (!existing && !choice) throw new FieldError('form', msg('mydata:errors.settings.unknown'))
      if (existing?.value === value) continue
      changed.push(key)
      await tx
        .insert(userSettings)
        .values({ userId, key, value, updatedAt: new Date() })
        .onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value, updatedAt: new Date() } })
    }
    if (changed.length === 0) throw new FieldError('form', msg('mydata:errors.settings.unchanged'))
    return { settings: changed }
  })
}

/**
 * The language the account's emails are written in, changed with the language switch while logged in
 * (decision 015). Not a correction, so no request; the archive keeps the previous value like any change.
 */
export async function setAccountLanguage({ userId, language }: { userId: string; language: Language }) {
  await db.transaction(async (tx) => {
    await withChangeContext(tx, { actor: customer(userId), reason: 'Language chosen with the language switch' })
    await tx
      .update(users)
      .set({ language, updatedAt: new Date() })
      .where(and(eq(users.id, userId), sql`${users.language} <> ${language}`))
  })
}

// --- Forum and contact form -----------------------------------------------------------------------

export async function getForumDisplayName({ userId }: { userId: string }) {
  const [row] = await db
    .select({ name: forumPosts.authorName, count: sql<number>`count(*)::int` })
    .from(forumPosts)
    .where(forumPostOwnedBy({ userId }))
    .groupBy(forumPosts.authorName)
    .orderBy(desc(sql`count(*)`))
    .limit(1)
  return row ?? null
}

/** The display name on every post and comment of this customer. */
export async function changeForumDisplayName({ userId, name }: { userId: string; name: string }): Promise<CorrectionResult> {
  return correctAsCustomer(userId, { categorySlug: 'forum_posts', subject: 'Forum display name corrected', action: 'forum_name_changed' }, async (tx, request) => {
    const updated = await tx
      .update(forumPosts)
      .set({ authorName: name, updatedAt: new Date() })
      .where(and(forumPostOwnedBy({ userId }), sql`${forumPosts.authorName} <> ${name}`))
      .returning({ id: forumPosts.id })
    if (updated.length === 0) throw new FieldError('name', msg('mydata:errors.forumName.same'))
    await recordPublicCorrection(tx, { userId, requestId: request.id, about: 'forum_name' })
    return { posts: updated.length }
  })
}

export async function getOwnForumPost({ userId, postId }: { userId: string; postId: number }) {
  const [post] = await db.select().from(forumPosts).where(and(eq(forumPosts.id, postId), forumPostOwnedBy({ userId })))
  return post ?? null
}

export async function editForumPost({ userId, postId, title, body }: { userId: string; postId: number; title: string | null; body: string }): Promise<CorrectionResult> {
  return correctAsCustomer(userId, { categorySlug: 'forum_posts', subject: 'Forum post corrected', action: 'forum_post_edited' }, async (tx, request) => {
    const [post] = await tx.select().from(forumPosts).where(and(eq(forumPosts.id, postId), forumPostOwnedBy({ userId }))).for('update')
    if (!post) throw new FieldError('form', msg('mydata:errors.postNotFound'))
    // comments have no title
    const newTitle = post.parentId === null ? title : null
    if (post.body === body && post.title === newTitle) throw new FieldError('body', msg('mydata:errors.unchanged'))
    await tx.update(forumPosts).set({ title: newTitle, body, updatedAt: new Date() }).where(eq(forumPosts.id, postId))
    await recordPublicCorrection(tx, { userId, requestId: request.id, about: 'forum_post' })
    return { postId: String(postId) }
  })
}

export async function getOwnContactMessage({ userId, messageId }: { userId: string; messageId: number }) {
  const [message] = await db.select().from(contactMessages).where(and(eq(contactMessages.id, messageId), eq(contactMessages.userId, userId)))
  return message ?? null
}

export async function editContactDetails({ userId, messageId, name, email }: { userId: string; messageId: number; name: string; email: string }): Promise<CorrectionResult> {
  return correctAsCustomer(userId, { categorySlug: 'contact_messages', subject: 'Contact details corrected', action: 'contact_details_changed' }, async (tx) => {
    const [message] = await tx.select().from(contactMessages).where(and(eq(contactMessages.id, messageId), eq(contactMessages.userId, userId))).for('update')
    if (!message) throw new FieldError('form', msg('mydata:errors.messageNotFound'))
    if (message.name === name && message.email === email) throw new FieldError('name', msg('mydata:errors.unchanged'))
    await tx.update(contactMessages).set({ name, email }).where(eq(contactMessages.id, messageId))
    return { messageId: String(messageId) }
  })
}

// --- Correction requests for data the customer cannot edit (restricted until the DPO decides) -----------

export { CORRECTION_CATEGORIES, type CorrectionCategory } from '../requests/personal-data-tables'

// Categories whose records are one row each: a correction or statement may name the row.
async function ownsRow(executor: Executor, { userId, categorySlug, rowId }: { userId: string; categorySlug: string; rowId: string }) {
  const id = parseRowId(rowId)
  const found = async (rows: Promise<unknown[]>) => (await rows).length > 0
  switch (categorySlug) {
    case 'payments':
      return id !== null && found(executor.select({ id: payments.id }).from(payments).where(and(eq(payments.id, id), eq(payments.userId, userId))))
    case 'vpn_sessions':
      return id !== null && found(executor.select({ id: vpnSessions.id }).from(vpnSessions).where(and(eq(vpnSessions.id, id), eq(vpnSessions.userId, userId))))
    case 'contact_messages':
      return id !== null && found(executor.select({ id: contactMessages.id }).from(contactMessages).where(and(eq(contactMessages.id, id), eq(contactMessages.userId, userId))))
    case 'forum_posts':
      return id !== null && found(executor.select({ id: forumPosts.id }).from(forumPosts).where(and(eq(forumPosts.id, id), forumPostOwnedBy({ userId }))))
    case 'feed_subscriptions':
      return id !== null && found(executor.select({ id: feedSubscriptions.id }).from(feedSubscriptions).where(and(eq(feedSubscriptions.id, id), eq(feedSubscriptions.userId, userId))))
    case 'settings':
      return found(executor.select({ key: userSettings.key }).from(userSettings).where(and(eq(userSettings.userId, userId), eq(userSettings.key, rowId))))
    default:
      return false
  }
}

const categoryName = (executor: Executor, slug: string, language?: Language) => categoryNameOf(slug, language, executor)

export async function getCategoryName({ categorySlug, language }: { categorySlug: string; language?: Language }) {
  return categoryName(db, categorySlug, language)
}

/** A rectification request for the DPO; the data concerned is restricted until it is decided. */
export async function requestCorrection({
  userId,
  categorySlug,
  rowId,
  details,
}: {
  userId: string
  categorySlug: CorrectionCategory
  rowId: string | null
  details: string
}): Promise<CorrectionResult> {
  const actor = customer(userId)
  if (rowId && !(await ownsRow(db, { userId, categorySlug, rowId }))) return { ok: false, field: 'row', message: msg('mydata:errors.recordNotFound') }
  const name = (await categoryName(db, categorySlug)) ?? categorySlug
  const request = await db.transaction(async (tx) => {
    const request = await createRequest(tx, {
      userId,
      type: 'rectification',
      status: 'received',
      subject: rowId ? `Correction of a record in ${name}` : `Correction of ${name}`,
      details,
      categorySlug,
      actor,
    })
    // the DPO answers this one: the customer gets the receipt with the number and the deadline
    await sendReceipt(tx, request)
    const restriction = await restrict(tx, { userId, categorySlug, rowId, reason: 'accuracy_contested', requestId: request.id })
    await recordEvent(tx, { requestId: request.id, kind: 'restricted', actor: { type: 'system', id: null }, data: { restrictionId: restriction.id, categorySlug, rowId } })
    return request
  })
  return { ok: true, requestNumber: request.number, requestId: request.id }
}

// --- The DPO's correction (a rectification request carried out from the DPO's page) --------------------

export interface CorrectionField {
  key: string
  label: string
  /** the value as typed into a form; the same rules as the customer's own edit form where there is one */
  schema: z.ZodType<string | number | Date, z.ZodTypeDef, unknown>
}

// Labels and messages are catalogue keys (dpo:correction.*): the DPO reads them in the page's language, the
// customer's email names the field in the customer's language (keyParam).
const fieldKey = (category: string, key: string) => `dpo:correction.field.${category}.${key}`
const whenField = (label: string) => z.coerce.date({ errorMap: () => ({ message: msg('dpo:correction.errors.dateTime', { field: keyParam(label) }) }) })
const wholeNumber = (label: string, max: number) =>
  z.coerce
    .number({ errorMap: () => ({ message: msg('dpo:correction.errors.wholeNumber', { field: keyParam(label) }) }) })
    .int(msg('dpo:correction.errors.wholeNumber', { field: keyParam(label) }))
    .min(0, msg('dpo:correction.errors.negative', { field: keyParam(label) }))
    .max(max, msg('dpo:correction.errors.tooLarge', { field: keyParam(label) }))

// A setting takes one of the values the apps understand (changeSettings checks the same).
const settingValue = (key: string) =>
  singleLine('a value', 200).refine((v) => SETTING_CHOICES[key].options.includes(v), msg('dpo:correction.errors.settingValue', { options: SETTING_CHOICES[key].options.join(', ') }))

// one entry per field: its key, and its label as a catalogue key
function fields(category: string, list: [string, (label: string) => CorrectionField['schema']][]): CorrectionField[] {
  return list.map(([key, schema]) => ({ key, label: fieldKey(category, key), schema: schema(fieldKey(category, key)) }))
}

const CORRECTION_FIELDS: Record<string, readonly CorrectionField[]> = {
  // as on /my-data/edit/username and /my-data/edit/forum-name
  account: fields('account', [['username', () => usernameSchema]]),
  forum_posts: fields('forum_posts', [['authorName', () => forumDisplayName]]),
  settings: fields('settings', Object.keys(SETTING_CHOICES).map((key) => [key, () => settingValue(key)])),
  // data the customer cannot edit themselves
  payments: fields('payments', [
    ['transactionNumber', () => singleLine('the transaction number', 100)],
    ['paidAt', whenField],
    ['amountCents', (label) => wholeNumber(label, 100_000_000)],
    ['currency', () => z.string().trim().regex(/^[A-Z]{3}$/, msg('dpo:correction.errors.currency'))],
  ]),
  vpn_sessions: fields('vpn_sessions', [
    ['serverId', () => singleLine('the server', 100)],
    ['clientIp', () => z.string().trim().ip({ message: msg('dpo:correction.errors.ip') })],
    ['startedAt', whenField],
    ['endedAt', whenField],
  ]),
  traffic: fields('traffic', [['bytesUsed', (label) => wholeNumber(label, Number.MAX_SAFE_INTEGER)]]),
  affiliate: fields('affiliate', [
    ['affiliatePartnerId', (label) => wholeNumber(label, 2_147_483_647)],
    ['referredAt', whenField],
  ]),
}

/** The fields of a category the DPO can correct, for the completion form. */
export function correctionFieldsOf(categorySlug: string | null): { key: string; label: string }[] {
  return (categorySlug ? (CORRECTION_FIELDS[categorySlug] ?? []) : []).map(({ key, label }) => ({ key, label }))
}

export type CheckedCorrection =
  | {
      ok: true
      values: Record<string, string | number | Date>
      label: string
      /** the corrected value as its reader reads it: a date and time in their language */
      shown: (language: Language) => string
    }
  | { ok: false; field: 'correctionField' | 'correctedValue'; message: string }

/** Checks one typed value for one field before anything is written (the form shows the message next to the field). */
export function checkDpoCorrection(categorySlug: string | null, { field, value }: { field: string; value: string }): CheckedCorrection {
  const spec = (categorySlug ? CORRECTION_FIELDS[categorySlug] : undefined)?.find((f) => f.key === field)
  if (!spec) return { ok: false, field: 'correctionField', message: msg('dpo:correction.errors.chooseField') }
  const parsed = spec.schema.safeParse(value)
  if (!parsed.success) return { ok: false, field: 'correctedValue', message: parsed.error.issues[0].message }
  const corrected: unknown = parsed.data
  return {
    ok: true,
    values: { [field]: parsed.data },
    label: keyParam(spec.label),
    shown: (language) => (corrected instanceof Date ? formatDateTime(corrected, language) : String(corrected)),
  }
}

const correctionSchema = (categorySlug: CorrectionCategory) =>
  z.object(Object.fromEntries(CORRECTION_FIELDS[categorySlug].map((f) => [f.key, f.schema.optional()]))).strict()

export interface RectificationDecision {
  requestId: number
  actorId: string
  outcome: 'corrected' | 'rejected'
  note: string
  /** the DPO's correction: the row (when the request named none) and the new values, as typed or already parsed */
  correction?: { rowId?: string | null; values: Record<string, unknown> }
}

// Where the DPO's correction is written; the archive trigger keeps the old values under the DPO's name.
async function applyDpoCorrection(
  tx: Transaction,
  { userId, categorySlug, rowId, values, requestId }: { userId: string; categorySlug: string; rowId: string | null; values: Record<string, unknown>; requestId: number },
) {
  const id = parseRowId(rowId)
  switch (categorySlug) {
    case 'account': {
      const { username } = z.object({ username: usernameSchema }).strict().parse(values)
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(sql`lower(${users.username}) = ${username.toLowerCase()}`, sql`${users.id} <> ${userId}`))
      if (taken) throw new FieldError('correctedValue', USERNAME_TAKEN)
      try {
        return await tx.transaction((sp) => sp.update(users).set({ username, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ id: users.id }))
      } catch (error) {
        if (isUniqueViolation(error)) throw new FieldError('correctedValue', USERNAME_TAKEN)
        throw error
      }
    }
    case 'forum_posts': {
      const { authorName } = z.object({ authorName: forumDisplayName }).strict().parse(values)
      const updated = await tx
        .update(forumPosts)
        .set({ authorName, updatedAt: new Date() })
        .where(and(forumPostOwnedBy({ userId }), sql`${forumPosts.authorName} <> ${authorName}`))
        .returning({ id: forumPosts.id })
      if (updated.length > 0) await recordPublicCorrection(tx, { userId, requestId, about: 'forum_name' })
      return updated
    }
    case 'settings': {
      const set = z.object(Object.fromEntries(CORRECTION_FIELDS.settings.map((f) => [f.key, f.schema.optional()]))).strict().parse(values) as Record<string, string>
      const changed = []
      for (const [key, value] of Object.entries(set)) {
        changed.push(
          ...(await tx
            .insert(userSettings)
            .values({ userId, key, value, updatedAt: new Date() })
            .onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value, updatedAt: new Date() } })
            .returning({ key: userSettings.key })),
        )
      }
      return changed
    }
    case 'payments': {
      const set = correctionSchema('payments').parse(values)
      if (id === null) throw new FieldError('correctionRow', msg('dpo:correction.errors.paymentNumber'))
      return tx.update(payments).set(set).where(and(eq(payments.id, id), eq(payments.userId, userId))).returning({ providerId: payments.providerId })
    }
    case 'vpn_sessions': {
      const set = correctionSchema('vpn_sessions').parse(values)
      if (id === null) throw new FieldError('correctionRow', msg('dpo:correction.errors.sessionNumber'))
      return tx.update(vpnSessions).set(set).where(and(eq(vpnSessions.id, id), eq(vpnSessions.userId, userId))).returning({ id: vpnSessions.id })
    }
    case 'traffic': {
      const set = correctionSchema('traffic').parse(values)
      return tx.update(trafficUsage).set({ ...set, updatedAt: new Date() }).where(eq(trafficUsage.userId, userId)).returning({ userId: trafficUsage.userId })
    }
    case 'affiliate': {
      const set = correctionSchema('affiliate').parse(values)
      return tx.update(referrals).set(set).where(eq(referrals.userId, userId)).returning({ userId: referrals.userId })
    }
    default:
      throw new Error(`No DPO correction for category ${categorySlug}`)
  }
}

export type RectificationOutcome = { ok: true; requestNumber: string; restrictionsLifted: number; fields: string[] } | { ok: false; field: string; message: string }

/**
 * The DPO's decision on a rectification request: apply the correction (archived by the trigger as the DPO's
 * change, notified to the recipients, Art. 19) or reject it with reasons; either way the restriction ends.
 * `afterwards` runs in the same transaction (e.g. the email to the person). A value the data cannot take
 * (a username someone else has, a record that is not the customer's) changes nothing and is answered next
 * to its field. Throws on a request that is not an open rectification request, so a decision is never
 * taken twice.
 */
export async function decideRectification({
  requestId,
  actorId,
  outcome,
  note,
  correction,
  afterwards,
}: RectificationDecision & { afterwards?: (tx: Transaction, decided: { restrictionsLifted: number; fields: string[] }) => Promise<void> }): Promise<RectificationOutcome> {
  const actor: Actor = { type: 'dpo', id: actorId }
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId)).for('update')
      if (!request || request.type !== 'rectification' || !OPEN_STATUSES.includes(request.status) || !request.userId) {
        throw new Error(`Request ${requestId} is not an open rectification request`)
      }
      const userId = request.userId
      await withChangeContext(tx, { actor, reason: `Rectification ${request.number}: ${outcome} by the data protection officer` })
      let fields: string[] = []
      if (outcome === 'corrected' && correction && Object.keys(correction.values).length > 0) {
        const categorySlug = request.categorySlug ?? ''
        if (!CORRECTION_FIELDS[categorySlug]) throw new Error(`No DPO correction for category ${request.categorySlug}`)
        const [restricted] = await tx.select({ rowId: restrictions.rowId }).from(restrictions).where(eq(restrictions.requestId, requestId)).limit(1)
        const rowId = correction.rowId ?? restricted?.rowId ?? null
        if (rowId && !(await ownsRow(tx, { userId, categorySlug, rowId }))) throw new FieldError('correctionRow', msg('dpo:correction.errors.noSuchRecord'))
        const updated = await applyDpoCorrection(tx, { userId, categorySlug, rowId, values: correction.values, requestId })
        if (updated.length === 0) throw new FieldError('correctedValue', msg('dpo:correction.errors.unchanged'))
        fields = Object.keys(correction.values)
        if ((CORRECTION_CATEGORIES as readonly string[]).includes(categorySlug)) {
          await notifyRecipientsOfDpoCorrection(tx, { userId, request, categorySlug: categorySlug as CorrectionCategory, updated })
        }
      }
      const lifted = await liftRestriction(tx, { requestId, userId })
      await recordEvent(tx, { requestId, kind: 'rectification_decided', actor, note, data: { outcome, fields, restrictionsLifted: lifted } })
      if (outcome === 'rejected') {
        await setDenialReason(tx, { requestId, reason: note })
        await transitionRequest(tx, { requestId, to: 'denied', actor, note })
      } else {
        await transitionRequest(tx, { requestId, to: 'completed', actor, note })
      }
      await afterwards?.(tx, { restrictionsLifted: lifted, fields })
      return { ok: true, requestNumber: request.number, restrictionsLifted: lifted, fields } as const
    })
  } catch (error) {
    if (error instanceof FieldError) return { ok: false, field: error.field, message: error.message }
    throw error
  }
}

async function notifyRecipientsOfDpoCorrection(
  tx: Transaction,
  { userId, request, categorySlug, updated }: { userId: string; request: { id: number; number: string }; categorySlug: CorrectionCategory; updated: unknown[] },
) {
  const base = { userId, requestId: request.id, requestNumber: request.number }
  if (categorySlug === 'payments') {
    const providerIds = [...new Set((updated as { providerId: number }[]).map((u) => u.providerId))]
    const providers = await tx.select().from(recipients).where(inArray(recipients.id, providerIds))
    for (const p of providers) await notifyRecipient(tx, { ...base, recipientId: p.id, recipientName: p.name, change: 'payment', address: null })
  }
  if (categorySlug === 'affiliate') {
    const [partner] = await tx
      .select({ name: affiliatePartners.name, contactEmail: affiliatePartners.contactEmail, recipientId: recipients.id })
      .from(referrals)
      .innerJoin(affiliatePartners, eq(affiliatePartners.id, referrals.affiliatePartnerId))
      .innerJoin(recipients, eq(recipients.slug, 'affiliate_partners'))
      .where(eq(referrals.userId, userId))
    if (partner) await notifyRecipient(tx, { ...base, recipientId: partner.recipientId, recipientName: partner.name, change: 'referral', address: partner.contactEmail })
  }
}

// --- Supplementary statements (Art. 16) ----------------------------------------------------------------

export async function addStatement({ userId, categorySlug, rowId, statement }: { userId: string; categorySlug: string; rowId: string | null; statement: string }): Promise<CorrectionResult> {
  const name = await categoryName(db, categorySlug)
  if (!name) return { ok: false, field: 'category', message: msg('mydata:errors.statement.category') }
  if (rowId && !(await ownsRow(db, { userId, categorySlug, rowId }))) return { ok: false, field: 'row', message: msg('mydata:errors.recordNotFound') }
  const request = await db.transaction(async (tx) => {
    await withChangeContext(tx, { actor: customer(userId), reason: `Supplementary statement on ${name}` })
    const [row] = await tx.insert(supplementaryStatements).values({ userId, categorySlug, rowId, statement }).returning({ id: supplementaryStatements.id })
    return recordCompletedRequest(tx, {
      userId,
      type: 'rectification',
      subject: `Supplementary statement on ${name}`,
      details: statement,
      categorySlug,
      actor: customer(userId),
      action: 'supplementary_statement_added',
      data: { statementId: row.id, rowId },
    })
  })
  return { ok: true, requestNumber: request.number, requestId: request.id }
}

// --- Forms ------------------------------------------------------------------------------------------

/** Where a finished correction lands: the history, which now shows the previous value, and a toast naming the request. */
export function afterCorrection(result: { requestNumber: string; requestId: number }) {
  return redirectWithToast('/my-data/history', 'mydata:history.corrected', { number: result.requestNumber })
}
