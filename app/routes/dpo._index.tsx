import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { requireDpo } from '~/lib/platform/auth.server'
import { daysUntilDue, DSR_STATUS_LABELS, DSR_STATUSES, DSR_TYPE_LABELS, DSR_TYPES } from '~/lib/requests/dsr.server'
import { listQueue, parseQueueFilter, queueSummary, type QueueFilter } from '~/lib/dpo/dsr-queue.server'
import { formatDate } from '~/lib/domain/format'
import { TableScroll } from '~/components/ui/table-scroll'

export const meta: MetaFunction = () => [{ title: 'Request queue · DPO workspace' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const { filter, after, before } = parseQueueFilter(new URL(request.url).searchParams)
  const now = new Date()
  const [page, summary] = await Promise.all([listQueue({ filter, after, before, now }), queueSummary({ now })])
  return {
    filter,
    summary,
    next: page.next,
    previous: page.previous,
    rows: page.rows.map((r) => {
      const daysLeft = daysUntilDue(r.dueAt, now)
      const open = r.status === 'received' || r.status === 'in_progress' || r.status === 'awaiting_clarification'
      return {
        id: r.id,
        number: r.number,
        type: DSR_TYPE_LABELS[r.type],
        status: DSR_STATUS_LABELS[r.status],
        extended: Boolean(r.extendedAt),
        unfounded: Boolean(r.manifestlyUnfoundedAt),
        email: r.email,
        hasAccount: r.hasAccount,
        receivedAt: formatDate(r.receivedAt),
        dueAt: formatDate(r.dueAt),
        daysLeft: open ? daysLeft : null,
        overdue: open && r.dueAt < now,
      }
    }),
    statusOptions: DSR_STATUSES.filter((s) => s !== 'identity_unverified').map((s) => ({ value: s, label: DSR_STATUS_LABELS[s] })),
    typeOptions: DSR_TYPES.map((t) => ({ value: t, label: DSR_TYPE_LABELS[t] })),
  }
}

// Keeps the filters when paging.
function pageLink(filter: QueueFilter, cursor: { after?: string; before?: string }) {
  const params = new URLSearchParams()
  for (const key of ['view', 'status', 'type', 'overdue', 'q'] as const) {
    const value = filter[key]
    if (value) params.set(key, value)
  }
  if (cursor.after) params.set('after', cursor.after)
  if (cursor.before) params.set('before', cursor.before)
  const query = params.toString()
  return query ? `/dpo?${query}` : '/dpo'
}

function daysLeftText(days: number) {
  if (days < 0) return `${-days} day${days === -1 ? '' : 's'} overdue`
  if (days === 0) return 'due today'
  return `${days} day${days === 1 ? '' : 's'}`
}

export default function DpoQueue() {
  const { filter, summary, rows, next, previous, statusOptions, typeOptions } = useLoaderData<typeof loader>()
  const open = summary.byStatus.received + summary.byStatus.in_progress + summary.byStatus.awaiting_clarification
  return (
    <section>
      <h1 id="queue-title">DPO workspace: request queue</h1>
      <ul className="queue-summary" aria-label="Open requests">
        <li>
          <Link to="/dpo">{open} open</Link>
        </li>
        <li>{summary.byStatus.received} new</li>
        <li>{summary.byStatus.in_progress} in progress</li>
        <li>{summary.byStatus.awaiting_clarification} waiting for an answer</li>
        <li className={summary.overdue > 0 ? 'overdue' : undefined}>
          <Link to="/dpo?overdue=1">{summary.overdue} overdue</Link>
        </li>
        <li>{summary.dueSoon} due within 7 days</li>
        <li className="muted">{summary.unconfirmed} waiting for the person to confirm their email address (not in the queue yet)</li>
      </ul>
      <Form method="get" className="queue-filter" aria-label="Filter the queue">
        <label>
          Show
          <select name="view" defaultValue={filter.view ?? 'open'}>
            <option value="open">open requests</option>
            <option value="all">all requests</option>
          </select>
        </label>
        <label>
          Status
          <select name="status" defaultValue={filter.status ?? ''}>
            <option value="">any</option>
            {statusOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Type
          <select name="type" defaultValue={filter.type ?? ''}>
            <option value="">any</option>
            {typeOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field-check">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === '1'} /> overdue only
        </label>
        <label>
          Search
          <input type="search" name="q" defaultValue={filter.q ?? ''} maxLength={254} placeholder="DSR-2026-000042 or name@example.org" />
        </label>
        <button type="submit">Apply</button>
      </Form>
      {rows.length === 0 ? (
        <p className="muted">No requests match.</p>
      ) : (
        <TableScroll labelledBy="queue-title">
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">Request</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Person</th>
                <th scope="col">Received</th>
                <th scope="col">Due</th>
                <th scope="col">Days left</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.overdue ? 'overdue' : undefined}>
                  <td>
                    <Link to={`/dpo/requests/${r.id}`}>{r.number}</Link>
                  </td>
                  <td>{r.type}</td>
                  <td className="status-cell">
                    {r.status} {r.extended ? <span className="tag">extended</span> : null} {r.unfounded ? <span className="tag">manifestly unfounded</span> : null}
                  </td>
                  <td>
                    {r.email ?? <span className="muted">(erased)</span>} <span className="muted">{r.hasAccount ? 'account' : 'no account'}</span>
                  </td>
                  <td>{r.receivedAt}</td>
                  <td>{r.dueAt}</td>
                  <td>{r.daysLeft === null ? '' : r.overdue ? <strong>{daysLeftText(r.daysLeft)}</strong> : daysLeftText(r.daysLeft)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <nav className="pager" aria-label="Pages">
        {previous ? <Link to={pageLink(filter, { before: previous })}>← Previous page</Link> : null}
        {previous ? <Link to={pageLink(filter, {})}>First page</Link> : null}
        {next ? <Link to={pageLink(filter, { after: next })}>Next page →</Link> : null}
      </nav>
    </section>
  )
}
