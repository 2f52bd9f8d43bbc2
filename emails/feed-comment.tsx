import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { UnsubscribeNote } from './_components/unsubscribe-note'

export interface FeedCommentProps {
  topic: string
  author: string
  excerpt: string
  unsubscribeUrl: string
}

export function FeedComment({ topic, author, excerpt, unsubscribeUrl, ...context }: FeedCommentProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:feedComment.preview', { author, topic })} heading={t('emails:feedComment.subject', { topic })} {...context}>
      <Paragraph>{t('emails:feedComment.wrote', { author })}</Paragraph>
      <Paragraph>{excerpt}</Paragraph>
      <UnsubscribeNote unsubscribeUrl={unsubscribeUrl} language={context.language} />
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
