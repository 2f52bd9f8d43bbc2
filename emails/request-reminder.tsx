import { Link } from '@react-email/components'
import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { emailText, REQUEST_TYPE_KEYS, type RequestType } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// To the DPO: requests whose deadline is near or has passed (Art. 12(3)).
export interface RequestReminderProps {
  kind: 'due_soon' | 'overdue'
  requests: { number: string; type: RequestType; dueAt: Date; url: string }[]
  queueUrl: string
}

export const REMINDER_KEYS = {
  due_soon: {
    subject: 'emails:requestReminder.dueSoon.subject',
    preview: 'emails:requestReminder.dueSoon.preview',
    heading: 'emails:requestReminder.dueSoon.heading',
    body: 'emails:requestReminder.dueSoon.body',
  },
  overdue: {
    subject: 'emails:requestReminder.overdue.subject',
    preview: 'emails:requestReminder.overdue.preview',
    heading: 'emails:requestReminder.overdue.heading',
    body: 'emails:requestReminder.overdue.body',
  },
} as const

export function RequestReminder({ kind, requests, queueUrl, ...context }: RequestReminderProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  const keys = REMINDER_KEYS[kind]
  return (
    <EmailLayout preview={t(keys.preview, { n: requests.length, numbers: requests.map((r) => r.number).join(', ') })} heading={t(keys.heading)} {...context}>
      <Paragraph>{t(keys.body)}</Paragraph>
      {requests.map((r) => (
        <Paragraph key={r.number}>
          <Link href={r.url}>{r.number}</Link> · {t('emails:requestReminder.line', { type: t(REQUEST_TYPE_KEYS[r.type]), date: text.date(r.dueAt) })}
        </Paragraph>
      ))}
      <ButtonLink href={queueUrl}>{t('emails:requestReminder.button')}</ButtonLink>
    </EmailLayout>
  )
}

RequestReminder.PreviewProps = {
  kind: 'due_soon',
  requests: [{ number: 'DSR-2026-000042', type: 'erasure', dueAt: new Date('2026-12-21T11:00:00Z'), url: 'http://localhost:3000/dpo/requests/42' }],
  queueUrl: 'http://localhost:3000/dpo',
  ...previewContext,
} satisfies RequestReminderProps & EmailContext

export default RequestReminder
