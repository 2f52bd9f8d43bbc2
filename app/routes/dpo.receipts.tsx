import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireDpo } from '~/lib/platform/auth.server'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { listLegalHolds, summariseDeletionReceipts } from '~/lib/erasure/retention.server'
import { TableScroll } from '~/components/ui/table-scroll'

export const meta: MetaFunction = () => [{ title: 'Deletions and legal holds · Privacy Portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const [receipts, holds] = await Promise.all([summariseDeletionReceipts(), listLegalHolds()])
  return {
    receipts: receipts.map((r) => ({ ...r, at: formatDateTime(r.at) })),
    holds: holds.map((h) => ({
      id: h.id,
      // the account's id, never a name: the tombstone has none left
      account: h.user_id,
      category: h.category_name ?? h.category_slug,
      rule: h.rule_name,
      legalReason: h.legal_reason,
      endsAt: h.ends_at ? formatDate(h.ends_at) : 'no end date',
      since: formatDate(h.created_at),
      requestNumber: h.request_number,
    })),
  }
}

export default function DpoReceipts() {
  const { receipts, holds } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>Deletions and legal holds</h1>
      <h2 id="legal-holds">Data kept under a legal hold</h2>
      <p className="muted">Restricted: kept only because the law requires it, excluded from all other processing, deleted when the hold ends.</p>
      {holds.length === 0 ? (
        <p>No data is held.</p>
      ) : (
        <TableScroll labelledBy="legal-holds">
          <table id="holds">
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Data</th>
                <th scope="col">Rule</th>
                <th scope="col">Ends</th>
                <th scope="col">Since</th>
                <th scope="col">Request</th>
              </tr>
            </thead>
            <tbody>
              {holds.map((h) => (
                <tr key={h.id}>
                  <td>
                    <code>{h.account}</code>
                  </td>
                  <td>{h.category}</td>
                  <td title={h.legalReason ?? undefined}>{h.rule}</td>
                  <td>{h.endsAt}</td>
                  <td>{h.since}</td>
                  <td>{h.requestNumber}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 id="receipts">Deletion receipts</h2>
      <p className="muted">What each retention run or erasure deleted, under which rule, and how many rows. The deleted data itself is not kept.</p>
      {receipts.length === 0 ? (
        <p>Nothing has been deleted yet.</p>
      ) : (
        <TableScroll labelledBy="receipts">
          <table id="receipt-list">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Rule</th>
                <th scope="col">Table</th>
                <th scope="col">Rows</th>
                <th scope="col">People</th>
                <th scope="col">Run</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={`${r.runId}-${r.ruleSlug}-${r.tableName}`}>
                  <td>{r.at}</td>
                  <td>{r.ruleName ?? r.ruleSlug}</td>
                  <td>{r.tableName}</td>
                  <td>{r.rowCount}</td>
                  <td>{r.people}</td>
                  <td>
                    <code>{r.runId}</code>
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
