import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// The sign-up form answers the same whether or not the address is taken; this email is the only place that says so.
export interface AccountExistsProps {
  username: string
  loginUrl: string
  /** how to get back in without the password, e.g. where to reset it */
  resetHint: string
}

export function AccountExists({ username, loginUrl, resetHint, ...context }: AccountExistsProps & EmailContext) {
  return (
    <EmailLayout
      preview="Someone tried to create an account with your email address"
      heading="You already have an account"
      {...context}
    >
      <Paragraph>Hello {username},</Paragraph>
      <Paragraph>
        Someone just tried to sign up with this email address. Because it already belongs to your account, no new
        account was created.
      </Paragraph>
      <Paragraph>If that was you, you can log in with your existing account:</Paragraph>
      <ButtonLink href={loginUrl}>Log in</ButtonLink>
      <Paragraph>{resetHint}</Paragraph>
      <Paragraph>If it was not you, no action is needed: your account has not changed.</Paragraph>
    </EmailLayout>
  )
}

AccountExists.PreviewProps = {
  username: 'jane',
  loginUrl: 'http://localhost:3000/login',
  resetHint: 'Forgot your password? Choose "Forgot password" on the login page to set a new one.',
  ...previewContext,
} satisfies AccountExistsProps & EmailContext

export default AccountExists
