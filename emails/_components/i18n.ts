// Emails are written on the server, in the recipient's language: the words come from the `emails`
// catalogue (app/locales/<lng>/emails.json), dates in that language's form, always in Berlin time.
import type { TFunction } from 'i18next'
import type { dsrType } from '#db/schema'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { fixedT } from '~/lib/platform/i18n.server'

export type { Language } from '~/i18n/config'

export interface EmailText {
  t: TFunction
  language: Language
  date(value: Date | string): string
  dateTime(value: Date | string): string
}

export function emailText(language: Language = FALLBACK_LANGUAGE): EmailText {
  return {
    t: fixedT(language),
    language,
    date: (value) => formatDate(value, language),
    dateTime: (value) => formatDateTime(value, language),
  }
}

// The kinds of request as the person reads them; an explicit map so the catalogue check sees every key.
export const REQUEST_TYPE_KEYS = {
  access: 'emails:requestType.access',
  portability: 'emails:requestType.portability',
  rectification: 'emails:requestType.rectification',
  erasure: 'emails:requestType.erasure',
  restriction: 'emails:requestType.restriction',
  objection: 'emails:requestType.objection',
  consent_withdrawal: 'emails:requestType.consent_withdrawal',
  other: 'emails:requestType.other',
} as const satisfies Record<(typeof dsrType.enumValues)[number], string>

export type RequestType = keyof typeof REQUEST_TYPE_KEYS
