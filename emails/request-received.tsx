import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { RequestFacts } from './_components/request-facts'

// The receipt: the number to quote and the date by which the law says we answer (Art. 12(3)).
export interface RequestReceivedProps {
  number: string
  typeLabel: string
  receivedAt: string
  dueAt: string
  /** the person's status page: /requests/$id for customers, the private status link for people without an account */
  statusUrl: string
  /** true when statusUrl is a private link that works without logging in */
  privateLink: boolean
}

export function RequestReceived({ number, typeLabel, receivedAt, dueAt, statusUrl, privateLink, ...context }: RequestReceivedProps & EmailContext) {
  return (
    <EmailLayout preview={`We received your request ${number}; we answer by ${dueAt}`} heading="We received your request" {...context}>
      <RequestFacts
        facts={[
          ['Request number', number],
          ['Request', typeLabel],
          ['Received', receivedAt],
          ['We answer by', dueAt],
        ]}
      />
      <Paragraph>
        The law gives us one month to answer. If the request is complex we may extend this by up to two further months; we
        would tell you within the first month, with our reasons. Handling your request is free of charge.
      </Paragraph>
      <ButtonLink href={statusUrl}>Follow your request</ButtonLink>
      {privateLink ? (
        <Paragraph>
          This link is your private access to the request: anyone who has it can see its status and withdraw it, so do not
          share it.
        </Paragraph>
      ) : null}
    </EmailLayout>
  )
}

RequestReceived.PreviewProps = {
  number: 'DSR-2026-000042',
  typeLabel: 'Erasure (Art. 17)',
  receivedAt: '21 Nov 2026, 10:15',
  dueAt: '21 Dec 2026',
  statusUrl: 'http://localhost:3000/requests/status/abc',
  privateLink: true,
  ...previewContext,
} satisfies RequestReceivedProps & EmailContext

export default RequestReceived
