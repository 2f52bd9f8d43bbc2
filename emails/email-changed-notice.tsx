import { ButtonLink, EmailLayout, Greeting, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// Sent to the OLD address after an email change: the only warning a person gets if someone else made it.
export interface EmailChangedNoticeProps {
  username: string
  /** the new address with most of it hidden, so that this email does not hand it to whoever reads the old mailbox */
  maskedNewEmail: string
  changedAt: Date
  requestNumber: string
  /** one-click report: signs out every session of the account and opens a request for the DPO */
  reportUrl: string
}

export function EmailChangedNotice({ username, maskedNewEmail, changedAt, requestNumber, reportUrl, ...context }: EmailChangedNoticeProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  return (
    <EmailLayout preview={t('emails:emailChangedNotice.subject')} heading={t('emails:emailChangedNotice.heading')} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>{t('emails:emailChangedNotice.body', { date: text.dateTime(changedAt), masked: maskedNewEmail, requestNumber })}</Paragraph>
      <Paragraph>{t('emails:emailChangedNotice.ifYou')}</Paragraph>
      <Paragraph>{t('emails:emailChangedNotice.notYou')}</Paragraph>
      <ButtonLink href={reportUrl}>{t('emails:emailChangedNotice.button')}</ButtonLink>
      <Paragraph>{t('emails:emailChangedNotice.direct')}</Paragraph>
    </EmailLayout>
  )
}

EmailChangedNotice.PreviewProps = {
  username: 'jane',
  maskedNewEmail: 'j•••@example.org',
  changedAt: new Date('2026-11-21T13:02:00Z'),
  requestNumber: 'DSR-2026-000042',
  reportUrl: 'http://localhost:3000/account/email-not-me?token=…',
  ...previewContext,
} satisfies EmailChangedNoticeProps & EmailContext

export default EmailChangedNotice
