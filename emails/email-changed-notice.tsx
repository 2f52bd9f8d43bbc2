import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// Sent to the OLD address after an email change: the only warning a person gets if someone else made it.
export interface EmailChangedNoticeProps {
  username: string
  /** the new address with most of it hidden, so that this email does not hand it to whoever reads the old mailbox */
  maskedNewEmail: string
  changedAt: string
  requestNumber: string
  /** one-click report: signs out every session of the account and opens a request for the DPO */
  reportUrl: string
}

export function EmailChangedNotice({ username, maskedNewEmail, changedAt, requestNumber, reportUrl, ...context }: EmailChangedNoticeProps & EmailContext) {
  return (
    <EmailLayout preview="The email address of your account was changed" heading="Your email address was changed" {...context}>
      <Paragraph>Hello {username},</Paragraph>
      <Paragraph>
        On {changedAt} the email address of your account was changed from this address to {maskedNewEmail} (request{' '}
        {requestNumber}). The new address was confirmed with a code, and the password was entered again.
      </Paragraph>
      <Paragraph>If you made this change, there is nothing to do. The old address is kept in the archive of your account.</Paragraph>
      <Paragraph>
        If it was not you, report it here. We sign out every session of the account at once and the data protection
        officer contacts you at this address to restore your account:
      </Paragraph>
      <ButtonLink href={reportUrl}>This was not me</ButtonLink>
      <Paragraph>You can also write to the data protection officer directly (contact below).</Paragraph>
    </EmailLayout>
  )
}

EmailChangedNotice.PreviewProps = {
  username: 'jane',
  maskedNewEmail: 'j•••@example.org',
  changedAt: '21 Nov 2026, 14:02',
  requestNumber: 'DSR-2026-000042',
  reportUrl: 'http://localhost:3000/account/email-not-me?token=…',
  ...previewContext,
} satisfies EmailChangedNoticeProps & EmailContext

export default EmailChangedNotice
