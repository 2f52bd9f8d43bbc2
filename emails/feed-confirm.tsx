import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// Double opt-in: nothing is sent to the address and no consent exists until this link is followed.
export interface FeedConfirmProps {
  topic: string
  confirmUrl: string
  expiresInHours: number
}

export function FeedConfirm({ topic, confirmUrl, expiresInHours, ...context }: FeedConfirmProps & EmailContext) {
  return (
    <EmailLayout preview={`Confirm your subscription to comments on “${topic}”`} heading="Confirm your subscription" {...context}>
      <Paragraph>Someone, hopefully you, asked us to email new comments on “{topic}” to this address.</Paragraph>
      <Paragraph>Confirm the subscription with this link within {expiresInHours} hours:</Paragraph>
      <ButtonLink href={confirmUrl}>Confirm the subscription</ButtonLink>
      <Paragraph>
        If you did not ask for this, ignore this email: without the confirmation we send you nothing more and delete the
        request.
      </Paragraph>
    </EmailLayout>
  )
}

FeedConfirm.PreviewProps = {
  topic: 'Kill switch blocks the printer on my LAN',
  confirmUrl: 'http://localhost:3000/feed/confirm?token=preview',
  expiresInHours: 48,
  ...previewContext,
} satisfies FeedConfirmProps & EmailContext

export default FeedConfirm
