import { Text } from '@react-email/components'
import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText, REQUEST_TYPE_KEYS, type RequestType } from './_components/i18n'
import { previewContext } from './_components/preview-context'
import { styles } from './_components/styles'

// Art. 12(6): a person without an account proves control of the address before the request counts.
export interface RequestIdentityCodeProps {
  /** six digits */
  code: string
  expiresInMinutes: number
  type: RequestType
  /** the page where the code is entered */
  verifyUrl: string
}

export function RequestIdentityCode({ code, expiresInMinutes, type, verifyUrl, ...context }: RequestIdentityCodeProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:code.preview', { code })} heading={t('emails:requestIdentityCode.heading')} {...context}>
      <Paragraph>{t('emails:requestIdentityCode.asked', { type: t(REQUEST_TYPE_KEYS[type]) })}</Paragraph>
      <Paragraph>{t('emails:requestIdentityCode.enter')}</Paragraph>
      <Text style={styles.code}>{code}</Text>
      <Paragraph>{t('emails:code.expires', { count: expiresInMinutes })}</Paragraph>
      <ButtonLink href={verifyUrl}>{t('emails:code.button')}</ButtonLink>
      <Paragraph>{t('emails:requestIdentityCode.ignore')}</Paragraph>
    </EmailLayout>
  )
}

RequestIdentityCode.PreviewProps = {
  code: '318204',
  expiresInMinutes: 15,
  type: 'erasure',
  verifyUrl: 'http://localhost:3000/requests/new',
  ...previewContext,
} satisfies RequestIdentityCodeProps & EmailContext

export default RequestIdentityCode
