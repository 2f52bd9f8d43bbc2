import { Text } from '@react-email/components'
import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'
import { styles } from './_components/styles'

// Art. 12(6): a person without an account proves control of the address before the request counts.
export interface RequestIdentityCodeProps {
  /** six digits */
  code: string
  expiresInMinutes: number
  typeLabel: string
  /** the page where the code is entered */
  verifyUrl: string
}

export function RequestIdentityCode({ code, expiresInMinutes, typeLabel, verifyUrl, ...context }: RequestIdentityCodeProps & EmailContext) {
  return (
    <EmailLayout preview={`Your confirmation code is ${code}`} heading="Confirm your privacy request" {...context}>
      <Paragraph>Someone, hopefully you, asked us for the following with this email address: {typeLabel}.</Paragraph>
      <Paragraph>Enter this code to confirm that the address is yours. Only then do we start working on the request.</Paragraph>
      <Text style={styles.code}>{code}</Text>
      <Paragraph>The code expires in {expiresInMinutes} minutes.</Paragraph>
      <ButtonLink href={verifyUrl}>Enter the code</ButtonLink>
      <Paragraph>
        If you did not ask for this, ignore this email: without the code nothing happens, and the unconfirmed request is
        closed automatically.
      </Paragraph>
    </EmailLayout>
  )
}

RequestIdentityCode.PreviewProps = {
  code: '318204',
  expiresInMinutes: 15,
  typeLabel: 'Erasure (Art. 17)',
  verifyUrl: 'http://localhost:3000/requests/new',
  ...previewContext,
} satisfies RequestIdentityCodeProps & EmailContext

export default RequestIdentityCode
