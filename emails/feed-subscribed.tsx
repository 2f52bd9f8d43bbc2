import { EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { UnsubscribeNote } from './_components/unsubscribe-note'

export interface FeedSubscribedProps {
  topic: string
  unsubscribeUrl: string
}

export function FeedSubscribed({ topic, unsubscribeUrl, ...context }: FeedSubscribedProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:feedSubscribed.preview', { topic })} heading={t('emails:feedSubscribed.heading')} {...context}>
      <Paragraph>{t('emails:feedSubscribed.body', { topic })}</Paragraph>
      <UnsubscribeNote unsubscribeUrl={unsubscribeUrl} language={context.language} />
    </EmailLayout>
  )
}

FeedSubscribed.PreviewProps = {
  topic: 'Kill switch blocks the printer on my LAN',
  unsubscribeUrl: 'http://localhost:3000/feed/unsubscribe?token=preview',
  ...previewContext,
} satisfies FeedSubscribedProps & EmailContext

export default FeedSubscribed
