// Every email the portal sends: sendEmail is typed by these names and their props.
import type { ComponentType } from 'react'
import { translateMessage } from '~/i18n/translate'
import type { EmailText } from './_components/i18n'
import { AccountExists, type AccountExistsProps } from './account-exists'
import { CancellationCompleted, type CancellationCompletedProps } from './cancellation-completed'
import { CancellationScheduled, type CancellationScheduledProps } from './cancellation-scheduled'
import { ErasureCompleted, type ErasureCompletedProps } from './erasure-completed'
import type { EmailContext } from './_components/layout'
import { FeedComment, type FeedCommentProps } from './feed-comment'
import { FeedConfirm, type FeedConfirmProps } from './feed-confirm'
import { FeedSubscribed, type FeedSubscribedProps } from './feed-subscribed'
import { LoginCode, type LoginCodeProps } from './login-code'
import { RequestClarification, type RequestClarificationProps } from './request-clarification'
import { RequestCompleted, type RequestCompletedProps } from './request-completed'
import { RequestDenied, type RequestDeniedProps } from './request-denied'
import { RequestExtended, type RequestExtendedProps } from './request-extended'
import { RequestIdentityCode, type RequestIdentityCodeProps } from './request-identity-code'
import { RequestReceived, type RequestReceivedProps } from './request-received'
import { REMINDER_KEYS, RequestReminder, type RequestReminderProps } from './request-reminder'
import { EmailChangeCode, type EmailChangeCodeProps } from './email-change-code'
import { EmailChangedNotice, type EmailChangedNoticeProps } from './email-changed-notice'
import { RecipientNotice, recipientNoticeWhat, type RecipientNoticeProps } from './recipient-notice'
import { PolicyChange, policyChangeSubject, type PolicyChangeProps } from './policy-change'
import { VerifyEmail, type VerifyEmailProps } from './verify-email'

export type { EmailContact, EmailContacts, EmailContext } from './_components/layout'
export { emailText, type EmailText, type Language } from './_components/i18n'

export interface EmailTemplate<P> {
  component: ComponentType<P & EmailContext>
  /** the subject line, in the language of `text` */
  subject(props: P, text: EmailText): string
}

// Ties a component to its subject so that both agree on the props.
function defineTemplate<P>(template: EmailTemplate<P>) {
  return template
}

const definitions = {
  // erasure and cancellation (issue 5)
  'erasure-completed': defineTemplate<ErasureCompletedProps>({
    component: ErasureCompleted,
    subject: (p, { t }) => t('emails:erasureCompleted.subject', { what: translateMessage(t, p.what), requestNumber: p.requestNumber }),
  }),
  'cancellation-scheduled': defineTemplate<CancellationScheduledProps>({
    component: CancellationScheduled,
    subject: (p, { t, dateTime }) => t('emails:cancellationScheduled.subject', { date: dateTime(p.effectiveAt) }),
  }),
  'cancellation-completed': defineTemplate<CancellationCompletedProps>({
    component: CancellationCompleted,
    subject: (_, { t }) => t('emails:cancellationCompleted.subject'),
  }),
  'feed-confirm': defineTemplate<FeedConfirmProps>({
    component: FeedConfirm,
    subject: (p, { t }) => t('emails:feedConfirm.subject', { topic: p.topic }),
  }),
  'feed-subscribed': defineTemplate<FeedSubscribedProps>({
    component: FeedSubscribed,
    subject: (p, { t }) => t('emails:feedSubscribed.subject', { topic: p.topic }),
  }),
  'feed-comment': defineTemplate<FeedCommentProps>({
    component: FeedComment,
    subject: (p, { t }) => t('emails:feedComment.subject', { topic: p.topic }),
  }),
  // data subject requests (issue 7)
  'request-identity-code': defineTemplate<RequestIdentityCodeProps>({
    component: RequestIdentityCode,
    subject: (_, { t }) => t('emails:code.subject'),
  }),
  'request-received': defineTemplate<RequestReceivedProps>({
    component: RequestReceived,
    subject: (p, { t }) => t('emails:requestReceived.subject', { number: p.number }),
  }),
  'request-extended': defineTemplate<RequestExtendedProps>({
    component: RequestExtended,
    subject: (p, { t }) => t('emails:requestExtended.subject', { number: p.number }),
  }),
  'request-denied': defineTemplate<RequestDeniedProps>({
    component: RequestDenied,
    subject: (p, { t }) => t('emails:requestDenied.subject', { number: p.number }),
  }),
  'request-clarification': defineTemplate<RequestClarificationProps>({
    component: RequestClarification,
    subject: (p, { t }) => t('emails:requestClarification.subject', { number: p.number }),
  }),
  'request-completed': defineTemplate<RequestCompletedProps>({
    component: RequestCompleted,
    subject: (p, { t }) => t('emails:requestCompleted.subject', { number: p.number }),
  }),
  'request-reminder': defineTemplate<RequestReminderProps>({
    component: RequestReminder,
    subject: (p, { t }) => t(REMINDER_KEYS[p.kind].subject, { n: p.requests.length }),
  }),
  'email-change-code': defineTemplate<EmailChangeCodeProps>({
    component: EmailChangeCode,
    subject: (_, { t }) => t('emails:code.subject'),
  }),
  'email-changed-notice': defineTemplate<EmailChangedNoticeProps>({
    component: EmailChangedNotice,
    subject: (_, { t }) => t('emails:emailChangedNotice.subject'),
  }),
  'recipient-notice': defineTemplate<RecipientNoticeProps>({
    component: RecipientNotice,
    subject: (p, { t }) => t('emails:recipientNotice.subject', { subject: recipientNoticeWhat(t, p.change), requestNumber: p.requestNumber }),
  }),
  'verify-email': defineTemplate<VerifyEmailProps>({
    component: VerifyEmail,
    subject: (_, { t }) => t('emails:code.subject'),
  }),
  'login-code': defineTemplate<LoginCodeProps>({
    component: LoginCode,
    subject: (_, { t }) => t('emails:loginCode.subject'),
  }),
  'account-exists': defineTemplate<AccountExistsProps>({
    component: AccountExists,
    subject: (_, { t }) => t('emails:accountExists.subject'),
  }),
  'policy-change': defineTemplate<PolicyChangeProps>({
    component: PolicyChange,
    subject: policyChangeSubject,
  }),
}

export type TemplateName = keyof typeof definitions
type TemplateProps = { [T in TemplateName]: (typeof definitions)[T] extends EmailTemplate<infer P> ? P : never }
export type PropsOf<T extends TemplateName> = TemplateProps[T]

// Re-typed as a mapped type so that templates[name] stays tied to PropsOf<name> for a generic name.
export const templates: { [T in TemplateName]: EmailTemplate<PropsOf<T>> } = definitions
