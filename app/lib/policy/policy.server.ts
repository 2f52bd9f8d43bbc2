// Versioned documents (privacy notice, terms, cookie notice): which version is in force when, publishing
// with the notice period the policies promise, and the notice campaign to every active customer.
import { createHash } from 'node:crypto'
import { and, asc, desc, eq, gt, isNull, lte, sql } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import { policyDocuments, policyNotices, policyVersions } from '#db/schema'
import { absoluteUrl } from '../platform/env.server'
import { renderEmail } from '../platform/email.server'
import { formatDateTime } from '../domain/format'
import { fixedT } from '../platform/i18n.server'
import { getPurposes, getRecipients, getRegistrySetting, type PurposeWithDetails } from '../registry/registry.server'
import { RIGHTS } from '../domain/rights'
import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import { msg } from '~/i18n/translate'

export const DOCUMENT_SLUGS = ['privacy', 'terms', 'cookies'] as const
export type DocumentSlug = (typeof DOCUMENT_SLUGS)[number]

export function isDocumentSlug(value: string | undefined): value is DocumentSlug {
  return DOCUMENT_SLUGS.includes(value as DocumentSlug)
}

export type PolicyVersion = typeof policyVersions.$inferSelect

// --- Generating the privacy notice from the registry ------------------------------------------

// Where a category's data comes from, as the notice words it (an explicit list, so the catalogue check sees the keys).
const SOURCE_KEYS: Record<string, string> = {
  data_subject: 'policy:notice.source.data_subject',
  our_systems: 'policy:notice.source.our_systems',
  affiliate: 'policy:notice.source.affiliate',
  payment_provider: 'policy:notice.source.payment_provider',
}

// The rights as the notice states them (app/lib/domain/rights.ts), one line each.
const RIGHT_KEYS: Record<string, string> = {
  information: 'policy:notice.rights.information',
  access: 'policy:notice.rights.access',
  rectification: 'policy:notice.rights.rectification',
  erasure: 'policy:notice.rights.erasure',
  restriction: 'policy:notice.rights.restriction',
  notification: 'policy:notice.rights.notification',
  portability: 'policy:notice.rights.portability',
  objection: 'policy:notice.rights.objection',
  'withdraw-consent': 'policy:notice.rights.withdraw-consent',
  complaint: 'policy:notice.rights.complaint',
  'judicial-remedy': 'policy:notice.rights.judicial-remedy',
}

// One purpose as a paragraph of plain text; also what a consent was given to (re-consent compares these).
function purposeText(p: PurposeWithDetails, t: TFunction) {
  const lines = [
    `### ${p.name}`,
    p.description,
    `- ${t('policy:notice.legalBasis')}: ${p.legalBasis.article}: ${p.legalBasis.description}`,
    `- ${t('policy:notice.howLong')}: ${p.retention.name}. ${p.retention.description}${p.retention.legalReason ? ` (${p.retention.legalReason})` : ''}`,
    `- ${t('policy:notice.whoReceives')}: ${p.recipients.length ? p.recipients.map((r) => r.name).join(', ') : t('policy:notice.nobodyOutside')}`,
    ...p.categories.map((c) => `- ${t('policy:notice.data')}: ${c.name} (${SOURCE_KEYS[c.source] ? t(SOURCE_KEYS[c.source]) : c.source}): ${c.fields.join(', ')}.`),
  ]
  return lines.join('\n')
}

async function privacyNoticeIn(language: Language, executor: Executor) {
  const t = fixedT(language)
  const [purposes, recipients] = await Promise.all([getPurposes({ executor, language }), getRecipients({ executor, language })])
  const text = [
    `## ${t('policy:notice.whatWeProcess')}`,
    ...purposes.map((p) => purposeText(p, t)),
    `## ${t('policy:notice.recipients')}`,
    ...recipients.map((r) => `- ${r.name}: ${r.service}${r.country ? ` (${r.country})` : ''}${r.safeguards ? `. ${r.safeguards}` : ''}`),
    `## ${t('policy:notice.automatedDecisions')}`,
    t('policy:notice.automatedStatement'),
    `## ${t('policy:notice.yourRights')}`,
    t('policy:notice.rightsIntro'),
    ...RIGHTS.map((r) => (RIGHT_KEYS[r.key] ? t(RIGHT_KEYS[r.key]) : `- ${r.name} (${r.article} GDPR): you have the right ${r.description}`)),
  ].join('\n\n')
  const purposeTexts = Object.fromEntries(purposes.filter((p) => p.consentRequired).map((p) => [p.slug, purposeText(p, t)]))
  return { text, purposeTexts }
}

/**
 * The notice's content as versioned text, in German (authoritative) and English: purposes, recipients,
 * rights. The contacts are shown live beside it (they must always be current), so they are not part of
 * the frozen text.
 */
export async function generatePrivacyNotice(executor: Executor = db) {
  const [en, de] = await Promise.all([privacyNoticeIn('en', executor), privacyNoticeIn('de', executor)])
  return { text: en.text, textDe: de.text, purposeTexts: en.purposeTexts, purposeTextsDe: de.purposeTexts }
}

/** What a reader of `language` sees of a version: German where it exists, else the English (older versions). */
export function versionIn(version: Pick<PolicyVersion, 'text' | 'textDe' | 'changeSummary' | 'changeSummaryDe'>, language: Language) {
  const german = language === 'de' && version.textDe.trim() !== ''
  return {
    text: german ? version.textDe : version.text,
    changeSummary: language === 'de' && version.changeSummaryDe.trim() !== '' ? version.changeSummaryDe : version.changeSummary,
    // the language the text is written in, for the lang attribute
    textLanguage: (german ? 'de' : 'en') as Language,
  }
}

// --- Which version is in force ------------------------------------------------------------------

async function documentId(slug: DocumentSlug, executor: Executor = db) {
  const [doc] = await executor.select({ id: policyDocuments.id }).from(policyDocuments).where(eq(policyDocuments.slug, slug))
  if (!doc) throw new Error(`No policy document "${slug}": run the seed.`)
  return doc.id
}

// The published version whose effective time has come; at exactly effective_at the new one applies.
export async function versionInForce({ document, at = new Date() }: { document: DocumentSlug; at?: Date }, executor: Executor = db) {
  const [version] = await executor
    .select({ version: policyVersions })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(and(eq(policyDocuments.slug, document), eq(policyVersions.status, 'published'), lte(policyVersions.effectiveAt, at)))
    .orderBy(desc(policyVersions.effectiveAt), desc(policyVersions.number))
    .limit(1)
  return version?.version ?? null
}

export async function upcomingVersion({ document, now = new Date() }: { document: DocumentSlug; now?: Date }) {
  const [version] = await db
    .select({ version: policyVersions })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(and(eq(policyDocuments.slug, document), eq(policyVersions.status, 'published'), gt(policyVersions.effectiveAt, now)))
    .orderBy(asc(policyVersions.effectiveAt))
    .limit(1)
  return version?.version ?? null
}

// What a consent records as "the version shown": the number of the privacy notice in force.
export async function currentNoticeLabel(document: DocumentSlug = 'privacy', executor: Executor = db) {
  const version = await versionInForce({ document }, executor)
  return version ? String(version.number) : '0'
}

export async function listPublishedVersions(document: DocumentSlug) {
  return db
    .select({ version: policyVersions })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(and(eq(policyDocuments.slug, document), eq(policyVersions.status, 'published')))
    .orderBy(desc(policyVersions.number))
    .then((rows) => rows.map((r) => r.version))
}

export async function getPublishedVersion({ document, number }: { document: DocumentSlug; number: number }) {
  const [row] = await db
    .select({ version: policyVersions })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(and(eq(policyDocuments.slug, document), eq(policyVersions.status, 'published'), eq(policyVersions.number, number)))
  if (!row) return null
  const [previous] = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.documentId, row.version.documentId), eq(policyVersions.status, 'published'), sql`${policyVersions.number} < ${number}`))
    .orderBy(desc(policyVersions.number))
    .limit(1)
  return { version: row.version, previous: previous ?? null }
}

// --- Drafting and publishing (DPO) ----------------------------------------------------------------

export async function latestVersion(document: DocumentSlug) {
  const id = await documentId(document)
  const [version] = await db.select().from(policyVersions).where(eq(policyVersions.documentId, id)).orderBy(desc(policyVersions.number)).limit(1)
  return version ?? null
}

export async function latestPublishedBefore(documentId: number) {
  const [version] = await db
    .select()
    .from(policyVersions)
    .where(and(eq(policyVersions.documentId, documentId), eq(policyVersions.status, 'published')))
    .orderBy(desc(policyVersions.number))
    .limit(1)
  return version ?? null
}

export async function listDrafts() {
  return db
    .select({ version: policyVersions, document: policyDocuments })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(eq(policyVersions.status, 'draft'))
    .orderBy(desc(policyVersions.createdAt))
}

export async function createDraft(input: {
  document: DocumentSlug
  text: string
  textDe: string
  changeSummary: string
  changeSummaryDe: string
  significant: boolean
  actorId: string
}) {
  return db.transaction(async (tx) => {
    const id = await documentId(input.document, tx)
    // numbers are per document and never reused; the lock keeps two drafts from taking the same one
    await tx.execute(sql`select pg_advisory_xact_lock(${id}, 818)`)
    const [{ next }] = await tx.execute<{ next: number }>(
      sql`select coalesce(max(number), 0) + 1 as next from policy_versions where document_id = ${id}`,
    )
    const notice = input.document === 'privacy' ? await generatePrivacyNotice(tx) : null
    const [version] = await tx
      .insert(policyVersions)
      .values({
        documentId: id,
        number: next,
        text: input.text,
        textDe: input.textDe,
        changeSummary: input.changeSummary,
        changeSummaryDe: input.changeSummaryDe,
        significant: input.significant,
        purposeTexts: notice?.purposeTexts ?? null,
        purposeTextsDe: notice?.purposeTextsDe ?? null,
        createdById: input.actorId,
      })
      .returning()
    return version
  })
}

export async function getVersionById(id: number) {
  const [row] = await db
    .select({ version: policyVersions, document: policyDocuments })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(eq(policyVersions.id, id))
  return row ?? null
}

// Seed 003/004: at least one day's notice, fourteen for significant changes; both are registry settings.
export async function earliestEffectiveAt({ significant, now = new Date() }: { significant: boolean; now?: Date }) {
  const key = significant ? 'policy_notice_days_significant' : 'policy_notice_days_minor'
  const days = Number((await getRegistrySetting(key)) ?? (significant ? 14 : 1))
  // to the minute, rounded up, as versions take effect "until the next minute" (seed 003)
  const earliest = new Date(now.getTime() + days * 86_400_000)
  return new Date(Math.ceil(earliest.getTime() / 60_000) * 60_000)
}

export type PublishResult = { ok: true; noticeCount: number } | { ok: false; field: 'effectiveAt' | 'form'; message: string }

export async function publishVersion({ versionId, effectiveAt, now = new Date() }: { versionId: number; effectiveAt: Date; now?: Date }): Promise<PublishResult> {
  const row = await getVersionById(versionId)
  if (!row || row.version.status !== 'draft') return { ok: false, field: 'form', message: msg('policy:errors.draftGone') }
  const earliest = await earliestEffectiveAt({ significant: row.version.significant, now })
  if (effectiveAt.getTime() < earliest.getTime()) {
    return {
      ok: false,
      field: 'effectiveAt',
      message: `${row.version.significant ? 'A significant change' : 'A change'} can take effect at the earliest on ${formatDateTime(earliest)} (Europe/Berlin).`,
    }
  }
  const published = await db
    .update(policyVersions)
    .set({ status: 'published', publishedAt: now, effectiveAt })
    .where(and(eq(policyVersions.id, versionId), eq(policyVersions.status, 'draft')))
    .returning({ id: policyVersions.id })
  if (published.length === 0) return { ok: false, field: 'form', message: msg('policy:errors.alreadyPublished') }
  return { ok: true, noticeCount: await activeCustomerCount() }
}

// --- The notice campaign ------------------------------------------------------------------------

// The link in the email carries a random token naming one notice. Opening the link only shows the page:
// mail scanners open links too, so the acknowledgement is the page's button, a POST (decision 081).
const ACK_TOKEN_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export type AckTokenState = 'valid' | 'used' | 'invalid'

function ackTokenHash(token: unknown) {
  return typeof token === 'string' && ACK_TOKEN_SHAPE.test(token) ? createHash('sha256').update(token).digest('hex') : null
}

// A token from another version's email is as unknown here as a made-up one.
function ackNoticeOf(hash: string, versionId?: number) {
  return and(eq(policyNotices.ackTokenHash, hash), versionId === undefined ? undefined : eq(policyNotices.versionId, versionId))
}

/** Reads, changes nothing: whether the token can still acknowledge its notice (of `versionId`, if given). */
export async function checkAckToken({ token, versionId }: { token: unknown; versionId?: number }): Promise<AckTokenState> {
  const hash = ackTokenHash(token)
  if (!hash) return 'invalid'
  const [notice] = await db.select({ acknowledgedAt: policyNotices.acknowledgedAt }).from(policyNotices).where(ackNoticeOf(hash, versionId))
  if (!notice) return 'invalid'
  return notice.acknowledgedAt ? 'used' : 'valid'
}

/** Acknowledges the token's notice, once; false when the token is unknown, of another version, or used. */
export async function acknowledgeNotice(token: unknown, { versionId }: { versionId?: number } = {}) {
  const hash = ackTokenHash(token)
  if (!hash) return false
  const updated = await db
    .update(policyNotices)
    .set({ status: 'acknowledged', acknowledgedAt: new Date() })
    .where(and(ackNoticeOf(hash, versionId), isNull(policyNotices.acknowledgedAt)))
    .returning({ id: policyNotices.id })
  return updated.length > 0
}

const USERNAME_PLACEHOLDER = 'USERNAME-PLACEHOLDER-7f3a'
const ACK_PLACEHOLDER = 'ACK-PLACEHOLDER-7f3a'

// Who is told about a change: customers with a confirmed, active account.
const ACTIVE_CUSTOMER = sql`u.role = 'customer' and u.status = 'active' and u.email_verified_at is not null and u.erased_at is null`

/**
 * Queues the notices of a version for up to `batchSize` customers who have none yet, after `afterUserId`.
 * The email is rendered once per language; each customer's copy is that rendering with their username and a random
 * acknowledgement token put in by PostgreSQL, and the outbox row and the customer's ledger row are
 * written by one INSERT … SELECT each (usernames are letters, digits, dots, dashes and underscores only,
 * so they need no HTML escaping). Returns how many were queued and the last customer id.
 */
export async function queuePolicyNoticeBatch({ versionId, batchSize = 10_000, afterUserId = '' }: { versionId: number; batchSize?: number; afterUserId?: string }) {
  const row = await getVersionById(versionId)
  if (!row || row.version.status !== 'published' || !row.version.effectiveAt) return { queued: 0, lastUserId: afterUserId }
  const slug = row.document.slug as DocumentSlug
  const previous = await getPublishedVersion({ document: slug, number: row.version.number })
  const props = {
    username: USERNAME_PLACEHOLDER,
    document: slug,
    documentName: row.document.name,
    versionNumber: row.version.number,
    changeSummary: row.version.changeSummary,
    effectiveAt: row.version.effectiveAt,
    significant: row.version.significant,
    diffUrl: `${absoluteUrl(`/${slug}/history/${row.version.number}`)}?ack=${ACK_PLACEHOLDER}`,
    cancelUrl: absoluteUrl('/account/cancel'),
    hasPrevious: Boolean(previous?.previous),
  }
  // once per language; each customer gets the one of their account (decision 015)
  // the summary of the change in the email's language too (decision 066)
  const [de, en] = await Promise.all([
    renderEmail(db, 'policy-change', { ...props, changeSummary: versionIn(row.version, 'de').changeSummary }, 'de'),
    renderEmail(db, 'policy-change', props, 'en'),
  ])
  const pick = (part: 'subject' | 'html' | 'text') => sql`(case when b.language = 'de' then ${de[part]} else ${en[part]} end)`
  // One pass at a time per version: publishing starts one in this process and the scheduled job may start
  // another. Without the lock both would pick the same customers, insert two emails each, and keep only one
  // ledger row (the other email's link would acknowledge nothing). The next pass's statement starts after the
  // lock, so it sees the rows the previous pass committed.
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('policy-campaign'), ${versionId})`)
    const [row] = await tx.execute<{ queued: number; last_user_id: string | null }>(sql`
    with batch as materialized (
      select u.id as user_id, u.email, u.username, u.language, gen_random_uuid()::text as token
      from users u
      where ${ACTIVE_CUSTOMER} and u.id > ${afterUserId}
        and not exists (select 1 from policy_notices n where n.version_id = ${versionId} and n.user_id = u.id)
      order by u.id
      limit ${batchSize}
    ), mail as (
      insert into outbox_messages (user_id, template, to_address, subject, html, text)
      select b.user_id, 'policy-change', b.email, ${pick('subject')},
             replace(replace(${pick('html')}, ${USERNAME_PLACEHOLDER}, b.username), ${ACK_PLACEHOLDER}, b.token),
             replace(replace(${pick('text')}, ${USERNAME_PLACEHOLDER}, b.username), ${ACK_PLACEHOLDER}, b.token)
      from batch b
      returning id, user_id
    ), ledger as (
      insert into policy_notices (version_id, user_id, outbox_id, ack_token_hash)
      select ${versionId}, m.user_id, m.id, encode(sha256(convert_to(b.token, 'UTF8')), 'hex')
      from mail m join batch b on b.user_id = m.user_id
      on conflict (version_id, user_id) do nothing
      returning user_id
    )
    select count(*)::int as queued, max(user_id) as last_user_id from ledger`)
    return row
  })
  if (result.queued > 0) await db.execute(sql`select pg_notify('outbox', '')`)
  return { queued: result.queued, lastUserId: result.last_user_id ?? afterUserId }
}

// Notices are only worth sending before the version takes effect; a completed campaign costs one query.
export async function drainPolicyCampaign({ versionId, batchSize }: { versionId: number; batchSize?: number }) {
  let total = 0
  let afterUserId = ''
  for (;;) {
    const batch = await queuePolicyNoticeBatch({ versionId, batchSize, afterUserId })
    if (batch.queued === 0) return total
    total += batch.queued
    afterUserId = batch.lastUserId
  }
}

export async function campaignProgress(versionId: number) {
  const [row] = await db.execute<{ total: number; queued: number; sent: number; failed: number; acknowledged: number }>(sql`
    select count(*)::int as total,
           count(*) filter (where n.acknowledged_at is null and (o.id is null or o.status = 'pending'))::int as queued,
           count(*) filter (where n.acknowledged_at is null and o.status = 'sent')::int as sent,
           count(*) filter (where n.acknowledged_at is null and o.status = 'failed')::int as failed,
           count(*) filter (where n.acknowledged_at is not null)::int as acknowledged
    from policy_notices n left join outbox_messages o on o.id = n.outbox_id
    where n.version_id = ${versionId}`)
  return row
}

export async function resendFailedNotices(versionId: number) {
  const result = await db.execute(sql`
    update outbox_messages o set status = 'pending', attempts = 0, next_attempt_at = now(), last_error = null
    from policy_notices n
    where n.version_id = ${versionId} and n.outbox_id = o.id and o.status = 'failed'`)
  await db.execute(sql`select pg_notify('outbox', '')`)
  return result.count ?? 0
}

export async function failedNotices(versionId: number, limit = 50) {
  const rows = await db.execute<{ id: number; to_address: string; last_error: string | null; attempts: number }>(sql`
    select n.id, o.to_address, o.last_error, o.attempts
    from policy_notices n join outbox_messages o on o.id = n.outbox_id
    where n.version_id = ${versionId} and o.status = 'failed'
    order by n.id limit ${limit}`)
  return [...rows]
}

// Publishing starts the campaign at once in this process; the scheduled job picks up anything left
// (a restart in the middle), so a campaign always completes.
export function startPolicyCampaign(versionId: number) {
  void drainPolicyCampaign({ versionId }).catch((error: unknown) =>
    // the name only: a failed query's message lists its parameters, which include addresses
    console.error(`Policy campaign for version ${versionId} stopped: ${error instanceof Error ? error.name : 'unknown error'}; the scheduled job resumes it`),
  )
}

export async function resumePolicyCampaigns({ now = new Date() }: { now?: Date } = {}) {
  const upcoming = await db
    .select({ id: policyVersions.id })
    .from(policyVersions)
    .where(and(eq(policyVersions.status, 'published'), gt(policyVersions.effectiveAt, now)))
  let queued = 0
  for (const version of upcoming) queued += await drainPolicyCampaign({ versionId: version.id })
  return queued
}

export async function listPublishedForDpo() {
  return db
    .select({ version: policyVersions, document: policyDocuments })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(eq(policyVersions.status, 'published'))
    .orderBy(desc(policyVersions.publishedAt))
}

// --- Re-consent ----------------------------------------------------------------------------------

/**
 * Consent purposes whose text in the privacy notice in force differs from the text the customer
 * consented under, in either language: they are asked again. Purposes whose text did not change are
 * not. Versions from before the German text existed are compared in English only.
 */
export async function purposesNeedingReconsent({
  userId,
  now = new Date(),
  document = 'privacy',
  language = 'en',
}: {
  userId: string
  now?: Date
  document?: DocumentSlug
  language?: Language
}) {
  const current = await versionInForce({ document, at: now })
  if (!current?.purposeTexts) return []
  const rows = await db.execute<{ slug: string; name: string; name_de: string; policy_version: string; action: 'given' | 'withdrawn' }>(sql`
    select distinct on (c.purpose_id) p.slug, p.name, p.name_de, c.policy_version, c.action
    from consents c join purposes p on p.id = c.purpose_id
    where c.user_id = ${userId} and p.consent_required
    order by c.purpose_id, c.created_at desc, c.id desc`)
  const given = [...rows].filter((r) => r.action === 'given')
  if (given.length === 0) return []
  const versions = await db
    .select({ number: policyVersions.number, purposeTexts: policyVersions.purposeTexts, purposeTextsDe: policyVersions.purposeTextsDe })
    .from(policyVersions)
    .where(and(eq(policyVersions.documentId, current.documentId), eq(policyVersions.status, 'published')))
  const byLabel = new Map(versions.map((v) => [String(v.number), v]))
  return given
    .filter((r) => {
      const then = byLabel.get(r.policy_version)
      const before = then?.purposeTexts?.[r.slug]
      if (before === undefined) return false
      if (before !== current.purposeTexts![r.slug]) return true
      const beforeDe = then?.purposeTextsDe?.[r.slug]
      const nowDe = current.purposeTextsDe?.[r.slug]
      return beforeDe !== undefined && nowDe !== undefined && beforeDe !== nowDe
    })
    .map((r) => ({ slug: r.slug, name: language === 'de' && r.name_de ? r.name_de : r.name }))
}

export async function activeCustomerCount() {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from users u where ${ACTIVE_CUSTOMER}`)
  return row.n
}
