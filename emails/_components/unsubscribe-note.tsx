import { Text } from '@react-email/components'
import { emailText, type Language } from './i18n'
import { LinkLine } from './layout'
import { styles } from './styles'

// Every comment-feed email ends with this: one click, no login (the link carries a signed token).
export function UnsubscribeNote({ unsubscribeUrl, language }: { unsubscribeUrl: string; language?: Language }) {
  const { t } = emailText(language)
  return (
    <>
      <Text style={styles.text}>{t('emails:unsubscribe.note')}</Text>
      <LinkLine href={unsubscribeUrl}>{t('emails:unsubscribe.link')}</LinkLine>
    </>
  )
}
