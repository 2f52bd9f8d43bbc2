import { translateMessage } from '~/i18n/translate'
import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText, REQUEST_TYPE_KEYS, type RequestType } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// What was done, in plain words: the person should not have to log in to learn the outcome.
export interface RequestCompletedProps {
  number: string
  type: RequestType
  /** one line per thing done, as message keys (msg('emails:requestCompleted.outcome.…', params)) */
  outcome: string[]
  /** the DPO's own words, if any */
  message: string | null
  statusUrl: string
}

export function RequestCompleted({ number, type, outcome, message, statusUrl, ...context }: RequestCompletedProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:requestCompleted.subject', { number })} heading={t('emails:requestCompleted.heading')} {...context}>
      <RequestFacts
        facts={[
          [t('emails:facts.number'), number],
          [t('emails:facts.type'), t(REQUEST_TYPE_KEYS[type])],
        ]}
      />
      <Paragraph>{t('emails:requestCompleted.whatWeDid')}</Paragraph>
      {outcome.map((line) => (
        <Paragraph key={line}>• {translateMessage(t, line)}</Paragraph>
      ))}
      {message ? <Paragraph>{message}</Paragraph> : null}
      <ButtonLink href={statusUrl}>{t('emails:requestCompleted.button')}</ButtonLink>
    </EmailLayout>
  )
}

RequestCompleted.PreviewProps = {
  number: 'DSR-2026-000042',
  type: 'access',
  outcome: ['emails:requestCompleted.outcome.contactMessages|{"n":2}', 'emails:requestCompleted.outcome.feedSubscriptions|{"n":1}', 'emails:requestCompleted.outcome.shownOnPage'],
  message: null,
  statusUrl: 'http://localhost:3000/requests/status/abc',
  ...previewContext,
} satisfies RequestCompletedProps & EmailContext

export default RequestCompleted
