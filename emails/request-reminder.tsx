import { Link } from '@react-email/components'
import { ButtonLink, EmailLayout, Paragraph, type EmailContext } from './_components/layout'
import { previewContext } from './_components/preview-context'

// To the DPO: requests whose deadline is near or has passed (Art. 12(3)).
export interface RequestReminderProps {
  kind: 'due_soon' | 'overdue'
  requests: { number: string; typeLabel: string; dueAt: string; url: string }[]
  queueUrl: string
}

export function RequestReminder({ kind, requests, queueUrl, ...context }: RequestReminderProps & EmailContext) {
  const heading = kind === 'overdue' ? 'Requests past their deadline' : 'Requests due within 7 days'
  return (
    <EmailLayout preview={`${requests.length} ${kind === 'overdue' ? 'overdue' : 'due soon'}: ${requests.map((r) => r.number).join(', ')}`} heading={heading} {...context}>
      <Paragraph>
        {kind === 'overdue'
          ? 'These requests have passed the date by which the law required an answer. Answer them now, or tell the person why not.'
          : 'These requests must be answered within the next 7 days. An extension is only possible within the first month after receipt.'}
      </Paragraph>
      {requests.map((r) => (
        <Paragraph key={r.number}>
          <Link href={r.url}>{r.number}</Link> · {r.typeLabel} · due {r.dueAt}
        </Paragraph>
      ))}
      <ButtonLink href={queueUrl}>Open the queue</ButtonLink>
    </EmailLayout>
  )
}

RequestReminder.PreviewProps = {
  kind: 'due_soon',
  requests: [{ number: 'DSR-2026-000042', typeLabel: 'Erasure (Art. 17)', dueAt: '21 Dec 2026', url: 'http://localhost:3000/dpo/requests/42' }],
  queueUrl: 'http://localhost:3000/dpo',
  ...previewContext,
} satisfies RequestReminderProps & EmailContext

export default RequestReminder
