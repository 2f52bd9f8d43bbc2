import { Text } from '@react-email/components'
import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
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
  return (
    <EmailLayout preview={`Your confirmation code is ${code}`} heading="Confirm your email address" {...context}>
      <Paragraph>Hello {username},</Paragraph>
      <Paragraph>Enter this code to confirm your email address:</Paragraph>
      <Text style={styles.code}>{code}</Text>
      <Paragraph>The code expires in {expiresInMinutes} minutes.</Paragraph>
      <ButtonLink href={verifyUrl}>Enter the code</ButtonLink>
      <Paragraph>If you did not ask for this code, you can ignore this email: nothing is confirmed without it.</Paragraph>
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
