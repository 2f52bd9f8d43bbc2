// Every email the portal sends: sendEmail is typed by these names and their props.
import type { ComponentType } from 'react'
import { AccountExists, type AccountExistsProps } from './account-exists'
import { CancellationCompleted, type CancellationCompletedProps } from './cancellation-completed'
import { CancellationScheduled, type CancellationScheduledProps } from './cancellation-scheduled'
import { ErasureCompleted, type ErasureCompletedProps } from './erasure-completed'
import type { EmailContext } from './_components/layout'
import { FeedComment, type FeedCommentProps } from './feed-comment'
import { FeedConfirm, type FeedConfirmProps } from './feed-confirm'
import { FeedSubscribed, type FeedSubscribedProps } from './feed-subscribed'
import { RequestClarification, type RequestClarificationProps } from './request-clarification'
import { RequestCompleted, type RequestCompletedProps } from './request-completed'
import { RequestDenied, type RequestDeniedProps } from './request-denied'
import { RequestExtended, type RequestExtendedProps } from './request-extended'
import { RequestIdentityCode, type RequestIdentityCodeProps } from './request-identity-code'
import { RequestReceived, type RequestReceivedProps } from './request-received'
import { RequestReminder, type RequestReminderProps } from './request-reminder'
import { EmailChangeCode, type EmailChangeCodeProps } from './email-change-code'
import { EmailChangedNotice, type EmailChangedNoticeProps } from './email-changed-notice'
import { RecipientNotice, type RecipientNoticeProps } from './recipient-notice'
import { PolicyChange, type PolicyChangeProps } from './policy-change'
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
  // erasure and cancellation (issue 5)
  'erasure-completed': defineTemplate<ErasureCompletedProps>({
    component: ErasureCompleted,
    subject: (p) => `Erased: ${p.what} (${p.requestNumber})`,
  }),
  'cancellation-scheduled': defineTemplate<CancellationScheduledProps>({
    component: CancellationScheduled,
    subject: (p) => `Your account will be cancelled on ${p.effectiveAt}`,
  }),
  'cancellation-completed': defineTemplate<CancellationCompletedProps>({
    component: CancellationCompleted,
    subject: () => 'Your account is closed',
  }),
  'feed-confirm': defineTemplate<FeedConfirmProps>({
    component: FeedConfirm,
    subject: (p) => `Confirm your subscription to comments on “${p.topic}”`,
  }),
  'feed-subscribed': defineTemplate<FeedSubscribedProps>({
    component: FeedSubscribed,
    subject: (p) => `Subscribed: new comments on “${p.topic}”`,
  }),
  'feed-comment': defineTemplate<FeedCommentProps>({
    component: FeedComment,
    subject: (p) => `New comment on “${p.topic}”`,
  }),
  // data subject requests (issue 7)
  'request-identity-code': defineTemplate<RequestIdentityCodeProps>({
    component: RequestIdentityCode,
    subject: () => 'Your confirmation code',
  }),
  'request-received': defineTemplate<RequestReceivedProps>({
    component: RequestReceived,
    subject: (p) => `We received your request ${p.number}`,
  }),
  'request-extended': defineTemplate<RequestExtendedProps>({
    component: RequestExtended,
    subject: (p) => `We need more time for your request ${p.number}`,
  }),
  'request-denied': defineTemplate<RequestDeniedProps>({
    component: RequestDenied,
    subject: (p) => `Your request ${p.number}: we cannot carry it out`,
  }),
  'request-clarification': defineTemplate<RequestClarificationProps>({
    component: RequestClarification,
    subject: (p) => `A question about your request ${p.number}`,
  }),
  'request-completed': defineTemplate<RequestCompletedProps>({
    component: RequestCompleted,
    subject: (p) => `Your request ${p.number} is completed`,
  }),
  'request-reminder': defineTemplate<RequestReminderProps>({
    component: RequestReminder,
    subject: (p) => (p.kind === 'overdue' ? `Overdue privacy requests: ${p.requests.length}` : `Privacy requests due within 7 days: ${p.requests.length}`),
  }),
  'email-change-code': defineTemplate<EmailChangeCodeProps>({
    component: EmailChangeCode,
    subject: () => 'Your confirmation code',
  }),
  'email-changed-notice': defineTemplate<EmailChangedNoticeProps>({
    component: EmailChangedNotice,
    subject: () => 'The email address of your account was changed',
  }),
  'recipient-notice': defineTemplate<RecipientNoticeProps>({
    component: RecipientNotice,
    subject: (p) => `Notice under Art. 19 GDPR: ${p.subject} (${p.requestNumber})`,
  }),
  'verify-email': defineTemplate<VerifyEmailProps>({
    component: VerifyEmail,
    subject: () => 'Your confirmation code',
  }),
  'account-exists': defineTemplate<AccountExistsProps>({
    component: AccountExists,
    subject: () => 'Someone tried to sign up with your email address',
  }),
  'policy-change': defineTemplate<PolicyChangeProps>({
    component: PolicyChange,
    subject: (p) => `Our ${p.documentName} changes on ${p.effectiveAt}`,
  }),
}

export type TemplateName = keyof typeof definitions
type TemplateProps = { [T in TemplateName]: (typeof definitions)[T] extends EmailTemplate<infer P> ? P : never }
export type PropsOf<T extends TemplateName> = TemplateProps[T]

// Re-typed as a mapped type so that templates[name] stays tied to PropsOf<name> for a generic name.
export const templates: { [T in TemplateName]: EmailTemplate<PropsOf<T>> } = definitions
