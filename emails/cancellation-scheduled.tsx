import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// Sent when a customer cancels: the date it takes effect, the one-click undo, and what we keep, why and until when.
export interface CancellationScheduledProps {
  username: string
  /** when the account is erased, as the customer reads it (Europe/Berlin) */
  effectiveAt: string
  coolingOffDays: number
  undoUrl: string
  requestNumber: string
  /** what is deleted, in words */
  deleted: string[]
  /** what is kept under a legal hold: what, until when, and the legal reason */
  kept: { what: string; until: string; reason: string }[]
}

export function CancellationScheduled({ username, effectiveAt, coolingOffDays, undoUrl, requestNumber, deleted, kept, ...context }: CancellationScheduledProps & EmailContext) {
  return (
    <EmailLayout preview={`Your account will be cancelled on ${effectiveAt}. You can still undo this.`} heading="Your account will be cancelled" {...context}>
      <Paragraph>Hello {username},</Paragraph>
      <Paragraph>
        You cancelled your account (request {requestNumber}). It stays as it is for {coolingOffDays} days: on {effectiveAt} it is
        closed and your data is erased. Until then you can undo the cancellation with one click:
      </Paragraph>
      <ButtonLink href={undoUrl}>Keep my account</ButtonLink>
      <Paragraph>The link works once and only until {effectiveAt}.</Paragraph>
      <Paragraph>What we will delete: {deleted.join('; ')}.</Paragraph>
      {kept.length > 0 ? (
        <>
          <Paragraph>What the law requires us to keep, blocked for any other use:</Paragraph>
          {kept.map((k) => (
            <Paragraph key={k.what}>
              {k.what}, until {k.until} at the latest. Why: {k.reason}
            </Paragraph>
          ))}
        </>
      ) : null}
      <Paragraph>If you did not cancel your account, use the link above and then change your password.</Paragraph>
    </EmailLayout>
  )
}

CancellationScheduled.PreviewProps = {
  username: 'jane',
  effectiveAt: '5 Dec 2026, 10:15',
  coolingOffDays: 14,
  undoUrl: 'http://localhost:3000/account/cancel/undo/abc',
  requestNumber: 'DSR-2026-000042',
  deleted: ['Account', 'VPN sessions (12)', 'Forum posts and comments (3)'],
  kept: [{ what: 'Payments (4)', until: '31 Dec 2034', reason: '§ 147(3) AO and § 257(4) HGB: accounting vouchers are kept for eight years.' }],
  ...previewContext,
} satisfies CancellationScheduledProps & EmailContext

export default CancellationScheduled
