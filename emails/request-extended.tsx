import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// Art. 12(3): an extension is told to the person within the first month, together with the reasons.
export interface RequestExtendedProps {
  number: string
  typeLabel: string
  previousDueAt: string
  dueAt: string
  reason: string
  statusUrl: string
}

export function RequestExtended({ number, typeLabel, previousDueAt, dueAt, reason, statusUrl, ...context }: RequestExtendedProps & EmailContext) {
  return (
    <EmailLayout preview={`We need until ${dueAt} to answer request ${number}`} heading="We need more time for your request" {...context}>
      <RequestFacts
        facts={[
          ['Request number', number],
          ['Request', typeLabel],
          ['Previous date', previousDueAt],
          ['We now answer by', dueAt],
        ]}
      />
      <Paragraph>Why we need more time:</Paragraph>
      <Paragraph>{reason}</Paragraph>
      <Paragraph>
        The law (Art. 12(3) GDPR) allows us to extend the period by up to two months when this is necessary because of the
        complexity or number of requests. If you disagree, you may complain to the supervisory authority named below.
      </Paragraph>
      <ButtonLink href={statusUrl}>Follow your request</ButtonLink>
    </EmailLayout>
  )
}

RequestExtended.PreviewProps = {
  number: 'DSR-2026-000042',
  typeLabel: 'Access to your data (Art. 15)',
  previousDueAt: '21 Dec 2026',
  dueAt: '21 Feb 2027',
  reason: 'Your request covers eight years of payment records held by two payment providers.',
  statusUrl: 'http://localhost:3000/requests/42',
  ...previewContext,
} satisfies RequestExtendedProps & EmailContext

export default RequestExtended
