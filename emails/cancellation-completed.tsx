import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// The last email to a cancelled account: written in the transaction that erases the address it goes to.
export interface CancellationCompletedProps {
  username: string
  requestNumber: string
  /** what was deleted, in words */
  deleted: string[]
  /** what is kept under a legal hold, until when, and why */
  kept: { what: string; until: string; reason: string }[]
}

export function CancellationCompleted({ username, requestNumber, deleted, kept, ...context }: CancellationCompletedProps & EmailContext) {
  return (
    <EmailLayout preview="Your account is closed and your data erased" heading="Your account is closed" {...context}>
      <Paragraph>Hello {username},</Paragraph>
      <Paragraph>
        The cooling-off period has ended: your account is closed (request {requestNumber}). You can no longer log in, and every
        session was ended. We deleted: {deleted.join('; ')}.
      </Paragraph>
      {kept.length > 0 ? (
        <>
          <Paragraph>Kept only because the law requires it, blocked for any other use, and deleted when the period ends:</Paragraph>
          {kept.map((k) => (
            <Paragraph key={k.what}>
              {k.what}, until {k.until} at the latest. Why: {k.reason}
            </Paragraph>
          ))}
        </>
      ) : null}
      <Paragraph>
        This is the last email we send to this address: it is erased together with your account once this message has been
        delivered. Questions go to our data protection officer, named below.
      </Paragraph>
    </EmailLayout>
  )
}

CancellationCompleted.PreviewProps = {
  username: 'jane',
  requestNumber: 'DSR-2026-000042',
  deleted: ['Account', 'VPN sessions (12)'],
  kept: [{ what: 'Payments (4)', until: '31 Dec 2034', reason: '§ 147(3) AO and § 257(4) HGB.' }],
  ...previewContext,
} satisfies CancellationCompletedProps & EmailContext

export default CancellationCompleted
