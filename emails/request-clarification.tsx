import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// The DPO needs to know more; the person answers through the link, without logging in.
export interface RequestClarificationProps {
  number: string
  typeLabel: string
  question: string
  answerUrl: string
  dueAt: string
}

export function RequestClarification({ number, typeLabel, question, answerUrl, dueAt, ...context }: RequestClarificationProps & EmailContext) {
  return (
    <EmailLayout preview={`A question about your request ${number}`} heading="We have a question about your request" {...context}>
      <RequestFacts
        facts={[
          ['Request number', number],
          ['Request', typeLabel],
        ]}
      />
      <Paragraph>Our question:</Paragraph>
      <Paragraph>{question}</Paragraph>
      <ButtonLink href={answerUrl}>Answer the question</ButtonLink>
      <Paragraph>
        The link works once and only for this request. Our deadline stays as it was: we answer by {dueAt} at the latest,
        also if you do not reply.
      </Paragraph>
    </EmailLayout>
  )
}

RequestClarification.PreviewProps = {
  number: 'DSR-2026-000042',
  typeLabel: 'Correction (Art. 16)',
  question: 'Which payment do you believe is wrong? Please give its date.',
  answerUrl: 'http://localhost:3000/requests/status/clarify/abc',
  dueAt: '21 Dec 2026',
  ...previewContext,
} satisfies RequestClarificationProps & EmailContext

export default RequestClarification
