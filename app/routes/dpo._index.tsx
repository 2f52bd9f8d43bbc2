import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { getZodConstraint } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { requireDpo } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { daysUntilDue, DSR_STATUSES, DSR_TYPES } from '~/lib/requests/dsr.server'
import { listQueue, parseQueueFilter, QueueFilterSchema, queueSummary, type QueueFilter } from '~/lib/dpo/dsr-queue.server'
import { DSR_STATUS_KEYS, DSR_TYPE_KEYS } from '~/lib/dpo/dpo-labels'
import { formatDate } from '~/lib/domain/format'
import { useDaysLeftText } from '~/components/days-left'
import { TableScroll } from '~/components/ui/table-scroll'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:queue.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
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
        type: DSR_TYPE_KEYS[r.type],
        status: DSR_STATUS_KEYS[r.status],
        extended: Boolean(r.extendedAt),
        unfounded: Boolean(r.manifestlyUnfoundedAt),
        email: r.email,
        hasAccount: r.hasAccount,
        receivedAt: formatDate(r.receivedAt, language),
        dueAt: formatDate(r.dueAt, language),
        daysLeft: open ? daysLeft : null,
        overdue: open && r.dueAt < now,
      }
    }),
    statusOptions: DSR_STATUSES.filter((s) => s !== 'identity_unverified').map((s) => ({ value: s, label: DSR_STATUS_KEYS[s] })),
    typeOptions: DSR_TYPES.map((t) => ({ value: t, label: DSR_TYPE_KEYS[t] })),
    // the filter form stays a plain GET; its limits come from the schema the loader reads the URL with
    constraints: getZodConstraint(QueueFilterSchema),
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

export default function DpoQueue() {
  const { filter, summary, rows, next, previous, statusOptions, typeOptions, constraints } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const daysLeftText = useDaysLeftText()
  const open = summary.byStatus.received + summary.byStatus.in_progress + summary.byStatus.awaiting_clarification
  return (
    <section>
      <h1 id="queue-title">{t('dpo:queue.heading')}</h1>
      <ul className="queue-summary" aria-label={t('dpo:queue.summaryLabel')}>
        <li>
          <Link to="/dpo">{t('dpo:queue.open', { count: open })}</Link>
        </li>
        <li>{t('dpo:queue.new', { count: summary.byStatus.received })}</li>
        <li>{t('dpo:queue.inProgress', { count: summary.byStatus.in_progress })}</li>
        <li>{t('dpo:queue.awaiting', { count: summary.byStatus.awaiting_clarification })}</li>
        <li className={summary.overdue > 0 ? 'overdue' : undefined}>
          <Link to="/dpo?overdue=1">{t('dpo:queue.overdue', { count: summary.overdue })}</Link>
        </li>
        <li>{t('dpo:queue.dueSoon', { count: summary.dueSoon })}</li>
        <li className="muted">{t('dpo:queue.unconfirmed', { count: summary.unconfirmed })}</li>
      </ul>
      <Form method="get" className="queue-filter" aria-label={t('dpo:queue.filterLabel')}>
        <label>
          {t('dpo:queue.show')}
          <select name="view" defaultValue={filter.view ?? 'open'}>
            <option value="open">{t('dpo:queue.viewOpen')}</option>
            <option value="all">{t('dpo:queue.viewAll')}</option>
          </select>
        </label>
        <label>
          {t('dpo:queue.status')}
          <select name="status" defaultValue={filter.status ?? ''}>
            <option value="">{t('dpo:queue.any')}</option>
            {statusOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {t(o.label)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('dpo:queue.type')}
          <select name="type" defaultValue={filter.type ?? ''}>
            <option value="">{t('dpo:queue.any')}</option>
            {typeOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {t(o.label)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-check">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === '1'} /> {t('dpo:queue.overdueOnly')}
        </label>
        <label>
          {t('dpo:queue.search')}
          <input type="search" name="q" defaultValue={filter.q ?? ''} maxLength={constraints.q?.maxLength} placeholder={t('dpo:queue.searchPlaceholder')} />
        </label>
        <button type="submit">{t('dpo:queue.apply')}</button>
      </Form>
      {rows.length === 0 ? (
        <p className="muted">{t('dpo:queue.none')}</p>
      ) : (
        <TableScroll labelledBy="queue-title">
          <table className="queue">
            <thead>
              <tr>
                <th scope="col">{t('dpo:queue.colRequest')}</th>
                <th scope="col">{t('dpo:queue.colType')}</th>
                <th scope="col">{t('dpo:queue.colStatus')}</th>
                <th scope="col">{t('dpo:queue.colPerson')}</th>
                <th scope="col">{t('dpo:queue.colReceived')}</th>
                <th scope="col">{t('dpo:queue.colDue')}</th>
                <th scope="col">{t('dpo:queue.colDaysLeft')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.overdue ? 'overdue' : undefined}>
                  <td>
                    <Link to={`/dpo/requests/${r.id}`}>{r.number}</Link>
                  </td>
                  <td>{t(r.type)}</td>
                  <td className="status-cell">
                    {t(r.status)} {r.extended ? <span className="tag">{t('dpo:queue.extended')}</span> : null}{' '}
                    {r.unfounded ? <span className="tag">{t('dpo:queue.unfounded')}</span> : null}
                  </td>
                  <td>
                    {r.email ?? <span className="muted">{t('dpo:queue.erased')}</span>}{' '}
                    <span className="muted">{r.hasAccount ? t('dpo:queue.account') : t('dpo:queue.noAccount')}</span>
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
      <nav className="pager" aria-label={t('dpo:queue.pages')}>
        {previous ? <Link to={pageLink(filter, { before: previous })}>{t('dpo:queue.previous')}</Link> : null}
        {previous ? <Link to={pageLink(filter, {})}>{t('dpo:queue.first')}</Link> : null}
        {next ? <Link to={pageLink(filter, { after: next })}>{t('dpo:queue.next')}</Link> : null}
      </nav>
    </section>
  )
}
