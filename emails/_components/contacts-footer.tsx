import { Section, Text } from '@react-email/components'
import { styles } from './styles'

// The subset of a registry_contacts row an email shows; registry rows fit it as they are.
export interface EmailContact {
  name: string
  street: string
  postalCode: string
  city: string
  country: string
  email: string
}

export interface EmailContacts {
  controller: EmailContact
  dpo: EmailContact
  supervisoryAuthority: EmailContact
}

const roles = [
  ['controller', 'Controller'],
  ['dpo', 'Data protection officer'],
  ['supervisoryAuthority', 'Supervisory authority'],
] as const satisfies ReadonlyArray<readonly [keyof EmailContacts, string]>

// Art. 13 GDPR: every email names who is responsible and where to complain.
export function ContactsFooter({ contacts }: { contacts: EmailContacts }) {
  return (
    <Section style={styles.footer}>
      {roles.map(([role, label]) => {
        const c = contacts[role]
        return (
          <Text key={role} style={styles.footerText}>
            <span style={styles.footerLabel}>{label}:</span> {c.name}, {c.street}, {c.postalCode} {c.city}, {c.country}
            <br />
            {c.email}
          </Text>
        )
      })}
    </Section>
  )
}
