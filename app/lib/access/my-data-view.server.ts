// What /my-data shows, in the reader's language: a summary card per category (what, why, legal basis,
// retention, how many items) and, on demand, one category's items a page at a time. Column names and
// coded values (statuses, methods, kinds) become words here through explicit key maps, so no internal
// code reaches the page; the access package keeps the raw values (my-data.server.ts).
import type { TFunction } from 'i18next'
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import type { DataCategorySlug } from '#db/schema'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { formatDateTime } from '../domain/format'
import type { ConsentMethod } from '../consent/consent.server'
import type { PurposeConsent } from '../consent/consent-state.server'
import { SETTING_CHOICES } from '../rectification/rectification.server'
import {
  CATEGORY_SPECS,
  countSection,
  DELETE_AT_FIELD_KEY,
  encodeCursor,
  getCategoryRegistry,
  isoTime,
  itemCells,
  loadSectionPage,
  sectionFields,
  type Cursor,
  type FieldSpec,
  type JsonValue,
} from './my-data.server'

export const CATEGORY_PAGE_SIZE = 20

// --- Words for columns and coded values -----------------------------------------------------------

const FIELD_LABELS: Record<DataCategorySlug, Record<string, string>> = {
  account: {
    id: 'mydata:field.account.id',
    username: 'mydata:field.account.username',
    email: 'mydata:field.account.email',
    status: 'mydata:field.account.status',
    accountExpiresAt: 'mydata:field.account.accountExpiresAt',
    subscriptionActive: 'mydata:field.account.subscriptionActive',
    language: 'mydata:field.account.language',
    emailVerifiedAt: 'mydata:field.account.emailVerifiedAt',
    ageConfirmedAt: 'mydata:field.account.ageConfirmedAt',
    registeredAt: 'mydata:field.account.registeredAt',
    updatedAt: 'mydata:field.account.updatedAt',
  },
  payments: {
    id: 'mydata:field.payments.id',
    paidAt: 'mydata:field.payments.paidAt',
    transactionNumber: 'mydata:field.payments.transactionNumber',
    provider: 'mydata:field.payments.provider',
    amountCents: 'mydata:field.payments.amountCents',
    currency: 'mydata:field.payments.currency',
  },
  vpn_sessions: {
    id: 'mydata:field.vpn_sessions.id',
    clientIp: 'mydata:field.vpn_sessions.clientIp',
    serverId: 'mydata:field.vpn_sessions.serverId',
    startedAt: 'mydata:field.vpn_sessions.startedAt',
    endedAt: 'mydata:field.vpn_sessions.endedAt',
  },
  traffic: {
    month: 'mydata:field.traffic.month',
    bytesUsed: 'mydata:field.traffic.bytesUsed',
    updatedAt: 'mydata:field.traffic.updatedAt',
  },
  settings: {
    key: 'mydata:field.settings.key',
    value: 'mydata:field.settings.value',
    updatedAt: 'mydata:field.settings.updatedAt',
  },
  affiliate: {
    partner: 'mydata:field.affiliate.partner',
    referredAt: 'mydata:field.affiliate.referredAt',
  },
  contact_messages: {
    id: 'mydata:field.contact_messages.id',
    name: 'mydata:field.contact_messages.name',
    email: 'mydata:field.contact_messages.email',
    message: 'mydata:field.contact_messages.message',
    sentAt: 'mydata:field.contact_messages.sentAt',
    answeredAt: 'mydata:field.contact_messages.answeredAt',
  },
  forum_posts: {
    id: 'mydata:field.forum_posts.id',
    kind: 'mydata:field.forum_posts.kind',
    parentId: 'mydata:field.forum_posts.parentId',
    authorName: 'mydata:field.forum_posts.authorName',
    authorEmail: 'mydata:field.forum_posts.authorEmail',
    title: 'mydata:field.forum_posts.title',
    body: 'mydata:field.forum_posts.body',
    createdAt: 'mydata:field.forum_posts.createdAt',
    updatedAt: 'mydata:field.forum_posts.updatedAt',
    anonymisedAt: 'mydata:field.forum_posts.anonymisedAt',
  },
  feed_subscriptions: {
    id: 'mydata:field.feed_subscriptions.id',
    email: 'mydata:field.feed_subscriptions.email',
    topic: 'mydata:field.feed_subscriptions.topic',
    subscribedAt: 'mydata:field.feed_subscriptions.subscribedAt',
    confirmedAt: 'mydata:field.feed_subscriptions.confirmedAt',
  },
  consents: {
    id: 'mydata:field.consents.id',
    purpose: 'mydata:field.consents.purpose',
    action: 'mydata:field.consents.action',
    method: 'mydata:field.consents.method',
    policyVersion: 'mydata:field.consents.policyVersion',
    createdAt: 'mydata:field.consents.createdAt',
  },
  archive: {
    id: 'mydata:field.archive.id',
    table: 'mydata:field.archive.table',
    recordId: 'mydata:field.archive.recordId',
    operation: 'mydata:field.archive.operation',
    previousValues: 'mydata:field.archive.previousValues',
    newValues: 'mydata:field.archive.newValues',
    changedAt: 'mydata:field.archive.changedAt',
    changedBy: 'mydata:field.archive.changedBy',
    reason: 'mydata:field.archive.reason',
  },
  cookies: {
    cookieCategory: 'mydata:field.cookies.cookieCategory',
    purpose: 'mydata:field.cookies.purpose',
    choice: 'mydata:field.cookies.choice',
    chosenAt: 'mydata:field.cookies.chosenAt',
    method: 'mydata:field.cookies.method',
  },
}

const DELETE_AT_LABEL = 'mydata:field.deleteAt'

// Fields that repeat another one as a code: in the copy (for machines), not on the page.
const HIDDEN_FIELDS: Partial<Record<DataCategorySlug, string[]>> = { consents: ['purposeKey'] }

export const CONSENT_METHOD_KEYS: Record<ConsentMethod, string> = {
  signup_checkbox: 'mydata:value.consentMethod.signup_checkbox',
  banner_accept_all: 'mydata:value.consentMethod.banner_accept_all',
  banner_reject_all: 'mydata:value.consentMethod.banner_reject_all',
  banner_save: 'mydata:value.consentMethod.banner_save',
  settings_toggle: 'mydata:value.consentMethod.settings_toggle',
  email_link: 'mydata:value.consentMethod.email_link',
  global_privacy_control: 'mydata:value.consentMethod.global_privacy_control',
  contact_form: 'mydata:value.consentMethod.contact_form',
  forum_signup: 'mydata:value.consentMethod.forum_signup',
  feed_subscription: 'mydata:value.consentMethod.feed_subscription',
}

const ACTOR_KEYS: Record<string, string> = {
  customer: 'mydata:value.actor.customer',
  data_subject: 'mydata:value.actor.data_subject',
  dpo: 'mydata:value.actor.dpo',
  system: 'mydata:value.actor.system',
}

// Where archived data was kept, as the person knows it.
const TABLE_KEYS: Record<string, string> = {
  users: 'mydata:value.table.users',
  payments: 'mydata:value.table.payments',
  vpn_sessions: 'mydata:value.table.vpn_sessions',
  traffic_usage: 'mydata:value.table.traffic_usage',
  user_settings: 'mydata:value.table.user_settings',
  referrals: 'mydata:value.table.referrals',
  contact_messages: 'mydata:value.table.contact_messages',
  forum_posts: 'mydata:value.table.forum_posts',
  feed_subscriptions: 'mydata:value.table.feed_subscriptions',
  supplementary_statements: 'mydata:value.table.supplementary_statements',
  restrictions: 'mydata:value.table.restrictions',
  data_subject_requests: 'mydata:value.table.data_subject_requests',
  account_cancellations: 'mydata:value.table.account_cancellations',
  consents: 'mydata:value.table.consents',
}

export const SETTING_KEYS: Record<string, string> = {
  protocol: 'mydata:settings.protocol',
  kill_switch: 'mydata:settings.kill_switch',
  dns: 'mydata:settings.dns',
  port_forwarding: 'mydata:settings.port_forwarding',
  ipv6_leak_protection: 'mydata:settings.ipv6_leak_protection',
} satisfies Record<keyof typeof SETTING_CHOICES, string>

export const SETTING_VALUE_KEYS: Record<string, string> = {
  on: 'mydata:settings.value.on',
  off: 'mydata:settings.value.off',
  system: 'mydata:settings.value.system',
}

// Coded values per category and field; a value not listed is shown as stored.
const VALUE_KEYS: Partial<Record<DataCategorySlug, Record<string, Record<string, string>>>> = {
  account: {
    status: {
      active: 'mydata:value.accountStatus.active',
      cancellation_pending: 'mydata:value.accountStatus.cancellation_pending',
      cancelled: 'mydata:value.accountStatus.cancelled',
    },
    language: { de: 'mydata:value.language.de', en: 'mydata:value.language.en' },
  },
  forum_posts: { kind: { post: 'mydata:value.postKind.post', comment: 'mydata:value.postKind.comment' } },
  consents: {
    action: { given: 'mydata:value.consentAction.given', withdrawn: 'mydata:value.consentAction.withdrawn' },
    method: CONSENT_METHOD_KEYS,
  },
  archive: {
    table: TABLE_KEYS,
    operation: { UPDATE: 'mydata:value.operation.UPDATE', DELETE: 'mydata:value.operation.DELETE' },
    changedBy: ACTOR_KEYS,
  },
  cookies: {
    cookieCategory: {
      necessary: 'mydata:value.cookieCategory.necessary',
      analytics: 'mydata:value.cookieCategory.analytics',
      marketing: 'mydata:value.cookieCategory.marketing',
      external_media: 'mydata:value.cookieCategory.external_media',
    },
    choice: {
      'always on': 'mydata:consentState.alwaysOn',
      given: 'mydata:value.consentAction.given',
      withdrawn: 'mydata:value.consentAction.withdrawn',
      'not chosen': 'mydata:value.cookieChoice.notChosen',
    },
    method: CONSENT_METHOD_KEYS,
  },
  settings: { key: SETTING_KEYS, value: SETTING_VALUE_KEYS },
}

export const RESTRICTION_KEYS: Record<string, string> = {
  accuracy_contested: 'mydata:restriction.accuracy_contested',
  legal_hold: 'mydata:restriction.legal_hold',
  objection: 'mydata:restriction.objection',
  unlawful_processing: 'mydata:restriction.unlawful_processing',
  data_subject_request: 'mydata:restriction.data_subject_request',
}

/** The word for every column of a category (tests check that none is missing). */
export function fieldLabelKey(slug: DataCategorySlug, fieldKey: string) {
  return fieldKey === DELETE_AT_FIELD_KEY ? DELETE_AT_LABEL : FIELD_LABELS[slug][fieldKey]
}

export function visibleFields(slug: DataCategorySlug) {
  const hidden = HIDDEN_FIELDS[slug] ?? []
  return sectionFields(CATEGORY_SPECS[slug]).filter((f) => !hidden.includes(f.key))
}

// --- Consent states as words (the same words /consents uses) ----------------------------------------

export function consentStateText(t: TFunction, language: Language, consent: Pick<PurposeConsent, 'state' | 'since' | 'cookieCategory'>) {
  const since = consent.since ? formatDateTime(consent.since, language) : null
  const text =
    consent.state === 'given'
      ? since
        ? t('mydata:consentState.givenOn', { date: since })
        : t('mydata:consentState.given')
      : consent.state === 'withdrawn'
        ? t('mydata:consentState.withdrawnOn', { date: since ?? '' })
        : t('mydata:consentState.none')
  return consent.cookieCategory ? `${text} · ${t('mydata:consentState.inThisBrowser')}` : text
}

// --- Annotations: restrictions and supplementary statements ----------------------------------------

interface Annotation {
  id: number
  rowId: string | null
  text: string
  since: string
}

// Active restrictions (as words) and supplementary statements of the person, per category slug.
async function loadAnnotations(userId: string, t: TFunction) {
  const [restrictionRows, statementRows] = await Promise.all([
    db.execute(sql`
      select x.id::int as id, x.category_slug, x.row_id, x.reason::text as reason, x.created_at as since
      from restrictions x
      where x.user_id = ${userId} and x.lifted_at is null and (x.ends_at is null or x.ends_at > now())
      order by x.created_at`) as unknown as Promise<{ id: number; category_slug: string; row_id: string | null; reason: string; since: string }[]>,
    db.execute(sql`
      select st.id::int as id, st.category_slug, st.row_id, st.statement, st.created_at as since
      from supplementary_statements st where st.user_id = ${userId} order by st.created_at`) as unknown as Promise<
      { id: number; category_slug: string; row_id: string | null; statement: string; since: string }[]
    >,
  ])
  const group = <T extends { category_slug: string }>(rows: T[], toAnnotation: (row: T) => Annotation) => {
    const bySlug = new Map<string, Annotation[]>()
    for (const row of rows) bySlug.set(row.category_slug, [...(bySlug.get(row.category_slug) ?? []), toAnnotation(row)])
    return bySlug
  }
  const reasonText = (reason: string) => (RESTRICTION_KEYS[reason] ? t(RESTRICTION_KEYS[reason]) : t('mydata:restriction.other'))
  return {
    restrictions: group(restrictionRows, (r) => ({ id: r.id, rowId: r.row_id, text: reasonText(r.reason), since: isoTime(r.since) })),
    statements: group(statementRows, (s) => ({ id: s.id, rowId: s.row_id, text: s.statement, since: isoTime(s.since) })),
  }
}

// --- The summary: one card per category ------------------------------------------------------------

type CategoryMeta = Awaited<ReturnType<typeof getCategoryRegistry>>[number]
type Annotations = Awaited<ReturnType<typeof loadAnnotations>>

function summaryOf(meta: CategoryMeta, total: number, annotations: Annotations, t: TFunction) {
  const restrictions = annotations.restrictions.get(meta.slug) ?? []
  const statements = annotations.statements.get(meta.slug) ?? []
  return {
    slug: meta.slug,
    name: meta.name,
    description: meta.description,
    purpose: meta.purpose,
    legalBasis: meta.legalBasis,
    retention: meta.retention,
    source: meta.source.description,
    recipients: meta.recipients.map((r) => r.name),
    total,
    restrictions: restrictions.filter((r) => r.rowId === null),
    statements: statements.filter((s) => s.rowId === null),
    restrictedItems: restrictions.filter((r) => r.rowId !== null).length,
  }
}

export type CategorySummary = ReturnType<typeof summaryOf>

/** Every category with its registry texts, how many items it holds, and what restricts or completes it. */
export async function loadMyDataSummary({ userId, t, language = FALLBACK_LANGUAGE }: { userId: string; t: TFunction; language?: Language }) {
  const [categories, annotations] = await Promise.all([getCategoryRegistry(language), loadAnnotations(userId, t)])
  return Promise.all(categories.map(async (meta) => summaryOf(meta, await countSection({ spec: CATEGORY_SPECS[meta.slug], userId }), annotations, t)))
}

// --- One category's items, a page at a time ----------------------------------------------------------

/** A cell as words: yes/no, and coded values (statuses, methods, cookie categories) in the reader's language. */
export function cellText(t: TFunction, slug: DataCategorySlug, f: FieldSpec, value: JsonValue, text: string) {
  if (value === null) return text
  if (f.type === 'boolean') return t(value ? 'mydata:value.yes' : 'mydata:value.no')
  const key = VALUE_KEYS[slug]?.[f.key]?.[String(value)]
  return key ? t(key) : text
}

export type CategoryPage = NonNullable<Awaited<ReturnType<typeof loadCategoryPage>>>

/**
 * One page of a category's items (newest first, CATEGORY_PAGE_SIZE at a time by keyset), as text in the
 * reader's language. The cookie choices are the ones /consents shows (`consents`), never a second truth.
 */
export async function loadCategoryPage({
  userId,
  slug,
  after,
  language,
  t,
  consents,
}: {
  userId: string
  slug: DataCategorySlug
  after: Cursor | null
  language: Language
  // the reader's words (fixedT(language) from platform/i18n.server.ts)
  t: TFunction
  consents: PurposeConsent[]
}) {
  const meta = (await getCategoryRegistry(language)).find((c) => c.slug === slug)
  if (!meta) return null
  const spec = CATEGORY_SPECS[slug]
  const [page, total, annotations] = await Promise.all([
    loadSectionPage({ spec, userId, after, limit: CATEGORY_PAGE_SIZE, language }),
    countSection({ spec, userId }),
    loadAnnotations(userId, t),
  ])
  const summary = summaryOf(meta, total, annotations, t)
  const fields = sectionFields(spec)
  const shown = visibleFields(slug)
  const restrictions = annotations.restrictions.get(slug) ?? []
  const statements = annotations.statements.get(slug) ?? []
  const consentOf = new Map(consents.map((c) => [c.slug, c]))
  return {
    ...summary,
    isFirstPage: after === null,
    nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    columns: shown.map((f) => ({ key: f.key, label: t(fieldLabelKey(slug, f.key)) })),
    items: page.items.map((item) => {
      const all = itemCells(fields, item, summary.retention.name, language)
      const cells = shown.map((f) => {
        const text = all[fields.findIndex((x) => x.key === f.key)]
        if (slug === 'cookies') return cookieCell(t, language, f, item, consentOf.get(item.rowId), text)
        return cellText(t, slug, f, item.values[f.key], text)
      })
      return {
        rowId: item.rowId,
        cells,
        restrictions: restrictions.filter((r) => r.rowId === item.rowId),
        statements: statements.filter((s) => s.rowId === item.rowId),
      }
    }),
  }
}

// The cookie category's choice columns come from the browser's consent state, as on /consents.
function cookieCell(t: TFunction, language: Language, f: FieldSpec, item: { values: Record<string, JsonValue> }, consent: PurposeConsent | undefined, text: string) {
  const necessary = item.values.cookieCategory === 'necessary'
  switch (f.key) {
    case 'choice':
      return necessary ? t('mydata:consentState.alwaysOn') : consent ? consentStateText(t, language, consent) : t('mydata:consentState.none')
    case 'chosenAt':
      return !necessary && consent?.since ? formatDateTime(consent.since, language) : '—'
    case 'method':
      return !necessary && consent?.method ? t(CONSENT_METHOD_KEYS[consent.method]) : '—'
    default:
      return cellText(t, 'cookies', f, item.values[f.key], text)
  }
}
