import { Text } from '@react-email/components'
import { LinkLine } from './layout'
import { styles } from './styles'

// Every comment-feed email ends with this: one click, no login (the link carries a signed token).
export function UnsubscribeNote({ unsubscribeUrl }: { unsubscribeUrl: string }) {
  return (
    <>
      <Text style={styles.text}>
        You receive this because you subscribed to the comment feed and confirmed it. To stop these emails and delete your
        subscription, use this link: one click, no login needed.
      </Text>
      <LinkLine href={unsubscribeUrl}>Unsubscribe</LinkLine>
    </>
  )
}
