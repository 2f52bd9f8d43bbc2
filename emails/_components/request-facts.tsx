import type { ReactNode } from 'react'
import { Text } from '@react-email/components'
import { styles } from './styles'

// The facts that identify a data subject request in every email about it.
export function RequestFacts({ facts }: { facts: ReadonlyArray<readonly [label: string, value: ReactNode]> }) {
  return (
    <Text style={styles.text}>
      {facts.map(([label, value], i) => (
        <span key={label}>
          {i > 0 ? <br /> : null}
          <span style={styles.footerLabel}>{label}:</span> {value}
        </span>
      ))}
    </Text>
  )
}
