import { formatDateTime } from '~/lib/domain/format'
import { TableScroll } from '~/components/ui/table-scroll'

// A person's deletion receipts (issue 5): what was deleted, under which rule, how many rows; never the data itself.
export interface ReceiptView {
  id: number
  ruleSlug: string
  ruleName: string | null
  tableName: string
  rowCount: number
  requestNumber: string | null
  details: unknown
  createdAt: string | Date
}

const TABLE_LABELS: Record<string, string> = {
  vpn_sessions: 'VPN session records',
  contact_messages: 'Contact form messages',
  forum_posts: 'Forum posts and comments',
  feed_subscriptions: 'Comment feed subscriptions',
  payments: 'Payment records',
  consents: 'Consent records',
  traffic_usage: 'Traffic figures',
}

const RULE_LABELS: Record<string, string> = {
  erasure_request: 'Your erasure request',
  account_cancellation: 'Your account cancellation',
}

function actionOf(details: unknown) {
  return details && typeof details === 'object' && (details as { action?: unknown }).action === 'anonymised' ? 'anonymised' : 'deleted'
}

export function DeletionReceipts({ receipts }: { receipts: ReceiptView[] }) {
  return (
    <section aria-labelledby="deletion-receipts" id="receipts">
      <h2 id="deletion-receipts">Deletion receipts</h2>
      <p className="muted">What we deleted about you, when, and why: at your request or because its retention period ended.</p>
      {receipts.length === 0 ? (
        <p className="empty-category">Nothing of yours has been deleted yet.</p>
      ) : (
        <TableScroll labelledBy="deletion-receipts">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">How many</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{TABLE_LABELS[r.tableName] ?? r.tableName.replace(/_/g, ' ')}</td>
                  <td>
                    {r.rowCount} {actionOf(r.details)}
                  </td>
                  <td>
                    {RULE_LABELS[r.ruleSlug] ?? `Retention rule: ${r.ruleName ?? r.ruleSlug}`}
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
