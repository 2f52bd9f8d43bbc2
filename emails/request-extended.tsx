import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText, REQUEST_TYPE_KEYS, type RequestType } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// Art. 12(3): an extension is told to the person within the first month, together with the reasons.
export interface RequestExtendedProps {
  number: string
  type: RequestType
  previousDueAt: Date
  dueAt: Date
  reason: string
  statusUrl: string
}

export function RequestExtended({ number, type, previousDueAt, dueAt, reason, statusUrl, ...context }: RequestExtendedProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  return (
    <EmailLayout preview={t('emails:requestExtended.preview', { number, date: text.date(dueAt) })} heading={t('emails:requestExtended.heading')} {...context}>
      <RequestFacts
        facts={[
          [t('emails:facts.number'), number],
          [t('emails:facts.type'), t(REQUEST_TYPE_KEYS[type])],
          [t('emails:requestExtended.previousDate'), text.date(previousDueAt)],
          [t('emails:requestExtended.newDate'), text.date(dueAt)],
        ]}
      />
      <Paragraph>{t('emails:requestExtended.why')}</Paragraph>
      <Paragraph>{reason}</Paragraph>
      <Paragraph>{t('emails:requestExtended.law')}</Paragraph>
      <ButtonLink href={statusUrl}>{t('emails:facts.follow')}</ButtonLink>
    </EmailLayout>
  )
}

RequestExtended.PreviewProps = {
  number: 'DSR-2026-000042',
  type: 'access',
  previousDueAt: new Date('2026-12-21T11:00:00Z'),
  dueAt: new Date('2027-02-21T11:00:00Z'),
  reason: 'Your request covers eight years of payment records held by two payment providers.',
  statusUrl: 'http://localhost:3000/requests/42',
  ...previewContext,
} satisfies RequestExtendedProps & EmailContext

export default RequestExtended
