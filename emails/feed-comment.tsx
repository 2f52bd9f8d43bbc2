import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { UnsubscribeNote } from './_components/unsubscribe-note'

export interface FeedCommentProps {
  topic: string
  author: string
  excerpt: string
  unsubscribeUrl: string
}

export function FeedComment({ topic, author, excerpt, unsubscribeUrl, ...context }: FeedCommentProps & EmailContext) {
  return (
    <EmailLayout preview={`${author} commented on “${topic}”`} heading={`New comment on “${topic}”`} {...context}>
      <Paragraph>{author} wrote:</Paragraph>
      <Paragraph>{excerpt}</Paragraph>
      <UnsubscribeNote unsubscribeUrl={unsubscribeUrl} />
    </EmailLayout>
  )
}

FeedComment.PreviewProps = {
  topic: 'Kill switch blocks the printer on my LAN',
  author: 'nightowl',
  excerpt: 'There is an option to allow LAN access. It only opens the private address ranges.',
  unsubscribeUrl: 'http://localhost:3000/feed/unsubscribe?token=preview',
  ...previewContext,
} satisfies FeedCommentProps & EmailContext

export default FeedComment
