// The data inventory of one person, described once: for every category of the registry (and the
// records a request leaves), which rows are theirs, which fields they have, what each field is in
// JSON Schema terms, and when each row will be deleted. /my-data pages through it; the access
// package streams all of it; schema.json is generated from it. A field added here shows up in all three.
import { sql, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type { ReservedSql } from 'postgres'
import { db } from '#db/client.server'
import type { DataCategorySlug } from '#db/schema'
import { DATA_SOURCE_KEYS } from '../domain/data-sources'
import { fixedT } from '../platform/i18n.server'
import { INTERNAL_EVENT_KINDS } from '../requests/dsr.server'
import { forumPostOwnedBy } from '../requests/ownership.server'
import { DISPLAY_TIME_ZONE, formatDate, LOCALES } from '../domain/format'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { getPurposes, registryTextSql } from '../registry/registry.server'
import { requestDetailsSql, requestSubjectSql } from '../requests/request-subject.server'
import { recipientNoticeWordsSql } from '../rectification/recipient-notice-words.server'

// --- Fields ----------------------------------------------------------------------------------

export type FieldType = 'text' | 'integer' | 'boolean' | 'date-time' | 'date' | 'ip' | 'json'

export interface FieldSpec {
  key: string
  label: string
  type: FieldType
  nullable: boolean
  description: string
  // how a person reads the value (the JSON keeps the raw number)
  unit?: 'bytes' | 'cents'
  // a value in words (a registry text, the portal's subject line) is read in the reader's language
  sql: SQL | ((language: Language) => SQL)
}

interface FieldOptions {
  nullable?: boolean
  unit?: FieldSpec['unit']
}

function field(key: string, label: string, type: FieldType, expression: FieldSpec['sql'], description: string, options: FieldOptions = {}): FieldSpec {
  return { key, label, type, description, nullable: options.nullable ?? false, unit: options.unit, sql: expression }
}

// The cursor keeps the full precision, so no row is skipped or repeated between pages.
const exactTime = (expression: SQL) => sql`to_char(${expression} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

function selectExpression(f: FieldSpec, language: Language): SQL {
  const expression = typeof f.sql === 'function' ? f.sql(language) : f.sql
  switch (f.type) {
    case 'ip':
      return sql`host(${expression})`
    case 'integer':
      return sql`(${expression})::int8`
    default:
      // times come as PostgreSQL writes them (to_char would cost more than the rest of the query)
      return expression
  }
}

// PostgreSQL's ISO output on our UTC connections, "2026-11-21 14:11:33.132456+00", as RFC 3339 in UTC
// with milliseconds, the way JSON, CSV and the page show every time.
const PG_UTC_TIME = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/

export function isoTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString()
  const text = String(value)
  const match = PG_UTC_TIME.exec(text)
  if (match) return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`
  // another zone or format: let Date work it out
  const parsed = new Date(text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'))
  if (Number.isNaN(parsed.getTime())) throw new Error('Unreadable time from the database')
  return parsed.toISOString()
}

function jsonValue(f: FieldSpec, value: unknown): JsonValue {
  if (value === null || value === undefined) return null
  switch (f.type) {
    case 'integer':
      return Number(value)
    case 'date-time':
      return isoTime(value)
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value)
    default:
      return value as JsonValue
  }
}

// --- Sections ---------------------------------------------------------------------------------

type Ordering =
  // newest first, paged by keyset (time, id) so page 1,000 costs what page 1 costs
  | { kind: 'keyset'; at: SQL; id: SQL }
  // a handful of rows at most (one account, a few settings): all on one page
  | { kind: 'fixed'; by: SQL }

export interface SectionSpec {
  key: string
  // FROM and WHERE, scoped to the data subject: nothing outside it can appear
  from: (userId: string) => SQL
  rowId: SQL
  // when the row will be deleted; null where an event, not a date, ends it (the rule says which)
  deleteAt: SQL | null
  order: Ordering
  fields: FieldSpec[]
}

export const DELETE_AT_FIELD_KEY = 'deleteAt'

function deleteAtField(spec: Pick<SectionSpec, 'deleteAt'>): FieldSpec {
  return field(
    DELETE_AT_FIELD_KEY,
    'Deleted on',
    'date-time',
    spec.deleteAt ?? sql`null::timestamptz`,
    'When this item will be deleted under its retention rule; null where no fixed date applies (see the retention rule).',
    { nullable: true },
  )
}

/** Every field of a section, including the deletion date that every item carries. */
export function sectionFields(spec: SectionSpec): FieldSpec[] {
  return [...spec.fields, deleteAtField(spec)]
}

// The registry's period for a category or rule, read in the same query (an InitPlan, evaluated once).
const categoryPeriod = (slug: DataCategorySlug) =>
  sql`(select r.period from data_categories c join retention_rules r on r.id = c.retention_rule_id where c.slug = ${slug})`
const rulePeriod = (slug: string) => sql`(select r.period from retention_rules r where r.slug = ${slug})`
const displayZone = sql.raw(`'${DISPLAY_TIME_ZONE}'`)

// Hashes of passwords, codes and tokens are secrets, never shown or exported, even inside an archived row.
const withoutSecrets = (row: SQL) =>
  sql`(case when ${row} is null then null else (
    select coalesce(jsonb_object_agg(j.key, j.value), '{}'::jsonb) from jsonb_each(${row}) j
    where j.key not like '%\\_hash' and j.key not like '%Hash') end)`
// Tables whose archived rows are credentials, not data about the person.
const CREDENTIAL_TABLES = sql`('sessions', 'email_verifications', 'rate_limits')`

/** The registry's categories, in the order the registry gives them. Other capabilities add actions per slug. */
export const CATEGORY_SPECS: Record<DataCategorySlug, SectionSpec> = {
  account: {
    key: 'account',
    from: (userId) => sql`from users u where u.id = ${userId}`,
    rowId: sql`u.id`,
    deleteAt: null,
    order: { kind: 'fixed', by: sql`u.id` },
    fields: [
      field('id', 'Customer number', 'text', sql`u.id`, 'The internal identifier of your account.'),
      field('username', 'Username', 'text', sql`u.username`, 'Your user name, also shown with forum posts.'),
      field('email', 'Email address', 'text', sql`u.email`, 'The email address of the account.'),
      field('status', 'Account status', 'text', sql`u.status::text`, 'active, cancellation_pending or cancelled.'),
      field('accountExpiresAt', 'Account expires on', 'date-time', sql`u.account_expires_at`, 'End of the paid period.', { nullable: true }),
      field('subscriptionActive', 'Subscription active', 'boolean', sql`u.subscription_active`, 'Whether the account renews automatically.'),
      field('language', 'Language of our emails', 'text', sql`u.language`, 'de (German) or en (English): the language we write to you in.'),
      field('emailVerifiedAt', 'Email address confirmed on', 'date-time', sql`u.email_verified_at`, 'When you confirmed the email address.', { nullable: true }),
      field('ageConfirmedAt', 'Legal age confirmed on', 'date-time', sql`u.age_confirmed_at`, 'When you confirmed being of legal age.'),
      field('registeredAt', 'Registered on', 'date-time', sql`u.created_at`, 'When the account was created.'),
      field('updatedAt', 'Last changed', 'date-time', sql`u.updated_at`, 'When the account record last changed.'),
    ],
  },
  payments: {
    key: 'payments',
    from: (userId) => sql`from payments p join recipients pr on pr.id = p.provider_id where p.user_id = ${userId}`,
    rowId: sql`p.id::text`,
    // accounting vouchers: the period starts at the end of the calendar year of the payment (§ 147(4) AO)
    deleteAt: sql`((date_trunc('year', p.paid_at at time zone ${displayZone}) + interval '1 year' + ${categoryPeriod('payments')}) at time zone ${displayZone})`,
    order: { kind: 'keyset', at: sql`p.paid_at`, id: sql`p.id` },
    fields: [
      field('id', 'Payment number', 'integer', sql`p.id`, 'Our number for the payment.'),
      field('paidAt', 'Payment date', 'date-time', sql`p.paid_at`, 'When the payment was made.'),
      field('transactionNumber', 'Transaction number', 'text', sql`p.transaction_number`, "The payment provider's transaction number."),
      field('provider', 'Payment provider', 'text', sql`pr.name`, 'Who processed the payment.'),
      field('amountCents', 'Amount', 'integer', sql`p.amount_cents`, 'The amount in cents of the currency.', { unit: 'cents' }),
      field('currency', 'Currency', 'text', sql`p.currency`, 'ISO 4217 currency code.'),
    ],
  },
  vpn_sessions: {
    key: 'vpn_sessions',
    from: (userId) => sql`from vpn_sessions s where s.user_id = ${userId}`,
    rowId: sql`s.id::text`,
    deleteAt: sql`(s.started_at + ${categoryPeriod('vpn_sessions')})`,
    order: { kind: 'keyset', at: sql`s.started_at`, id: sql`s.id` },
    fields: [
      field('id', 'Session number', 'integer', sql`s.id`, 'Our number for the session record.'),
      field('clientIp', 'IP address', 'ip', sql`s.client_ip`, 'The IPv4 or IPv6 address you connected from.'),
      field('serverId', 'VPN server', 'text', sql`s.server_id`, 'The VPN server you connected to.'),
      field('startedAt', 'Start time', 'date-time', sql`s.started_at`, 'When the session started.'),
      field('endedAt', 'End time', 'date-time', sql`s.ended_at`, 'When the session ended; null while connected.', { nullable: true }),
    ],
  },
  traffic: {
    key: 'traffic',
    from: (userId) => sql`from traffic_usage t where t.user_id = ${userId}`,
    rowId: sql`t.month::text`,
    // only the running month is kept: the figure goes when the month ends
    deleteAt: sql`((t.month + interval '1 month')::timestamp at time zone ${displayZone})`,
    order: { kind: 'fixed', by: sql`t.month` },
    fields: [
      field('month', 'Month', 'date', sql`t.month`, 'The first day of the month counted.'),
      field('bytesUsed', 'Data used', 'integer', sql`t.bytes_used`, 'Bytes transferred through the VPN this month.', { unit: 'bytes' }),
      field('updatedAt', 'Last counted', 'date-time', sql`t.updated_at`, 'When the figure was last updated.'),
    ],
  },
  settings: {
    key: 'settings',
    from: (userId) => sql`from user_settings us where us.user_id = ${userId}`,
    rowId: sql`us.key`,
    deleteAt: null,
    order: { kind: 'fixed', by: sql`us.key` },
    fields: [
      field('key', 'Setting', 'text', sql`us.key`, 'The name of the setting.'),
      field('value', 'Value', 'text', sql`us.value`, 'The value you chose.'),
      field('updatedAt', 'Last changed', 'date-time', sql`us.updated_at`, 'When you last changed it.'),
    ],
  },
  affiliate: {
    key: 'affiliate',
    from: (userId) => sql`from referrals rf join affiliate_partners ap on ap.id = rf.affiliate_partner_id where rf.user_id = ${userId}`,
    rowId: sql`rf.affiliate_partner_id::text`,
    deleteAt: null,
    order: { kind: 'fixed', by: sql`rf.referred_at` },
    fields: [
      field('partner', 'Affiliate partner', 'text', sql`ap.name`, 'The partner who referred you.'),
      field('referredAt', 'Referred on', 'date-time', sql`rf.referred_at`, 'When the contract was concluded through the partner.'),
    ],
  },
  contact_messages: {
    key: 'contact_messages',
    from: (userId) => sql`from contact_messages m where m.user_id = ${userId}`,
    rowId: sql`m.id::text`,
    deleteAt: sql`(m.answered_at + ${categoryPeriod('contact_messages')})`,
    order: { kind: 'keyset', at: sql`m.created_at`, id: sql`m.id` },
    fields: [
      field('id', 'Message number', 'integer', sql`m.id`, 'Our number for the message.'),
      field('name', 'Name', 'text', sql`m.name`, 'The name you entered.'),
      field('email', 'Email address', 'text', sql`m.email`, 'The email address you entered.'),
      field('message', 'Message', 'text', sql`m.message`, 'What you wrote.'),
      field('sentAt', 'Sent on', 'date-time', sql`m.created_at`, 'When you sent it.'),
      field('answeredAt', 'Answered on', 'date-time', sql`m.answered_at`, 'When we answered; null while unanswered.', { nullable: true }),
    ],
  },
  forum_posts: {
    key: 'forum_posts',
    from: (userId) => sql`from forum_posts fp where ${forumPostOwnedBy({ userId }, 'fp')}`,
    rowId: sql`fp.id::text`,
    deleteAt: null,
    order: { kind: 'keyset', at: sql`fp.created_at`, id: sql`fp.id` },
    fields: [
      field('id', 'Post number', 'integer', sql`fp.id`, 'Our number for the post or comment.'),
      field('kind', 'Kind', 'text', sql`case when fp.parent_id is null then 'post' else 'comment' end`, 'post (starts a thread) or comment.'),
      field('parentId', 'Comment on post', 'integer', sql`fp.parent_id`, 'For a comment: the number of the post it answers.', { nullable: true }),
      field('authorName', 'User name', 'text', sql`fp.author_name`, 'The name shown with the post.'),
      field('authorEmail', 'Email address', 'text', sql`fp.author_email`, 'Your email address (never shown publicly).', { nullable: true }),
      field('title', 'Title', 'text', sql`fp.title`, 'The title of a post; null for comments.', { nullable: true }),
      field('body', 'Text', 'text', sql`fp.body`, 'What you wrote.'),
      field('createdAt', 'Written on', 'date-time', sql`fp.created_at`, 'When you wrote it.'),
      field('updatedAt', 'Edited on', 'date-time', sql`fp.updated_at`, 'When you last edited it.', { nullable: true }),
      field('anonymisedAt', 'Anonymised on', 'date-time', sql`fp.anonymised_at`, 'When your name was removed from it.', { nullable: true }),
    ],
  },
  feed_subscriptions: {
    key: 'feed_subscriptions',
    from: (userId) => sql`from feed_subscriptions fs where fs.user_id = ${userId}`,
    rowId: sql`fs.id::text`,
    deleteAt: null,
    order: { kind: 'keyset', at: sql`fs.created_at`, id: sql`fs.id` },
    fields: [
      field('id', 'Subscription number', 'integer', sql`fs.id`, 'Our number for the subscription.'),
      field('email', 'Email address', 'text', sql`fs.email`, 'Where the feed is sent.'),
      field('topic', 'Topic', 'text', sql`fs.topic`, 'The thread whose comments you follow.'),
      field('subscribedAt', 'Subscribed on', 'date-time', sql`fs.created_at`, 'When you subscribed.'),
      field('confirmedAt', 'Confirmed on', 'date-time', sql`fs.confirmed_at`, 'When you clicked the confirmation link; null until then.', { nullable: true }),
    ],
  },
  consents: {
    key: 'consents',
    from: (userId) => sql`from consents c join purposes cp on cp.id = c.purpose_id where c.user_id = ${userId}`,
    rowId: sql`c.id::text`,
    // proof is kept for the period after the consent ended: by this withdrawal, or by a later one
    deleteAt: sql`(case when c.action = 'withdrawn' then c.created_at else (
      select min(w.created_at) from consents w
      where w.user_id = c.user_id and w.purpose_id = c.purpose_id and w.action = 'withdrawn' and w.created_at > c.created_at
    ) end + ${categoryPeriod('consents')})`,
    order: { kind: 'keyset', at: sql`c.created_at`, id: sql`c.id` },
    fields: [
      field('id', 'Record number', 'integer', sql`c.id`, 'Our number for the ledger entry.'),
      field('purpose', 'Purpose', 'text', (language) => registryTextSql(sql`cp.name`, sql`cp.name_de`, language), 'What the consent is for.'),
      field('purposeKey', 'Purpose key', 'text', sql`cp.slug`, 'A stable key for the purpose.'),
      field('action', 'Given or withdrawn', 'text', sql`c.action::text`, 'given or withdrawn.'),
      field('method', 'How', 'text', sql`c.method::text`, 'How you made the choice (e.g. banner_accept_all, settings_toggle).'),
      field('policyVersion', 'Privacy notice version', 'text', sql`c.policy_version`, 'The version of the notice you were shown.'),
      field('createdAt', 'Time', 'date-time', sql`c.created_at`, 'When you made the choice.'),
    ],
  },
  archive: {
    key: 'archive',
    from: (userId) => sql`from archived_changes a where a.user_id = ${userId} and a.table_name not in ${CREDENTIAL_TABLES}`,
    rowId: sql`a.id::text`,
    deleteAt: sql`(a.changed_at + ${categoryPeriod('archive')})`,
    order: { kind: 'keyset', at: sql`a.changed_at`, id: sql`a.id` },
    fields: [
      field('id', 'Archive number', 'integer', sql`a.id`, 'Our number for the archived change.'),
      field('table', 'Record', 'text', sql`a.table_name`, 'Where the changed data is kept.'),
      field('recordId', 'Record number', 'text', sql`a.row_id`, 'Which row of it changed.'),
      field('operation', 'Change', 'text', sql`a.operation::text`, 'UPDATE or DELETE.'),
      field('previousValues', 'Previous values', 'json', withoutSecrets(sql`a.old_row`), 'The row as it was before the change.'),
      field('newValues', 'New values', 'json', withoutSecrets(sql`a.new_row`), 'The row after the change; null for a deletion.', { nullable: true }),
      field('changedAt', 'Changed on', 'date-time', sql`a.changed_at`, 'When it changed.'),
      field('changedBy', 'Changed by', 'text', sql`a.actor_type::text`, 'customer, dpo, system or data_subject.'),
      field('reason', 'Reason', 'text', sql`a.reason`, 'Why it changed, where recorded.', { nullable: true }),
    ],
  },
  cookies: {
    key: 'cookies',
    // the current choice per cookie category is the latest ledger entry for its purpose
    from: (userId) => sql`from purposes kp left join lateral (
        select kc.action, kc.method, kc.created_at from consents kc
        where kc.user_id = ${userId} and kc.purpose_id = kp.id order by kc.created_at desc, kc.id desc limit 1
      ) latest on true
      where kp.cookie_category is not null`,
    rowId: sql`kp.slug`,
    deleteAt: null,
    order: { kind: 'fixed', by: sql`kp.sort_order, kp.id` },
    fields: [
      field('cookieCategory', 'Cookie category', 'text', sql`kp.cookie_category`, 'necessary, analytics, marketing or external_media.'),
      field('purpose', 'Purpose', 'text', (language) => registryTextSql(sql`kp.name`, sql`kp.name_de`, language), 'What the cookies are for.'),
      field(
        'choice',
        'Your choice',
        'text',
        sql`case when kp.cookie_category = 'necessary' then 'always on' else coalesce(latest.action::text, 'not chosen') end`,
        'always on (strictly necessary), given, withdrawn or not chosen.',
      ),
      field('chosenAt', 'Since', 'date-time', sql`latest.created_at`, 'When you made the choice.', { nullable: true }),
      field('method', 'How', 'text', sql`latest.method::text`, 'How you made the choice.', { nullable: true }),
    ],
  },
}

// What a person's requests left behind; not registry categories, but part of the copy.
export const RECORD_SPECS = {
  requests: {
    key: 'requests',
    from: (userId: string) => sql`from data_subject_requests r where r.user_id = ${userId}`,
    rowId: sql`r.id::text`,
    deleteAt: sql`(coalesce(r.completed_at, r.denied_at, r.withdrawn_at) + ${rulePeriod('requests_records')})`,
    order: { kind: 'keyset', at: sql`r.received_at`, id: sql`r.id` },
    fields: [
      field('number', 'Request number', 'text', sql`r.number`, 'The number to quote, e.g. DSR-2026-000042.'),
      field('type', 'Type', 'text', sql`r.type::text`, 'access, portability, rectification, erasure, restriction, objection, consent_withdrawal or other.'),
      field('status', 'Status', 'text', sql`r.status::text`, 'Where the request stands.'),
      field('category', 'Data concerned', 'text', sql`r.category_slug`, 'The data category concerned; null for all.', { nullable: true }),
      field('subject', 'Subject', 'text', (language) => requestSubjectSql(language), 'What the request is about, in your language; null where its type says it.', {
        nullable: true,
      }),
      field('details', 'Details', 'text', (language) => requestDetailsSql(language), 'What you wrote with the request.', { nullable: true }),
      field('receivedAt', 'Received', 'date-time', sql`r.received_at`, 'When we received it.'),
      field('dueAt', 'Due', 'date-time', sql`r.due_at`, 'When the answer is due (Art. 12(3) GDPR).'),
      field('extendedAt', 'Extended on', 'date-time', sql`r.extended_at`, 'When the deadline was extended.', { nullable: true }),
      field('extensionReason', 'Reason for the extension', 'text', sql`r.extension_reason`, 'Why it was extended.', { nullable: true }),
      field('completedAt', 'Completed', 'date-time', sql`r.completed_at`, 'When it was completed.', { nullable: true }),
      field('deniedAt', 'Denied on', 'date-time', sql`r.denied_at`, 'When it was denied.', { nullable: true }),
      field('denialReason', 'Reason for the denial', 'text', sql`r.denial_reason`, 'Why it was denied.', { nullable: true }),
      field('withdrawnAt', 'Withdrawn on', 'date-time', sql`r.withdrawn_at`, 'When you withdrew it.', { nullable: true }),
      field('clarificationQuestion', 'Question to you', 'text', sql`r.clarification_question`, 'What we asked you to clarify.', { nullable: true }),
      field('unfoundedJustification', 'Why it was found manifestly unfounded or excessive', 'text', sql`r.unfounded_justification`, 'Art. 12(5) GDPR.', { nullable: true }),
    ],
  },
  requestEvents: {
    key: 'request_events',
    // the DPO's internal notes stay with the controller; every other step is the person's to see
    from: (userId: string) =>
      sql`from dsr_events e join data_subject_requests er on er.id = e.request_id
        where er.user_id = ${userId} and e.kind not in (${sql.join(INTERNAL_EVENT_KINDS.map((k) => sql`${k}`), sql`, `)})`,
    rowId: sql`e.id::text`,
    deleteAt: sql`(coalesce(er.completed_at, er.denied_at, er.withdrawn_at) + ${rulePeriod('requests_records')})`,
    order: { kind: 'keyset', at: sql`e.created_at`, id: sql`e.id` },
    fields: [
      field('id', 'Event number', 'integer', sql`e.id`, 'Our number for the event.'),
      field('requestNumber', 'Request number', 'text', sql`er.number`, 'The request the event belongs to.'),
      field('kind', 'What happened', 'text', sql`e.kind`, 'e.g. received, status_changed, package_delivered.'),
      field('fromStatus', 'From status', 'text', sql`e.from_status::text`, 'Status before the event.', { nullable: true }),
      field('toStatus', 'To status', 'text', sql`e.to_status::text`, 'Status after the event.', { nullable: true }),
      field('actor', 'By', 'text', sql`e.actor_type::text`, 'customer, dpo, system or data_subject.'),
      field('note', 'Note', 'text', sql`e.note`, 'What was noted with the event.', { nullable: true }),
      field('createdAt', 'Time', 'date-time', sql`e.created_at`, 'When it happened.'),
    ],
  },
  restrictions: {
    key: 'restrictions',
    from: (userId: string) => sql`from restrictions x where x.user_id = ${userId}`,
    rowId: sql`x.id::text`,
    deleteAt: null,
    order: { kind: 'keyset', at: sql`x.created_at`, id: sql`x.id` },
    fields: [
      field('id', 'Restriction number', 'integer', sql`x.id`, 'Our number for the restriction.'),
      field('category', 'Data category', 'text', sql`x.category_slug`, 'The category restricted.'),
      field('recordId', 'Item', 'text', sql`x.row_id`, 'The item restricted; null for the whole category.', { nullable: true }),
      field('reason', 'Reason', 'text', sql`x.reason::text`, 'Why the data is restricted (Art. 18 GDPR).'),
      field('note', 'Note', 'text', sql`x.note`, 'What was noted with it.', { nullable: true }),
      field('createdAt', 'Since', 'date-time', sql`x.created_at`, 'When the restriction began.'),
      field('endsAt', 'Ends on', 'date-time', sql`x.ends_at`, 'When it ends by itself.', { nullable: true }),
      field('liftedAt', 'Lifted on', 'date-time', sql`x.lifted_at`, 'When it was lifted.', { nullable: true }),
    ],
  },
  supplementaryStatements: {
    key: 'supplementary_statements',
    from: (userId: string) => sql`from supplementary_statements st where st.user_id = ${userId}`,
    rowId: sql`st.id::text`,
    deleteAt: null,
    order: { kind: 'keyset', at: sql`st.created_at`, id: sql`st.id` },
    fields: [
      field('id', 'Statement number', 'integer', sql`st.id`, 'Our number for the statement.'),
      field('category', 'Data category', 'text', sql`st.category_slug`, 'The category it completes.'),
      field('recordId', 'Item', 'text', sql`st.row_id`, 'The item it completes; null for the whole category.', { nullable: true }),
      field('statement', 'Statement', 'text', sql`st.statement`, 'What you added (Art. 16 GDPR).'),
      field('createdAt', 'Added on', 'date-time', sql`st.created_at`, 'When you added it.'),
    ],
  },
  recipientNotifications: {
    key: 'recipient_notifications',
    from: (userId: string) => sql`from recipient_notifications rn join recipients rr on rr.id = rn.recipient_id
      left join data_subject_requests rq on rq.id = rn.request_id where rn.user_id = ${userId}`,
    rowId: sql`rn.id::text`,
    deleteAt: null,
    order: { kind: 'keyset', at: sql`rn.notified_at`, id: sql`rn.id` },
    fields: [
      field('id', 'Notice number', 'integer', sql`rn.id`, 'Our number for the notice.'),
      field('requestNumber', 'Request number', 'text', sql`rq.number`, 'The request that caused it.', { nullable: true }),
      field('recipient', 'Recipient', 'text', (language) => registryTextSql(sql`rr.name`, sql`rr.name_de`, language), 'Who was told (Art. 19 GDPR).'),
      field('kind', 'About', 'text', sql`rn.kind::text`, 'rectification, erasure or restriction.'),
      field('subject', 'What changed', 'text', (language) => recipientNoticeWordsSql(language).subject, 'What the recipient was told, in words.'),
      field('channel', 'How', 'text', (language) => recipientNoticeWordsSql(language).channel, 'How the recipient was told.'),
      field('notifiedAt', 'When', 'date-time', sql`rn.notified_at`, 'When the recipient was told.'),
    ],
  },
  deletionReceipts: {
    key: 'deletion_receipts',
    from: (userId: string) => sql`from deletion_receipts dr left join data_subject_requests dq on dq.id = dr.request_id where dr.user_id = ${userId}`,
    rowId: sql`dr.id::text`,
    deleteAt: null,
    order: { kind: 'keyset', at: sql`dr.created_at`, id: sql`dr.id` },
    fields: [
      field('id', 'Receipt number', 'integer', sql`dr.id`, 'Our number for the receipt.'),
      field('requestNumber', 'Request number', 'text', sql`dq.number`, 'The request that caused the deletion, if any.', { nullable: true }),
      field('rule', 'Retention rule', 'text', sql`dr.rule_slug`, 'The rule under which the data was deleted.'),
      field('table', 'Data', 'text', sql`dr.table_name`, 'Where the deleted data was kept.'),
      field('rowCount', 'Items deleted', 'integer', sql`dr.row_count`, 'How many items were deleted (never the data itself).'),
      field('deletedAt', 'Deleted on', 'date-time', sql`dr.created_at`, 'When they were deleted.'),
    ],
  },
  emails: {
    key: 'emails',
    // what we wrote to you and when; the bodies stay out, as they may hold confirmation codes
    from: (userId: string) => sql`from outbox_messages om where om.user_id = ${userId}`,
    rowId: sql`om.id::text`,
    deleteAt: null,
    order: { kind: 'keyset', at: sql`om.created_at`, id: sql`om.id` },
    fields: [
      field('id', 'Email number', 'integer', sql`om.id`, 'Our number for the email.'),
      field('to', 'To', 'text', sql`om.to_address`, 'The address it was sent to.'),
      field('subject', 'Subject', 'text', sql`om.subject`, 'The subject line.'),
      field('template', 'Kind', 'text', sql`om.template`, 'Which kind of email it was.'),
      field('status', 'Delivery', 'text', sql`om.status::text`, 'pending, sent or failed.'),
      field('createdAt', 'Written on', 'date-time', sql`om.created_at`, 'When it was written.'),
      field('sentAt', 'Sent on', 'date-time', sql`om.sent_at`, 'When it was delivered to the mail server.', { nullable: true }),
    ],
  },
  loginSessions: {
    key: 'login_sessions',
    // the session id is the login credential itself: never in the copy
    from: (userId: string) => sql`from sessions ls where ls.user_id = ${userId}`,
    rowId: sql`ls.created_at::text`,
    deleteAt: sql`ls.expires_at`,
    order: { kind: 'fixed', by: sql`ls.created_at desc` },
    fields: [
      field('device', 'Device', 'text', sql`ls.user_agent`, 'The browser description the session was opened with; never an IP address.', { nullable: true }),
      field('createdAt', 'Logged in', 'date-time', sql`ls.created_at`, 'When the session began.'),
      field('expiresAt', 'Ends', 'date-time', sql`ls.expires_at`, 'When the session ends without activity.'),
    ],
  },
} satisfies Record<string, SectionSpec>

export type RecordKey = keyof typeof RECORD_SPECS

// --- Queries ----------------------------------------------------------------------------------

export type JsonValue = string | number | boolean | null | { [key: string]: unknown }
export interface Item {
  rowId: string
  values: Record<string, JsonValue>
}

export interface Cursor {
  at: string
  id: string
}

interface Row {
  row_id: string
  sort_at?: string | null
  sort_id?: string | null
  [column: string]: unknown
}

function selectList(spec: SectionSpec, withSortKey: boolean, language: Language) {
  const columns = sectionFields(spec).map((f) => sql`${selectExpression(f, language)} as ${sql.identifier(f.key)}`)
  const sortColumns =
    withSortKey && spec.order.kind === 'keyset' ? [sql`${exactTime(spec.order.at)} as sort_at`, sql`(${spec.order.id})::text as sort_id`] : []
  return sql.join([sql`${spec.rowId} as row_id`, ...sortColumns, ...columns], sql`, `)
}

function sectionQuery(spec: SectionSpec, userId: string, language: Language, page?: { after: Cursor | null; limit: number }) {
  // only a page needs the exact sort key, to make the link to the next one
  const base = sql`select ${selectList(spec, Boolean(page), language)} ${spec.from(userId)}`
  // a fixed-order section is a handful of rows: always whole
  if (spec.order.kind === 'fixed') return sql`${base} order by ${spec.order.by}`
  const { at, id } = spec.order
  const after = page?.after ? sql` and (${at}, ${id}) < (${page.after.at}::timestamptz, ${page.after.id}::int8)` : sql``
  const limit = page ? sql` limit ${page.limit}` : sql``
  return sql`${base}${after} order by ${at} desc, ${id} desc${limit}`
}

function toItem(fields: FieldSpec[], row: Row): Item {
  const values: Record<string, JsonValue> = {}
  for (const f of fields) values[f.key] = jsonValue(f, row[f.key])
  return { rowId: String(row.row_id), values }
}

const PAGE_SIZE = 50

/** One page, newest first. `nextCursor` is set when older items exist. */
export async function loadSectionPage({
  spec,
  userId,
  after,
  limit = PAGE_SIZE,
  language = FALLBACK_LANGUAGE,
}: {
  spec: SectionSpec
  userId: string
  after: Cursor | null
  limit?: number
  language?: Language
}) {
  const rows = (await db.execute(sectionQuery(spec, userId, language, { after, limit: limit + 1 }))) as unknown as Row[]
  const fields = sectionFields(spec)
  const paged = spec.order.kind === 'keyset'
  const items = (paged ? rows.slice(0, limit) : rows).map((row) => toItem(fields, row))
  const last = paged && rows.length > limit ? rows[limit - 1] : null
  const nextCursor = last && last.sort_at && last.sort_id ? { at: last.sort_at, id: last.sort_id } : null
  return { items, nextCursor }
}

export async function countSection({ spec, userId }: { spec: SectionSpec; userId: string }) {
  const [row] = (await db.execute(sql`select count(*)::int as count ${spec.from(userId)}`)) as unknown as { count: number }[]
  return row.count
}

const dialect = new PgDialect()

/**
 * Every item of a section as its values in field order (sectionFields), newest first, read through a
 * server-side cursor in batches on the caller's reserved connection, so that all sections of a copy
 * come from one snapshot. Arrays, not objects: a large copy converts hundreds of thousands of rows.
 */
export async function* streamSection({
  connection,
  spec,
  userId,
  batchSize = 500,
  language = FALLBACK_LANGUAGE,
}: {
  connection: ReservedSql
  spec: SectionSpec
  userId: string
  batchSize?: number
  language?: Language
}) {
  const query = dialect.sqlToQuery(sectionQuery(spec, userId, language))
  const fields = sectionFields(spec)
  const batches = connection.unsafe(query.sql, query.params as never[]).values().cursor(batchSize)[Symbol.asyncIterator]()
  let done = false
  // one batch read ahead: PostgreSQL produces the next batch while this one is written out
  let next: Promise<IteratorResult<unknown>> | null = null
  const readAhead = () => {
    // (the driver answers a finished cursor with a plain object)
    const promise = Promise.resolve(batches.next())
    // a failure while this generator waits at a yield is not unhandled: it is rethrown below
    promise.catch(() => {})
    return (next = promise)
  }
  try {
    let pending = readAhead()
    while (true) {
      const result = await pending
      next = null
      if (result.done) break
      pending = readAhead()
      const rows = result.value as unknown as unknown[][]
      const values: JsonValue[][] = new Array(rows.length)
      // column 0 is row_id; the fields follow in order
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]
        const converted: JsonValue[] = new Array(fields.length)
        for (let i = 0; i < fields.length; i++) converted[i] = jsonValue(fields[i], row[i + 1])
        values[r] = converted
      }
      yield values
    }
    done = true
  } finally {
    // A reader that stopped early closes the cursor, so the connection is free again. A batch still
    // on its way must arrive first: the driver closes the cursor only between batches, and one
    // closed too soon leaves the connection waiting forever, in its transaction.
    if (!done) {
      if (next) await next.catch(() => {})
      await batches.return?.()
    }
  }
}

// --- Cursors in URLs ----------------------------------------------------------------------------

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
const CURSOR_ID = /^[1-9]\d{0,17}$/

export function encodeCursor(cursor: Cursor) {
  return Buffer.from(`${cursor.at}|${cursor.id}`, 'utf8').toString('base64url')
}

/** The cursor in a link, or null when it was not one we made (edited, truncated, from elsewhere). */
export function decodeCursor(token: string): Cursor | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(token)) return null
  const [at, id, ...rest] = Buffer.from(token, 'base64url').toString('utf8').split('|')
  if (rest.length > 0 || !at || !id || !CURSOR_TIME.test(at) || !CURSOR_ID.test(id)) return null
  if (Number.isNaN(Date.parse(at))) return null
  return { at, id }
}

// --- What a person reads ------------------------------------------------------------------------

const BYTE_UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB']
const WORDS: Record<Language, { bytes: string; yes: string; no: string }> = {
  de: { bytes: 'Byte', yes: 'Ja', no: 'Nein' },
  en: { bytes: 'bytes', yes: 'Yes', no: 'No' },
}
const oneDecimal = {
  de: new Intl.NumberFormat(LOCALES.de, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }),
  en: new Intl.NumberFormat(LOCALES.en, { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false }),
}
const twoDecimals = {
  de: new Intl.NumberFormat(LOCALES.de, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }),
  en: new Intl.NumberFormat(LOCALES.en, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }),
}

function formatBytes(bytes: number, language: Language) {
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024
    unit++
  }
  return unit === 0 ? `${value} ${WORDS[language].bytes}` : `${oneDecimal[language].format(value)} ${BYTE_UNITS[unit]}`
}

// formatDateTime's output, built from cached pieces: Intl costs microseconds per call, and a large
// copy formats hundreds of thousands of times. A zone's offset changes at most once a day, on a
// quarter hour: a UTC day with the same offset at both ends is looked up once.
const DAY_MS = 86_400_000
const QUARTER_HOUR = 15 * 60_000
const dayOffsets = new Map<number, number | null>()
const quarterOffsets = new Map<number, number>()
const localDates = { de: new Map<number, string>(), en: new Map<number, string>() }
const zoneParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: DISPLAY_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
})
const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

function offsetAt(at: number) {
  const p = Object.fromEntries(zoneParts.formatToParts(at).map((x) => [x.type, Number(x.value)]))
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at
}

function remember<K, V>(map: Map<K, V>, key: K, value: V) {
  if (map.size > 100_000) map.clear()
  map.set(key, value)
  return value
}

function zoneOffset(ms: number) {
  const day = Math.floor(ms / DAY_MS)
  let offset = dayOffsets.get(day)
  if (offset === undefined) {
    const start = offsetAt(day * DAY_MS)
    offset = remember(dayOffsets, day, start === offsetAt((day + 1) * DAY_MS - QUARTER_HOUR) ? start : null)
  }
  if (offset !== null) return offset
  // the day the clocks change
  const quarter = Math.floor(ms / QUARTER_HOUR)
  return quarterOffsets.get(quarter) ?? remember(quarterOffsets, quarter, offsetAt(quarter * QUARTER_HOUR))
}

export function formatDateTimeFast(iso: string, language: Language = 'en') {
  const ms = Date.parse(iso)
  const offset = zoneOffset(ms)
  const localMs = ms + offset
  const dayNumber = Math.floor(localMs / DAY_MS)
  let day = localDates[language].get(dayNumber)
  if (day === undefined) {
    // noon of that local day, far from any clock change
    day = remember(localDates[language], dayNumber, formatDate(new Date(dayNumber * DAY_MS + 12 * 3_600_000 - offset), language))
  }
  const minuteOfDay = Math.floor((localMs - dayNumber * DAY_MS) / 60_000)
  return `${day}, ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`
}

/** A value as text for people, in their language: the page and index.html show the same. */
export function displayValue(f: FieldSpec, value: JsonValue, currency?: JsonValue, language: Language = 'en'): string {
  if (value === null) return '—'
  switch (f.type) {
    case 'date-time':
      return formatDateTimeFast(value as string, language)
    case 'date':
      return formatDate(`${value as string}T12:00:00Z`, language)
    case 'boolean':
      return value ? WORDS[language].yes : WORDS[language].no
    case 'json':
      return JSON.stringify(value)
    case 'integer':
      if (f.unit === 'bytes') return formatBytes(value as number, language)
      if (f.unit === 'cents') return `${twoDecimals[language].format((value as number) / 100)}${typeof currency === 'string' ? ` ${currency}` : ''}`
      return String(value)
    default:
      return String(value)
  }
}

/** A row's values (in field order) as text; without a deletion date, the rule that ends the item says when. */
export function rowCells(fields: FieldSpec[], values: JsonValue[], retentionName?: string, language: Language = 'en') {
  const cells: string[] = new Array(fields.length)
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]
    const value = values[i]
    if (value === null && retentionName && f.key === DELETE_AT_FIELD_KEY) cells[i] = retentionName
    else cells[i] = displayValue(f, value, f.unit === 'cents' ? values[fields.findIndex((c) => c.key === 'currency')] : undefined, language)
  }
  return cells
}

export function itemCells(fields: FieldSpec[], item: Item, retentionName?: string, language: Language = 'en') {
  return rowCells(
    fields,
    fields.map((f) => item.values[f.key]),
    retentionName,
    language,
  )
}

export type CategoryMeta = Awaited<ReturnType<typeof getCategoryRegistry>>[number]

/** Every registry category with its purpose, legal basis, retention, recipients and source, in display order. */
export async function getCategoryRegistry(language: Language = FALLBACK_LANGUAGE) {
  const purposes = await getPurposes({ language })
  const t = fixedT(language)
  return purposes
    .flatMap((purpose) =>
      purpose.categories.map((category) => ({
        slug: category.slug as DataCategorySlug,
        name: category.name,
        description: category.description,
        storedFields: category.fields,
        sortOrder: category.sortOrder,
        purpose: { slug: purpose.slug, name: purpose.name, description: purpose.description },
        legalBasis: { article: purpose.legalBasis.article, description: purpose.legalBasis.description },
        retention: {
          name: category.retention.name,
          description: category.retention.description,
          legalReason: category.retention.legalReason,
          isLegalHold: category.retention.isLegalHold,
        },
        source: { code: category.source, description: DATA_SOURCE_KEYS[category.source] ? t(DATA_SOURCE_KEYS[category.source]) : category.source },
        recipients: purpose.recipients.map((r) => ({
          name: r.name,
          kind: r.kind,
          service: r.service,
          country: r.country,
          safeguards: r.safeguards,
        })),
      })),
    )
    .filter((c) => c.slug in CATEGORY_SPECS)
    .sort((a, b) => a.sortOrder - b.sortOrder)
}

export function isPaginatedCategory(slug: string): slug is DataCategorySlug {
  return slug in CATEGORY_SPECS && CATEGORY_SPECS[slug as DataCategorySlug].order.kind === 'keyset'
}
