import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// Art. 19: a recipient that received data is told of its correction, erasure or restriction. Sent to the
// recipient's own address, or to the DPO to pass on where the registry knows no address for the recipient.
export interface RecipientNoticeProps {
  recipientName: string
  /** what happened, without the data itself, e.g. "email address corrected" */
  subject: string
  /** the corrected values the recipient needs to update its records */
  details: string
  requestNumber: string
  /** set when the DPO must forward the notice */
  forwardTo: string | null
}

export function RecipientNotice({ recipientName, subject, details, requestNumber, forwardTo, ...context }: RecipientNoticeProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:recipientNotice.preview', { subject })} heading={t('emails:recipientNotice.heading')} {...context}>
      {forwardTo ? <Paragraph>{t('emails:recipientNotice.forward', { name: forwardTo })}</Paragraph> : null}
      <Paragraph>{t('emails:recipientNotice.to', { name: recipientName })}</Paragraph>
      <Paragraph>{t('emails:recipientNotice.body', { subject, requestNumber })}</Paragraph>
      <Paragraph>{details}</Paragraph>
      <Paragraph>{t('emails:recipientNotice.deletePrevious')}</Paragraph>
    </EmailLayout>
  )
}

RecipientNotice.PreviewProps = {
  recipientName: 'Paymentwall',
  subject: 'email address corrected',
  details: 'Customer reference 3f2a9c1b: the email address is now jane@example.org.',
  requestNumber: 'DSR-2026-000042',
  forwardTo: 'Paymentwall',
  ...previewContext,
} satisfies RecipientNoticeProps & EmailContext

export default RecipientNotice
