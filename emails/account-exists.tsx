import { ButtonLink, EmailLayout, Greeting, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// The sign-up form answers the same whether or not the address is taken; this email is the only place that says so.
export interface AccountExistsProps {
  username: string
  loginUrl: string
}

export function AccountExists({ username, loginUrl, ...context }: AccountExistsProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:accountExists.preview')} heading={t('emails:accountExists.heading')} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>{t('emails:accountExists.body')}</Paragraph>
      <Paragraph>{t('emails:accountExists.ifYou')}</Paragraph>
      <ButtonLink href={loginUrl}>{t('emails:accountExists.button')}</ButtonLink>
      {/* a forgotten password: the sign-in code on the login page (decision 011) */}
      <Paragraph>{t('emails:accountExists.resetHint')}</Paragraph>
      <Paragraph>{t('emails:accountExists.notYou')}</Paragraph>
    </EmailLayout>
  )
}

AccountExists.PreviewProps = {
  username: 'jane',
  loginUrl: 'http://localhost:3000/login',
  ...previewContext,
} satisfies AccountExistsProps & EmailContext

export default AccountExists
