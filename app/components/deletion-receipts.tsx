import { useTranslation } from 'react-i18next'
import { TableScroll } from '~/components/ui/table-scroll'

// A person's deletion receipts (issue 5): what was deleted, under which rule, how many rows; never the data itself.
export interface ReceiptView {
  id: number
  ruleSlug: string
  ruleName: string | null
  tableName: string
  rowCount: number
  requestNumber: string | null
  // anonymised instead of deleted (forum posts)
  anonymised: boolean
  // already written in the page's language by the loader
  createdAt: string
}

const TABLE_KEYS: Record<string, string> = {
  vpn_sessions: 'requests:receipts.table.vpn_sessions',
  contact_messages: 'requests:receipts.table.contact_messages',
  forum_posts: 'requests:receipts.table.forum_posts',
  feed_subscriptions: 'requests:receipts.table.feed_subscriptions',
  payments: 'requests:receipts.table.payments',
  consents: 'requests:receipts.table.consents',
  traffic_usage: 'requests:receipts.table.traffic_usage',
  archived_changes: 'requests:receipts.table.archived_changes',
}

const RULE_KEYS: Record<string, string> = {
  erasure_request: 'requests:receipts.rule.erasure_request',
  account_cancellation: 'requests:receipts.rule.account_cancellation',
}

export function receiptAction(details: unknown) {
  return Boolean(details && typeof details === 'object' && (details as { action?: unknown }).action === 'anonymised')
}

export function DeletionReceipts({ receipts }: { receipts: ReceiptView[] }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="deletion-receipts" id="receipts">
      <h2 id="deletion-receipts">{t('requests:receipts.title')}</h2>
      <p className="muted">{t('requests:receipts.intro')}</p>
      {receipts.length === 0 ? (
        <p className="empty-category">{t('requests:receipts.none')}</p>
      ) : (
        <TableScroll label={t('requests:receipts.title')}>
          <table className="receipts">
            <thead>
              <tr>
                <th scope="col">{t('requests:receipts.when')}</th>
                <th scope="col">{t('requests:receipts.what')}</th>
                <th scope="col">{t('requests:receipts.howMany')}</th>
                <th scope="col">{t('requests:receipts.why')}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.id}>
                  <td>{r.createdAt}</td>
                  <td>{TABLE_KEYS[r.tableName] ? t(TABLE_KEYS[r.tableName]) : t('requests:receipts.table.other')}</td>
                  <td>{t(r.anonymised ? 'requests:receipts.anonymised' : 'requests:receipts.deleted', { count: r.rowCount })}</td>
                  <td>
                    {RULE_KEYS[r.ruleSlug] ? t(RULE_KEYS[r.ruleSlug]) : t('requests:receipts.rule.retention', { rule: r.ruleName ?? r.ruleSlug })}
                    {r.requestNumber ? ` (${r.requestNumber})` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
