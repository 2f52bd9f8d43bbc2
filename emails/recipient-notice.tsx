import type { TFunction } from 'i18next'
import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// Art. 19: a recipient that received data is told of its correction, erasure or restriction. Sent to the
// recipient's own address, or to the DPO to pass on where the registry knows no address for the recipient;
// in the language the registry gives the recipient (German unless the DPO chose English, decision 095).
export const RECIPIENT_NOTICE_CHANGES = ['email', 'payment', 'referral'] as const
export type RecipientNoticeChange = (typeof RECIPIENT_NOTICE_CHANGES)[number]

// what happened, without the data itself; named literally so that the catalogue check sees every key
const WHAT_KEYS: Record<RecipientNoticeChange, string> = {
  email: 'emails:recipientNotice.what.email',
  payment: 'emails:recipientNotice.what.payment',
  referral: 'emails:recipientNotice.what.referral',
}
const DETAILS_KEYS: Record<RecipientNoticeChange, string> = {
  email: 'emails:recipientNotice.details.email',
  payment: 'emails:recipientNotice.details.payment',
  referral: 'emails:recipientNotice.details.referral',
}

export interface RecipientNoticeProps {
  recipientName: string
  change: RecipientNoticeChange
  /** how the recipient finds the person in its records, without the data itself */
  customerReference: string
  /** the corrected address, for an email address change */
  newEmail: string | null
  requestNumber: string
  /** set when the DPO must forward the notice */
  forwardTo: string | null
}

export function recipientNoticeWhat(t: TFunction, change: RecipientNoticeChange): string {
  return t(WHAT_KEYS[change])
}

export function RecipientNotice({ recipientName, change, customerReference, newEmail, requestNumber, forwardTo, ...context }: RecipientNoticeProps & EmailContext) {
  const { t } = emailText(context.language)
  const subject = recipientNoticeWhat(t, change)
  return (
    <EmailLayout preview={t('emails:recipientNotice.preview', { subject })} heading={t('emails:recipientNotice.heading')} {...context}>
      {forwardTo ? <Paragraph>{t('emails:recipientNotice.forward', { name: forwardTo })}</Paragraph> : null}
      <Paragraph>{t('emails:recipientNotice.to', { name: recipientName })}</Paragraph>
      <Paragraph>{t('emails:recipientNotice.body', { subject, requestNumber })}</Paragraph>
      <Paragraph>{t(DETAILS_KEYS[change], { reference: customerReference, email: newEmail ?? '' })}</Paragraph>
      <Paragraph>{t('emails:recipientNotice.deletePrevious')}</Paragraph>
    </EmailLayout>
  )
}

RecipientNotice.PreviewProps = {
  recipientName: 'Paymentwall',
  change: 'email',
  customerReference: '3f2a9c1b',
  newEmail: 'jane@example.org',
  requestNumber: 'DSR-2026-000042',
  forwardTo: 'Paymentwall',
  ...previewContext,
} satisfies RecipientNoticeProps & EmailContext

export default RecipientNotice
