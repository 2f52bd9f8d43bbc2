import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
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
  return (
    <EmailLayout preview={`Notice under Art. 19 GDPR: ${subject}`} heading="Notice of a correction (Art. 19 GDPR)" {...context}>
      {forwardTo ? <Paragraph>Please pass this notice on to {forwardTo}, which has no notice address in the registry.</Paragraph> : null}
      <Paragraph>To {recipientName},</Paragraph>
      <Paragraph>
        A person whose data we disclosed to you has had it corrected ({subject}, request {requestNumber}). Article 19 GDPR
        requires us to tell you, so that you can update your records as well:
      </Paragraph>
      <Paragraph>{details}</Paragraph>
      <Paragraph>Please delete the previous value from your records. Questions go to our data protection officer (contact below).</Paragraph>
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
