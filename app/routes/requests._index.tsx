import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DeletionReceipts } from '~/components/deletion-receipts'
import { requireCustomer } from '~/lib/platform/auth.server'
import { DSR_STATUS_LABELS, DSR_TYPE_LABELS, type DsrStatus, type DsrType } from '~/lib/requests/dsr.server'
import { formatDateTime } from '~/lib/domain/format'
import { decodeCursor, encodeCursor, loadSectionPage, RECORD_SPECS } from '~/lib/access/my-data.server'
import { listOwnDeletionReceipts } from '~/lib/erasure/retention.server'
import { TableScroll } from '~/components/ui/table-scroll'

export const meta: MetaFunction = () => [{ title: 'My requests · Privacy Portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const token = new URL(request.url).searchParams.get('cursor')
  const after = token === null ? null : decodeCursor(token)
  if (token !== null && !after) {
    throw new Response('This page link is broken or was changed. Open My requests again to start from the newest.', { status: 400 })
  }
  const [page, receipts] = await Promise.all([
    loadSectionPage({ spec: RECORD_SPECS.requests, userId: user.id, after }),
    listOwnDeletionReceipts({ userId: user.id, limit: 50 }),
  ])
  const time = (value: unknown) => (typeof value === 'string' ? formatDateTime(value) : null)
  return {
    isFirstPage: after === null,
    receipts,
    nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    requests: page.items.map(({ rowId, values }) => ({
      id: rowId,
      number: String(values.number),
      type: DSR_TYPE_LABELS[values.type as DsrType] ?? String(values.type),
      status: DSR_STATUS_LABELS[values.status as DsrStatus] ?? String(values.status),
      receivedAt: time(values.receivedAt),
      dueAt: time(values.dueAt),
      completedAt: time(values.completedAt),
    })),
  }
}

export default function Requests() {
  const { requests, isFirstPage, nextCursor, receipts } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1 id="requests-title">My requests</h1>
      <p className="muted">
        Everything you asked us about your data, newest first: when we received it, when our answer is due (one calendar month,
        Art. 12(3) GDPR) and when it was completed. Each copy of your data you download is recorded here too.
      </p>
      {requests.length === 0 ? (
        <p className="empty-category">You have not made any requests yet.</p>
      ) : (
        <TableScroll labelledBy="requests-title">
          <table>
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Received</th>
                <th scope="col">Due</th>
                <th scope="col">Completed</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/requests/${r.id}`}>{r.number}</Link>
                  </td>
                  <td>{r.type}</td>
                  <td>{r.status}</td>
                  <td>{r.receivedAt}</td>
                  <td>{r.dueAt}</td>
                  <td>{r.completedAt ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <p className="pager">
        {!isFirstPage ? <Link to="/requests">Back to the newest</Link> : null}
        {nextCursor ? (
          <Link to={`/requests?cursor=${nextCursor}`} rel="next">
            Older requests
          </Link>
        ) : null}
      </p>
      <DeletionReceipts receipts={receipts} />
      <p>
        <Link to="/my-data">My data</Link>
      </p>
    </section>
  )
}
