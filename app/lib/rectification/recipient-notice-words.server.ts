// A notice to a recipient (Art. 19) as the person reads it on their request's page, in My data and in the access
// package: what it was about and how it went, in the reader's language. Each row keeps what the portal wrote in
// English (subject, channel) and, since decision 099, the same as codes (about, channel_code, addressee). Rows
// written before carry only the English, which the portal wrote from a fixed set of texts: those are read back
// into codes; a text outside that set is shown as stored.
import { sql, type SQL } from 'drizzle-orm'
import type { TFunction } from 'i18next'
import type { RecipientNoticeAbout, RecipientNoticeChannel } from '#db/schema'
import type { Language } from '~/i18n/config'
import { fixedT } from '../platform/i18n.server'

/** What the portal stores in English beside the codes: the subject of each kind of notice. */
export const NOTICE_SUBJECTS: Record<RecipientNoticeAbout, string> = {
  email: 'Email address corrected',
  payment: 'Payment record corrected',
  referral: 'Referral record corrected',
  forum_name: 'Forum display name corrected',
  forum_post: 'Forum post corrected',
}

const EMAIL_TO = 'Email to '
/** ... and how it went. */
export const NOTICE_CHANNELS: Record<RecipientNoticeChannel, (addressee: string) => string> = {
  email_to_recipient: (addressee) => `${EMAIL_TO}${addressee}`,
  email_via_dpo: () => 'Email to the data protection officer, who passes it on to the recipient',
  published: () => 'Published: the forum shows the corrected version at once',
}

const ABOUT_KEYS: Record<RecipientNoticeAbout, string> = {
  email: 'requests:subject.emailCorrected',
  payment: 'requests:subject.paymentCorrected',
  referral: 'requests:subject.referralCorrected',
  forum_name: 'requests:subject.forumNameCorrected',
  forum_post: 'requests:subject.forumPostCorrected',
}

const CHANNEL_KEYS: Record<RecipientNoticeChannel, string> = {
  email_to_recipient: 'requests:notice.emailToRecipient',
  email_via_dpo: 'requests:notice.emailViaDpo',
  published: 'requests:notice.published',
}

const ABOUT_OF_SUBJECT = new Map(Object.entries(NOTICE_SUBJECTS).map(([about, english]) => [english, about as RecipientNoticeAbout]))
const FIXED_CHANNELS = (['email_via_dpo', 'published'] as const).map((code) => [NOTICE_CHANNELS[code](''), code] as const)

export interface NoticeRow {
  subject: string
  channel: string
  about: RecipientNoticeAbout | null
  channelCode: RecipientNoticeChannel | null
  addressee: string | null
}

export interface ShownText {
  text: string
  /** true: the portal's words in the reader's language; false: the text as stored (English) */
  translated: boolean
}

function channelOf(row: NoticeRow): { code: RecipientNoticeChannel; addressee: string } | null {
  if (row.channelCode) return { code: row.channelCode, addressee: row.addressee ?? '' }
  const fixed = FIXED_CHANNELS.find(([english]) => english === row.channel)
  if (fixed) return { code: fixed[1], addressee: '' }
  return row.channel.startsWith(EMAIL_TO) ? { code: 'email_to_recipient', addressee: row.channel.slice(EMAIL_TO.length) } : null
}

/** What a notice was about and how it went, in the reader's words. */
export function recipientNoticeWords(t: TFunction, row: NoticeRow): { subject: ShownText; channel: ShownText } {
  const about = row.about ?? ABOUT_OF_SUBJECT.get(row.subject)
  const channel = channelOf(row)
  return {
    subject: about ? { text: t(ABOUT_KEYS[about]), translated: true } : { text: row.subject, translated: false },
    channel: channel ? { text: t(CHANNEL_KEYS[channel.code], { name: channel.addressee }), translated: true } : { text: row.channel, translated: false },
  }
}

/** recipientNoticeWords in SQL, for the row `rn` of recipient_notifications (My data and the access package). */
export function recipientNoticeWordsSql(language: Language): { subject: SQL; channel: SQL } {
  const t = fixedT(language)
  const about = sql`coalesce(rn.about, case rn.subject ${sql.join(
    Object.entries(NOTICE_SUBJECTS).map(([code, english]) => sql`when ${english} then ${code}`),
    sql` `,
  )} end)`
  const fixed = FIXED_CHANNELS.map(([english, code]) => sql`when rn.channel = ${english} then ${code}`)
  const code = sql`coalesce(rn.channel_code, case ${sql.join(fixed, sql` `)} when left(rn.channel, ${EMAIL_TO.length}) = ${EMAIL_TO} then 'email_to_recipient' end)`
  const addressee = sql`coalesce(rn.addressee, substr(rn.channel, ${EMAIL_TO.length + 1}))`
  const marker = '\u0000'
  const channelCases = Object.entries(CHANNEL_KEYS).map(([channel, key]) => {
    const [before, after] = t(key, { name: marker }).split(marker)
    return after === undefined ? sql`when ${channel} then ${before}` : sql`when ${channel} then ${before} || ${addressee} || ${after}`
  })
  return {
    subject: sql`(case ${about} ${sql.join(
      Object.entries(ABOUT_KEYS).map(([a, key]) => sql`when ${a} then ${t(key)}`),
      sql` `,
    )} else rn.subject end)`,
    channel: sql`(case ${code} ${sql.join(channelCases, sql` `)} else rn.channel end)`,
  }
}
