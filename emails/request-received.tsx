import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText, REQUEST_TYPE_KEYS, type RequestType } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// The receipt: the number to quote and the date by which the law says we answer (Art. 12(3)).
export interface RequestReceivedProps {
  number: string
  type: RequestType
  receivedAt: Date
  dueAt: Date
  /** the person's status page: /requests/$id for customers, the private status link for people without an account */
  statusUrl: string
  /** true when statusUrl is a private link that works without logging in */
  privateLink: boolean
}

export function RequestReceived({ number, type, receivedAt, dueAt, statusUrl, privateLink, ...context }: RequestReceivedProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  return (
    <EmailLayout preview={t('emails:requestReceived.preview', { number, date: text.date(dueAt) })} heading={t('emails:requestReceived.heading')} {...context}>
      <RequestFacts
        facts={[
          [t('emails:facts.number'), number],
          [t('emails:facts.type'), t(REQUEST_TYPE_KEYS[type])],
          [t('emails:requestReceived.received'), text.dateTime(receivedAt)],
          [t('emails:requestReceived.answerBy'), text.date(dueAt)],
        ]}
      />
      <Paragraph>{t('emails:requestReceived.law')}</Paragraph>
      <ButtonLink href={statusUrl}>{t('emails:facts.follow')}</ButtonLink>
      {privateLink ? <Paragraph>{t('emails:requestReceived.privateLink')}</Paragraph> : null}
    </EmailLayout>
  )
}

RequestReceived.PreviewProps = {
  number: 'DSR-2026-000042',
  type: 'erasure',
  receivedAt: new Date('2026-11-21T09:15:00Z'),
  dueAt: new Date('2026-12-21T11:00:00Z'),
  statusUrl: 'http://localhost:3000/requests/status/abc',
  privateLink: true,
  ...previewContext,
} satisfies RequestReceivedProps & EmailContext

export default RequestReceived
