import { Text } from '@react-email/components'
import { ButtonLink, EmailLayout, Greeting, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { styles } from './_components/styles'

// Sent only to the address of an existing account; the login page says the same either way (decision 012).
export interface LoginCodeProps {
  username: string
  /** six digits */
  code: string
  expiresInMinutes: number
  /** the login page where the code is entered */
  loginUrl: string
}

export function LoginCode({ username, code, expiresInMinutes, loginUrl, ...context }: LoginCodeProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:loginCode.preview', { code })} heading={t('emails:loginCode.heading')} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>{t('emails:loginCode.intro')}</Paragraph>
      <Text style={styles.code}>{code}</Text>
      <Paragraph>
        {t('emails:code.expires', { count: expiresInMinutes })} {t('emails:loginCode.once')}
      </Paragraph>
      <ButtonLink href={loginUrl}>{t('emails:code.button')}</ButtonLink>
      <Paragraph>{t('emails:loginCode.ignore')}</Paragraph>
    </EmailLayout>
  )
}

LoginCode.PreviewProps = {
  username: 'jane',
  code: '042917',
  expiresInMinutes: 10,
  loginUrl: 'http://localhost:3000/login?with=code',
  ...previewContext,
} satisfies LoginCodeProps & EmailContext

export default LoginCode
