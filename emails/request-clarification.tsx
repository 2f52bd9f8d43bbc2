import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText, REQUEST_TYPE_KEYS, type RequestType } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// The DPO needs to know more; the person answers through the link, without logging in.
export interface RequestClarificationProps {
  number: string
  type: RequestType
  question: string
  answerUrl: string
  dueAt: Date
}

export function RequestClarification({ number, type, question, answerUrl, dueAt, ...context }: RequestClarificationProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  return (
    <EmailLayout preview={t('emails:requestClarification.subject', { number })} heading={t('emails:requestClarification.heading')} {...context}>
      <RequestFacts
        facts={[
          [t('emails:facts.number'), number],
          [t('emails:facts.type'), t(REQUEST_TYPE_KEYS[type])],
        ]}
      />
      <Paragraph>{t('emails:requestClarification.question')}</Paragraph>
      <Paragraph>{question}</Paragraph>
      <ButtonLink href={answerUrl}>{t('emails:requestClarification.button')}</ButtonLink>
      <Paragraph>{t('emails:requestClarification.deadline', { date: text.date(dueAt) })}</Paragraph>
    </EmailLayout>
  )
}

RequestClarification.PreviewProps = {
  number: 'DSR-2026-000042',
  type: 'rectification',
  question: 'Which payment do you believe is wrong? Please give its date.',
  answerUrl: 'http://localhost:3000/requests/status/clarify/abc',
  dueAt: new Date('2026-12-21T11:00:00Z'),
  ...previewContext,
} satisfies RequestClarificationProps & EmailContext

export default RequestClarification
