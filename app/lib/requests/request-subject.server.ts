// A request's subject as its reader reads it. People file requests by type and write their own details; the
// subject line is the portal's, and older rows (and some still written today) carry it in English. Those texts
// are known exactly, so each is said in the reader's words (a catalogue key in requests.json), or left out
// where the request's type already says it (null): the filed types' labels and "Copy of your data (access
// package)", which the access package no longer stores. Any other subject is shown as stored.
import { sql, type SQL } from 'drizzle-orm'
import type { TFunction } from 'i18next'
import type { Language } from '~/i18n/config'
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

export interface ShownSubject {
  text: string
  /** true: the portal's words in the reader's language; false: the text as stored (English) */
  translated: boolean
}

/** The subject to show, or null where there is none or the type says it. */
export async function requestSubject(t: TFunction, language: Language, request: { subject: string | null; categorySlug: string | null }): Promise<ShownSubject | null> {
  const { subject, categorySlug } = request
  if (!subject || SAID_BY_THE_TYPE.includes(subject)) return null
  const key = EXACT_KEYS[subject]
  if (key) return { text: t(key), translated: true }
  if (categorySlug) {
    const rule = CATEGORY_PREFIX_KEYS.find(([prefix]) => subject.startsWith(prefix))
    const name = rule ? await categoryNameOf(categorySlug, language) : null
    if (rule && name) return { text: t(rule[1], { name }), translated: true }
  }
  return { text: subject, translated: false }
}

/** requestSubject in SQL, for the row `r` of data_subject_requests (the access package and My data). */
export function requestSubjectSql(language: Language, subject: SQL = sql`r.subject`, categorySlug: SQL = sql`r.category_slug`): SQL {
  const t = fixedT(language)
  const name = sql`(select ${registryTextSql(sql`sc.name`, sql`sc.name_de`, language)} from data_categories sc where sc.slug = ${categorySlug})`
  const marker = '\u0000'
  const cases = [
    sql`when ${subject} in (${sql.join(SAID_BY_THE_TYPE.map((s) => sql`${s}`), sql`, `)}) then null`,
    ...Object.entries(EXACT_KEYS).map(([english, key]) => sql`when ${subject} = ${english} then ${t(key)}`),
    ...CATEGORY_PREFIX_KEYS.map(([prefix, key]) => {
      const [before, after] = t(key, { name: marker }).split(marker)
      return sql`when left(${subject}, ${prefix.length}) = ${prefix} and ${name} is not null then ${before} || ${name} || ${after ?? ''}`
    }),
  ]
  return sql`(case ${sql.join(cases, sql` `)} else ${subject} end)`
}
