import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// What was done, in plain words: the person should not have to log in to learn the outcome.
export interface RequestCompletedProps {
  number: string
  typeLabel: string
  /** one line per thing done, e.g. "3 contact form messages deleted" */
  outcome: string[]
  /** the DPO's own words, if any */
  message: string | null
  statusUrl: string
}

export function RequestCompleted({ number, typeLabel, outcome, message, statusUrl, ...context }: RequestCompletedProps & EmailContext) {
  return (
    <EmailLayout preview={`Your request ${number} is completed`} heading="Your request is completed" {...context}>
      <RequestFacts
        facts={[
          ['Request number', number],
          ['Request', typeLabel],
        ]}
      />
      <Paragraph>What we did:</Paragraph>
      {outcome.map((line) => (
        <Paragraph key={line}>• {line}</Paragraph>
      ))}
      {message ? <Paragraph>{message}</Paragraph> : null}
      <ButtonLink href={statusUrl}>See your request</ButtonLink>
    </EmailLayout>
  )
}

RequestCompleted.PreviewProps = {
  number: 'DSR-2026-000042',
  typeLabel: 'Erasure (Art. 17)',
  outcome: ['2 contact form messages deleted', '1 comment feed subscription deleted'],
  message: null,
  statusUrl: 'http://localhost:3000/requests/status/abc',
  ...previewContext,
} satisfies RequestCompletedProps & EmailContext

export default RequestCompleted
