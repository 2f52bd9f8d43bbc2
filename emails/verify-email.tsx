import { Text } from '@react-email/components'
import { ButtonLink, EmailLayout, Greeting, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { styles } from './_components/styles'

export interface VerifyEmailProps {
  username: string
  /** six digits */
  code: string
  expiresInMinutes: number
  /** the portal page where the code is entered */
  verifyUrl: string
}

export function VerifyEmail({ username, code, expiresInMinutes, verifyUrl, ...context }: VerifyEmailProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:code.preview', { code })} heading={t('emails:verifyEmail.heading')} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>{t('emails:verifyEmail.enter')}</Paragraph>
      <Text style={styles.code}>{code}</Text>
      <Paragraph>{t('emails:code.expires', { count: expiresInMinutes })}</Paragraph>
      <ButtonLink href={verifyUrl}>{t('emails:code.button')}</ButtonLink>
      <Paragraph>{t('emails:verifyEmail.ignore')}</Paragraph>
    </EmailLayout>
  )
}

VerifyEmail.PreviewProps = {
  username: 'jane',
  code: '042917',
  expiresInMinutes: 15,
  verifyUrl: 'http://localhost:3000/verify',
  ...previewContext,
} satisfies VerifyEmailProps & EmailContext

export default VerifyEmail
