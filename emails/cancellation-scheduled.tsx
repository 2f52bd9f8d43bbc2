import { KeptList, deletedList, type DeletedItem, type KeptItem } from './_components/cancellation-lists'
import { ButtonLink, EmailLayout, Greeting, Paragraph, type EmailContext } from './_components/layout'
import { emailText } from './_components/i18n'
import { previewContext } from './_components/preview-context'

// Sent when a customer cancels: the date it takes effect, the one-click undo, and what we keep, why and until when.
export interface CancellationScheduledProps {
  username: string
  /** when the account is erased (shown in Europe/Berlin) */
  effectiveAt: Date
  coolingOffDays: number
  undoUrl: string
  requestNumber: string
  /** what is deleted */
  deleted: DeletedItem[]
  /** what is kept under a legal hold: what, until when, and the legal reason */
  kept: KeptItem[]
}

export function CancellationScheduled({ username, effectiveAt, coolingOffDays, undoUrl, requestNumber, deleted, kept, ...context }: CancellationScheduledProps & EmailContext) {
  const text = emailText(context.language)
  const { t } = text
  const date = text.dateTime(effectiveAt)
  return (
    <EmailLayout preview={t('emails:cancellationScheduled.preview', { date })} heading={t('emails:cancellationScheduled.heading')} {...context}>
      <Greeting name={username} language={context.language} />
      <Paragraph>{t('emails:cancellationScheduled.body', { requestNumber, count: coolingOffDays, date })}</Paragraph>
      <ButtonLink href={undoUrl}>{t('emails:cancellationScheduled.button')}</ButtonLink>
      <Paragraph>{t('emails:cancellationScheduled.linkOnce', { date })}</Paragraph>
      <Paragraph>{t('emails:cancellationScheduled.willDelete', { deleted: deletedList(deleted, context.language) })}</Paragraph>
      {kept.length > 0 ? (
        <>
          <Paragraph>{t('emails:cancellationScheduled.keptIntro')}</Paragraph>
          <KeptList items={kept} language={context.language} />
        </>
      ) : null}
      <Paragraph>{t('emails:cancellationScheduled.notYou')}</Paragraph>
    </EmailLayout>
  )
}

CancellationScheduled.PreviewProps = {
  username: 'jane',
  effectiveAt: new Date('2026-12-05T09:15:00Z'),
  coolingOffDays: 14,
  undoUrl: 'http://localhost:3000/account/cancel/undo/abc',
  requestNumber: 'DSR-2026-000042',
  deleted: [
    { what: 'Account', rows: 0 },
    { what: 'VPN sessions', rows: 12 },
    { what: 'Forum posts and comments', rows: 3 },
  ],
  kept: [
    {
      what: 'Payments',
      rows: 4,
      until: new Date('2034-12-31T12:00:00Z'),
      rule: 'Eight years',
      reason: '§ 147(3) AO and § 257(4) HGB: accounting vouchers are kept for eight years.',
    },
  ],
  ...previewContext,
} satisfies CancellationScheduledProps & EmailContext

export default CancellationScheduled
