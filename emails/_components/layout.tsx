import type { ReactNode } from 'react'
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from '@react-email/components'
import { ContactsFooter, type EmailContacts } from './contacts-footer'
import { styles } from './styles'

export type { EmailContact, EmailContacts } from './contacts-footer'

// What sendEmail injects into every template: contacts from the registry and the portal's own URL.
export interface EmailContext {
  contacts: EmailContacts
  baseUrl: string
}

interface EmailLayoutProps extends EmailContext {
  preview: string
  heading: string
  children: ReactNode
}

export function EmailLayout({ preview, heading, contacts, baseUrl, children }: EmailLayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={styles.header}>
            <Link href={baseUrl} style={styles.brand}>
              {contacts.controller.name} · Privacy Portal
            </Link>
          </Section>
          <Section style={styles.content}>
            <Heading as="h1" style={styles.heading}>
              {heading}
            </Heading>
            {children}
          </Section>
          <ContactsFooter contacts={contacts} />
        </Container>
      </Body>
    </Html>
  )
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>
}

// A link on a line of its own. The plain-text part shows "label URL" and ends the line after the URL:
// punctuation after a URL in running text ("…?token=abc;") is taken into the link by many mail clients.
export function LinkLine({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Text style={styles.text}>
      <Link href={href}>{children}</Link>
    </Text>
  )
}

export function ButtonLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={styles.buttonRow}>
      <Button href={href} style={styles.button}>
        {children}
      </Button>
    </Section>
  )
}
