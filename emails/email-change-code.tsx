import { Text } from '@react-email/components'
import { ButtonLink, EmailLayout, Greeting, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { styles } from './_components/styles'

// Sent to the NEW address: the change takes effect only once this code is entered.
export interface EmailChangeCodeProps {
  username: string
  /** six digits */
  code: string
  expiresInMinutes: number
  /** the page where the code is entered */
  confirmUrl: string
}

export function EmailChangeCode({ username, code, expiresInMinutes, confirmUrl, ...context }: EmailChangeCodeProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:code.preview', { code })} heading={t('emails:emailChangeCode.heading')} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>{t('emails:emailChangeCode.intro')}</Paragraph>
      <Text style={styles.code}>{code}</Text>
      <Paragraph>
        {t('emails:code.expires', { count: expiresInMinutes })} {t('emails:emailChangeCode.keepsAddress')}
      </Paragraph>
      <ButtonLink href={confirmUrl}>{t('emails:code.button')}</ButtonLink>
      <Paragraph>{t('emails:emailChangeCode.ignore')}</Paragraph>
    </EmailLayout>
  )
}

EmailChangeCode.PreviewProps = {
  username: 'jane',
  code: '042917',
  expiresInMinutes: 15,
  confirmUrl: 'http://localhost:3000/my-data/edit/email',
  ...previewContext,
} satisfies EmailChangeCodeProps & EmailContext

export default EmailChangeCode
