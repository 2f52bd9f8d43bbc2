import { Paragraph } from './layout'
import { emailText, type Language } from './i18n'

// What a cancellation deletes and keeps, in the recipient's language (cancellation.server.ts describeForEmail).
export interface DeletedItem {
  /** the registry's category name, or a record kind already in the recipient's language */
  what: string
  rows: number
  anonymised?: boolean
}

export interface KeptItem {
  what: string
  rows: number
  /** the latest moment it is deleted; null where the rule names no period (then `rule` says when) */
  until: Date | null
  rule: string
  /** the legal reason from the registry */
  reason: string
}

export function deletedList(items: DeletedItem[], language?: Language) {
  const { t } = emailText(language)
  return items
    .map((i) => {
      const what = i.anonymised ? t('emails:cancellation.anonymised', { what: i.what }) : i.what
      return i.rows > 0 ? t('emails:cancellation.item', { what, rows: i.rows }) : what
    })
    .join('; ')
}

export function KeptList({ items, language }: { items: KeptItem[]; language?: Language }) {
  const text = emailText(language)
  const { t } = text
  return (
    <>
      {items.map((k) => {
        const what = t('emails:cancellation.item', { what: k.what, rows: k.rows })
        return (
          <Paragraph key={k.what}>
            {k.until
              ? t('emails:cancellation.keptUntil', { what, until: text.date(k.until), reason: k.reason })
              : t('emails:cancellation.keptByRule', { what, rule: k.rule, reason: k.reason })}
          </Paragraph>
        )
      })}
    </>
  )
}
