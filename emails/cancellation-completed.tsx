import { KeptList, deletedList, type DeletedItem, type KeptItem } from './_components/cancellation-lists'
import { EmailLayout, Greeting, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// The last email to a cancelled account: written in the transaction that erases the address it goes to.
export interface CancellationCompletedProps {
  username: string
  requestNumber: string
  /** what was deleted */
  deleted: DeletedItem[]
  /** what is kept under a legal hold, until when, and why */
  kept: KeptItem[]
}

export function CancellationCompleted({ username, requestNumber, deleted, kept, ...context }: CancellationCompletedProps & EmailContext) {
  const { t } = emailText(context.language)
  return (
    <EmailLayout preview={t('emails:cancellationCompleted.preview')} heading={t('emails:cancellationCompleted.heading')} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>{t('emails:cancellationCompleted.body', { requestNumber, deleted: deletedList(deleted, context.language) })}</Paragraph>
      {kept.length > 0 ? (
        <>
          <Paragraph>{t('emails:cancellationCompleted.keptIntro')}</Paragraph>
          <KeptList items={kept} language={context.language} />
        </>
      ) : null}
      <Paragraph>{t('emails:cancellationCompleted.lastEmail')}</Paragraph>
    </EmailLayout>
  )
}

CancellationCompleted.PreviewProps = {
  username: 'jane',
  requestNumber: 'DSR-2026-000042',
  deleted: [
    { what: 'Account', rows: 0 },
    { what: 'VPN sessions', rows: 12 },
  ],
  kept: [{ what: 'Payments', rows: 4, until: new Date('2034-12-31T12:00:00Z'), rule: 'Eight years', reason: '§ 147(3) AO and § 257(4) HGB.' }],
  ...previewContext,
} satisfies CancellationCompletedProps & EmailContext

export default CancellationCompleted
