import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { UnsubscribeNote } from './_components/unsubscribe-note'

export interface FeedSubscribedProps {
  topic: string
  unsubscribeUrl: string
}

export function FeedSubscribed({ topic, unsubscribeUrl, ...context }: FeedSubscribedProps & EmailContext) {
  return (
    <EmailLayout preview={`You now receive new comments on “${topic}”`} heading="Subscription confirmed" {...context}>
      <Paragraph>Thank you for confirming. From now on we email you each new comment on “{topic}”.</Paragraph>
      <UnsubscribeNote unsubscribeUrl={unsubscribeUrl} />
    </EmailLayout>
  )
}

FeedSubscribed.PreviewProps = {
  topic: 'Kill switch blocks the printer on my LAN',
  unsubscribeUrl: 'http://localhost:3000/feed/unsubscribe?token=preview',
  ...previewContext,
} satisfies FeedSubscribedProps & EmailContext

export default FeedSubscribed
