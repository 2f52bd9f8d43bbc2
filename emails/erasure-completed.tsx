import { EmailLayout, LinkLine, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// The receipt of an erasure someone asked for: what went, how much, and where the request is recorded.
export interface ErasureCompletedProps {
  /** the account's username; null for people without an account */
  name: string | null
  /** what was erased, in words ("Forum posts and comments") */
  what: string
  rows: number
  action: 'deleted' | 'anonymised'
  requestNumber: string
  /** the customer's request history; null for people without an account */
  requestsUrl: string | null
}

export function ErasureCompleted({ name, what, rows, action, requestNumber, requestsUrl, ...context }: ErasureCompletedProps & EmailContext) {
  const items = rows === 1 ? '1 item' : `${rows} items`
  return (
    <EmailLayout preview={`${what}: ${items} ${action}`} heading="Your data was erased" {...context}>
      <Paragraph>Hello{name ? ` ${name}` : ''},</Paragraph>
      <Paragraph>
        As you asked, we {action} {what.toLowerCase()}: {items}.{' '}
        {action === 'anonymised'
          ? 'The texts stay readable, but they no longer show your name and are no longer linked to you or your email address.'
          : 'They are gone from our systems; no copy is kept in the archive of changes.'}
      </Paragraph>
      <Paragraph>
        Your request has the number {requestNumber}.{requestsUrl ? ' You find it with your requests, with a receipt of the deletion.' : ''}
      </Paragraph>
      {requestsUrl ? <LinkLine href={requestsUrl}>Your requests</LinkLine> : null}
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
