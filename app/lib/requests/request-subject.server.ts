// A request's subject as its reader reads it. People file requests by type and write their own details; the
// subject line is the portal's, and older rows (and some still written today) carry it in English. Those texts
// are known exactly, so each is said in the reader's words (a catalogue key in requests.json), or left out
// where the request's type already says it (null): the filed types' labels and "Copy of your data (access
// package)", which the access package no longer stores. Any other subject is shown as stored.
// What a subject names is never taken in its stored English: a category by the request's category_slug, the
// purposes of a withdrawn consent by the request's own consent_withdrawn step (which lists them by slug), each
// in the reader's language from the registry; a request number is taken from the text itself.
import { sql, type SQL } from 'drizzle-orm'
import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
import { db } from '#db/client.server'
import { fixedT } from '../platform/i18n.server'
import { categoryNameOf, registryTextSql } from '../registry/registry.server'
import { DSR_TYPE_LABELS } from './dsr.server'

const SAID_BY_THE_TYPE = ['Copy of your data (access package)', ...Object.values(DSR_TYPE_LABELS)]

const EXACT_KEYS: Record<string, string> = {
  'Account cancellation': 'requests:subject.accountCancellation',
  'Erase my data': 'requests:subject.eraseMyData',
  'Erase a forum post': 'requests:subject.eraseForumPost',
  'Erase a forum comment': 'requests:subject.eraseForumComment',
  'Username corrected': 'requests:subject.usernameCorrected',
  'Email address corrected': 'requests:subject.emailCorrected',
  'Configuration settings corrected': 'requests:subject.settingsCorrected',
  'Forum display name corrected': 'requests:subject.forumNameCorrected',
  'Forum post corrected': 'requests:subject.forumPostCorrected',
  'Contact details corrected': 'requests:subject.contactCorrected',
}

// "<prefix><the category's English name>" on a request that names its category: said with the category's
// name in the reader's language. Longest prefix first ("Correction of a record in" before "Correction of").
const CATEGORY_PREFIX_KEYS: [prefix: string, key: string][] = [
  ['Correction of a record in ', 'requests:subject.correctionOfRecordIn'],
  ['Supplementary statement on ', 'requests:subject.statementOn'],
  ['Correction of ', 'requests:subject.correctionOf'],
  ['Erase: ', 'requests:subject.eraseCategory'],
]

// "Consent withdrawn: <the purposes' English names>" (consent.server.ts): said with the purposes' names.
const CONSENT_WITHDRAWN: [prefix: string, key: string] = ['Consent withdrawn: ', 'requests:subject.consentWithdrawn']

// Subjects that carry a request number: the same pattern in JavaScript and in PostgreSQL (~), its one group the number.
const NUMBER_PATTERNS: [pattern: string, key: string][] = [
  ['^Email change (DSR-[0-9]+-[0-9]+) reported as not made by the account holder$', 'requests:subject.emailChangeReported'],
]

/**
 * The names of the purposes a consent_withdrawal request withdrew, in the reader's language and the registry's
 * order, read from the request's consent_withdrawn step; null where it names none the registry knows.
 */
function withdrawnPurposesSql(language: Language, requestId: SQL): SQL<string | null> {
  const name = registryTextSql(sql`cwp.name`, sql`cwp.name_de`, language)
  return sql<string | null>`(select string_agg(${name}, ', ' order by cwp.sort_order, cwp.slug)
    from dsr_events cwe
    cross join lateral jsonb_array_elements_text(case when jsonb_typeof(cwe.data -> 'purposes') = 'array' then cwe.data -> 'purposes' else '[]'::jsonb end) as cws(slug)
    join purposes cwp on cwp.slug = cws.slug
    where cwe.request_id = ${requestId} and cwe.kind = 'consent_withdrawn')`
}

export interface ShownSubject {
  text: string
  /** true: the portal's words in the reader's language; false: the text as stored (English) */
  translated: boolean
}

/** The subject to show, or null where there is none or the type says it. */
export async function requestSubject(
  t: TFunction,
  language: Language,
  request: { id: number; subject: string | null; categorySlug: string | null },
): Promise<ShownSubject | null> {
  const { subject, categorySlug } = request
  if (!subject || SAID_BY_THE_TYPE.includes(subject)) return null
  const key = EXACT_KEYS[subject]
  if (key) return { text: t(key), translated: true }
  if (subject.startsWith(CONSENT_WITHDRAWN[0])) {
    const [row] = await db.execute<{ names: string | null }>(sql`select ${withdrawnPurposesSql(language, sql`${request.id}`)} as names`)
    if (row?.names) return { text: t(CONSENT_WITHDRAWN[1], { purposes: row.names }), translated: true }
  }
  for (const [pattern, numberKey] of NUMBER_PATTERNS) {
    const number = new RegExp(pattern).exec(subject)?.[1]
    if (number) return { text: t(numberKey, { number }), translated: true }
  }
  if (categorySlug) {
    const rule = CATEGORY_PREFIX_KEYS.find(([prefix]) => subject.startsWith(prefix))
    const name = rule ? await categoryNameOf(categorySlug, language) : null
    if (rule && name) return { text: t(rule[1], { name }), translated: true }
  }
  return { text: subject, translated: false }
}

/** requestSubject in SQL, for the row `r` of data_subject_requests (the access package and My data). */
export function requestSubjectSql(language: Language, subject: SQL = sql`r.subject`, categorySlug: SQL = sql`r.category_slug`, requestId: SQL = sql`r.id`): SQL {
  const t = fixedT(language)
  const name = sql`(select ${registryTextSql(sql`sc.name`, sql`sc.name_de`, language)} from data_categories sc where sc.slug = ${categorySlug})`
  const marker = '\u0000'
  // the catalogue's words around one value, for "before || value || after"
  const around = (key: string, param: string) => {
    const [before, after] = t(key, { [param]: marker }).split(marker)
    return { before, after: after ?? '' }
  }
  const purposes = withdrawnPurposesSql(language, requestId)
  const consent = around(CONSENT_WITHDRAWN[1], 'purposes')
  const cases = [
    sql`when ${subject} in (${sql.join(SAID_BY_THE_TYPE.map((s) => sql`${s}`), sql`, `)}) then null`,
    ...Object.entries(EXACT_KEYS).map(([english, key]) => sql`when ${subject} = ${english} then ${t(key)}`),
    sql`when left(${subject}, ${CONSENT_WITHDRAWN[0].length}) = ${CONSENT_WITHDRAWN[0]} and ${purposes} is not null then ${consent.before} || ${purposes} || ${consent.after}`,
    ...NUMBER_PATTERNS.map(([pattern, key]) => {
      const { before, after } = around(key, 'number')
      return sql`when ${subject} ~ ${pattern} then ${before} || substring(${subject} from ${pattern}) || ${after}`
    }),
    ...CATEGORY_PREFIX_KEYS.map(([prefix, key]) => {
      const { before, after } = around(key, 'name')
      return sql`when left(${subject}, ${prefix.length}) = ${prefix} and ${name} is not null then ${before} || ${name} || ${after}`
    }),
  ]
  return sql`(case ${sql.join(cases, sql` `)} else ${subject} end)`
}

// The one details text the portal writes itself, with the report of an email change (rectification.server.ts);
// people's own details are shown as they wrote them.
const PORTAL_DETAILS: Record<string, string> = {
  'Reported with the link in the notice sent to the previous email address. All sessions of the account were ended.': 'requests:detailsText.emailChangeReported',
}

/** A request's details as its reader reads them: the portal's own text in the reader's words, people's as written. */
export function requestDetails(t: TFunction, details: string | null): ShownSubject | null {
  if (!details) return null
  const key = PORTAL_DETAILS[details]
  return key ? { text: t(key), translated: true } : { text: details, translated: false }
}

/** requestDetails in SQL, for the row `r` of data_subject_requests. */
export function requestDetailsSql(language: Language, details: SQL = sql`r.details`): SQL {
  const t = fixedT(language)
  const cases = Object.entries(PORTAL_DETAILS).map(([english, key]) => sql`when ${details} = ${english} then ${t(key)}`)
  return sql`(case ${sql.join(cases, sql` `)} else ${details} end)`
}
