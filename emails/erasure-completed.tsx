import { translateMessage } from '~/i18n/translate'
import { EmailLayout, Greeting, LinkLine, Paragraph, type EmailContext } from './_components/layout'
import { emailText, type EmailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// The receipt of an erasure someone asked for: what went, how much, and where the request is recorded.
export interface ErasureCompletedProps {
  /** the account's username; null for people without an account */
  name: string | null
  /** what was erased: the registry's category name(s), or a message key ("emails:erasureCompleted.aForumPost") */
  what: string
  rows: number
  action: 'deleted' | 'anonymised'
  requestNumber: string
  /** the customer's request history; null for people without an account */
  requestsUrl: string | null
}

const KEYS = {
  deleted: { preview: 'emails:erasureCompleted.preview.deleted', body: 'emails:erasureCompleted.body.deleted', note: 'emails:erasureCompleted.deletedNote' },
  anonymised: { preview: 'emails:erasureCompleted.preview.anonymised', body: 'emails:erasureCompleted.body.anonymised', note: 'emails:erasureCompleted.anonymisedNote' },
} as const

// English reads the category inside the sentence ("we deleted forum posts and comments"); German keeps its nouns.
export function erasedWhat(what: string, { t, language }: Pick<EmailText, 't' | 'language'>) {
  const words = translateMessage(t, what) ?? what
  return language === 'en' ? words.toLowerCase() : words
}

export function ErasureCompleted({ name, what, rows, action, requestNumber, requestsUrl, ...context }: ErasureCompletedProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  const label = translateMessage(t, what) ?? what
  return (
    <EmailLayout preview={t(KEYS[action].preview, { what: label, count: rows })} heading={t('emails:erasureCompleted.heading')} {...context}>
      <Greeting name={name} language={context.language} />
      <Paragraph>
        {t(KEYS[action].body, { what: erasedWhat(what, text), count: rows })} {t(KEYS[action].note)}
      </Paragraph>
      <Paragraph>
        {t('emails:erasureCompleted.number', { requestNumber })}
        {requestsUrl ? ` ${t('emails:erasureCompleted.where')}` : ''}
      </Paragraph>
      {requestsUrl ? <LinkLine href={requestsUrl}>{t('emails:erasureCompleted.requestsLink')}</LinkLine> : null}
    </EmailLayout>
  )
}

ErasureCompleted.PreviewProps = {
  name: 'jane',
  what: 'Forum posts and comments',
  rows: 3,
  action: 'deleted',
  requestNumber: 'DSR-2026-000042',
  requestsUrl: 'http://localhost:3000/requests',
  ...previewContext,
} satisfies ErasureCompletedProps & EmailContext

export default ErasureCompleted
