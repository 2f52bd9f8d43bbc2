import type { ReactNode } from 'react'
import { Body, Button, Container, Head, Heading, Html, Link, Preview, Section, Text } from '@react-email/components'
import { ContactsFooter, type EmailContacts } from './contacts-footer'
import { emailText, type Language } from './i18n'
import { styles } from './styles'

export type { EmailContact, EmailContacts } from './contacts-footer'

// What sendEmail injects into every template: contacts from the registry, the portal's own URL and the
// recipient's language (English when none is given).
export interface EmailContext {
  contacts: EmailContacts
  baseUrl: string
  language?: Language
}

interface EmailLayoutProps extends EmailContext {
  preview: string
  heading: string
  children: ReactNode
}

export function EmailLayout({ preview, heading, contacts, baseUrl, language, children }: EmailLayoutProps) {
  const text = emailText(language)
  return (
    <Html lang={text.language}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Section style={styles.header}>
            <Link href={baseUrl} style={styles.brand}>
              <span lang="de">{contacts.controller.name}</span> · {text.t('emails:layout.portal')}
            </Link>
          </Section>
          <Section style={styles.content}>
            <Heading as="h1" style={styles.heading}>
              {heading}
            </Heading>
            {children}
          </Section>
          <ContactsFooter contacts={contacts} language={text.language} />
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

// "Hello jane," or, without a name, "Hello,".
export function Greeting({ name, language }: { name?: string | null; language?: Language }) {
  const { t } = emailText(language)
  return <Paragraph>{name ? t('emails:layout.hello', { name }) : t('emails:layout.helloNoName')}</Paragraph>
}
