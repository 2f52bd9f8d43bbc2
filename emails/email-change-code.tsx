import { Text } from '@react-email/components'
import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
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
  return (
    <EmailLayout preview={`Your confirmation code is ${code}`} heading="Confirm your new email address" {...context}>
      <Paragraph>Hello {username},</Paragraph>
      <Paragraph>You asked to use this address for your account. Enter this code to confirm it:</Paragraph>
      <Text style={styles.code}>{code}</Text>
      <Paragraph>The code expires in {expiresInMinutes} minutes. Until you enter it, your account keeps its current address.</Paragraph>
      <ButtonLink href={confirmUrl}>Enter the code</ButtonLink>
      <Paragraph>If you did not ask for this, ignore this email: without the code nothing changes.</Paragraph>
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
