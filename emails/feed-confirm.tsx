import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// Double opt-in: nothing is sent to the address and no consent exists until this link is followed.
export interface FeedConfirmProps {
  topic: string
  confirmUrl: string
  expiresInHours: number
}

export function FeedConfirm({ topic, confirmUrl, expiresInHours, ...context }: FeedConfirmProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:feedConfirm.subject', { topic })} heading={t('emails:feedConfirm.heading')} {...context}>
      <Paragraph>{t('emails:feedConfirm.asked', { topic })}</Paragraph>
      <Paragraph>{t('emails:feedConfirm.within', { count: expiresInHours })}</Paragraph>
      <ButtonLink href={confirmUrl}>{t('emails:feedConfirm.button')}</ButtonLink>
      <Paragraph>{t('emails:feedConfirm.ignore')}</Paragraph>
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
