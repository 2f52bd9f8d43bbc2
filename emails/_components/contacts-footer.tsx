import { Section, Text } from '@react-email/components'
import { emailText, type Language } from './i18n'
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
  ['controller', 'emails:layout.roles.controller'],
  ['dpo', 'emails:layout.roles.dpo'],
  ['supervisoryAuthority', 'emails:layout.roles.supervisoryAuthority'],
] as const satisfies ReadonlyArray<readonly [keyof EmailContacts, string]>

// Art. 13 GDPR: every email names who is responsible and where to complain. Names and addresses stay as
// the registry spells them (German), marked as such for screen readers inside English text; the country is
// in the reader's language.
export function ContactsFooter({ contacts, language }: { contacts: EmailContacts; language?: Language }) {
  const { t } = emailText(language)
  return (
    <Section style={styles.footer}>
      {roles.map(([role, label]) => {
        const c = contacts[role]
        return (
          <Text key={role} style={styles.footerText}>
            <span style={styles.footerLabel}>{t(label)}:</span>{' '}
            <span lang="de">
              {c.name}, {c.street}, {c.postalCode} {c.city}
            </span>
            , {c.country}
            <br />
            {c.email}
          </Text>
        )
      })}
    </Section>
  )
}
