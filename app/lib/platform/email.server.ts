// Emails go through the transactional outbox: written with the caller's executor, delivered by the outbox worker.
import { createElement } from 'react'
import { render } from '@react-email/render'
import { sql } from 'drizzle-orm'
import type { Executor } from '#db/client.server'
import { outboxMessages } from '#db/schema'
import { emailText, templates, type Language, type PropsOf, type TemplateName } from '#emails/index'
import { absoluteUrl } from './env.server'
import { getRegistryContacts } from '../registry/registry.server'

export type { PropsOf, TemplateName } from '#emails/index'

export function getPortalBaseUrl() {
  return absoluteUrl('/').replace(/\/$/, '')
}

export interface OutgoingEmail<T extends TemplateName> {
  to: string
  userId?: string | null
  /** the recipient's language (decision 015): the account's, the request's or the subscription's */
  language: Language
  template: T
  props: PropsOf<T>
  headers?: Record<string, string>
}

export async function renderEmail<T extends TemplateName>(executor: Executor, template: T, props: PropsOf<T>, language: Language) {
  const { component, subject } = templates[template]
  const contacts = await getRegistryContacts(language, executor)
  // Object.assign because TypeScript cannot spread a props type that depends on the template name
  const element = createElement(component, Object.assign({}, props, { contacts, baseUrl: getPortalBaseUrl(), language }))
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })])
  return { subject: subject(props, emailText(language)), html, text }
}

// Commits or rolls back with the caller's transaction; returns the outbox id.
export async function sendEmail<T extends TemplateName>(executor: Executor, message: OutgoingEmail<T>): Promise<number> {
  const { subject, html, text } = await renderEmail(executor, message.template, message.props, message.language)
  const [row] = await executor
    .insert(outboxMessages)
    .values({
      userId: message.userId ?? null,
      template: message.template,
      toAddress: message.to,
      subject,
      html,
      text,
      headers: message.headers ?? {},
    })
    .returning({ id: outboxMessages.id })
  // Inside a transaction PostgreSQL delivers the notification only on commit, so the worker never wakes early.
  await executor.execute(sql`select pg_notify('outbox', '')`)
  return row.id
}
