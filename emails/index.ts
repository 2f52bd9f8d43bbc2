// Every email the portal sends: sendEmail is typed by these names and their props.
import type { ComponentType } from 'react'
import { AccountExists, type AccountExistsProps } from './account-exists'
import type { EmailContext } from './_components/layout'
import { VerifyEmail, type VerifyEmailProps } from './verify-email'

export type { EmailContact, EmailContacts, EmailContext } from './_components/layout'

export interface EmailTemplate<P> {
  component: ComponentType<P & EmailContext>
  subject(props: P): string
}

// Ties a component to its subject so that both agree on the props.
function defineTemplate<P>(template: EmailTemplate<P>) {
  return template
}

const definitions = {
  'verify-email': defineTemplate<VerifyEmailProps>({
    component: VerifyEmail,
    subject: () => 'Your confirmation code',
  }),
  'account-exists': defineTemplate<AccountExistsProps>({
    component: AccountExists,
    subject: () => 'Someone tried to sign up with your email address',
  }),
}

export type TemplateName = keyof typeof definitions
type TemplateProps = { [T in TemplateName]: (typeof definitions)[T] extends EmailTemplate<infer P> ? P : never }
export type PropsOf<T extends TemplateName> = TemplateProps[T]

// Re-typed as a mapped type so that templates[name] stays tied to PropsOf<name> for a generic name.
export const templates: { [T in TemplateName]: EmailTemplate<PropsOf<T>> } = definitions
