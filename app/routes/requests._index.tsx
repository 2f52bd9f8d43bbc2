import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DeletionReceipts, receiptAction } from '~/components/deletion-receipts'
import { TableScroll } from '~/components/ui/table-scroll'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import type { DsrStatus, DsrType } from '~/lib/requests/dsr.server'
import { STATUS_KEYS, TYPE_KEYS } from '~/lib/requests/request-words'
import { formatDateTime } from '~/lib/domain/format'
import { decodeCursor, encodeCursor, loadSectionPage, RECORD_SPECS } from '~/lib/access/my-data.server'
import { listOwnDeletionReceipts } from '~/lib/erasure/retention.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:list.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const token = new URL(request.url).searchParams.get('cursor')
  const after = token === null ? null : decodeCursor(token)
  if (token !== null && !after) throw new Response(msg('requests:errors.brokenLink'), { status: 400 })
  const language = await getLanguage(request)
  const [page, receipts] = await Promise.all([
    loadSectionPage({ spec: RECORD_SPECS.requests, userId: user.id, after }),
    listOwnDeletionReceipts({ userId: user.id, limit: 50, language }),
  ])
  const time = (value: unknown) => (typeof value === 'string' ? formatDateTime(value, language) : null)
  return {
    isFirstPage: after === null,
    receipts: receipts.map((r) => ({
      id: r.id,
      ruleSlug: r.ruleSlug,
      ruleName: r.ruleName,
      tableName: r.tableName,
      rowCount: r.rowCount,
      requestNumber: r.requestNumber,
      anonymised: receiptAction(r.details),
      createdAt: formatDateTime(r.createdAt, language),
    })),
    nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
    requests: page.items.map(({ rowId, values }) => ({
      id: rowId,
      number: String(values.number),
      typeKey: TYPE_KEYS[values.type as DsrType] ?? 'requests:type.other',
      statusKey: STATUS_KEYS[values.status as DsrStatus] ?? 'requests:state.received',
      receivedAt: time(values.receivedAt),
      dueAt: time(values.dueAt),
      completedAt: time(values.completedAt),
    })),
  }
}

export default function Requests() {
  const { requests, isFirstPage, nextCursor, receipts } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section className="requests-page">
      <h1>{t('requests:list.title')}</h1>
      <p className="muted">{t('requests:list.intro')}</p>
      <p>
        <Link to="/requests/new" className="button">
          {t('requests:list.new')}
        </Link>
      </p>
      {requests.length === 0 ? (
        <p className="empty-category">{t('requests:list.none')}</p>
      ) : (
        <TableScroll label={t('requests:list.tableLabel')}>
          <table className="requests">
            <thead>
              <tr>
                <th scope="col">{t('requests:list.number')}</th>
                <th scope="col">{t('requests:list.type')}</th>
                <th scope="col">{t('requests:list.status')}</th>
                <th scope="col">{t('requests:list.received')}</th>
                <th scope="col">{t('requests:list.due')}</th>
                <th scope="col">{t('requests:list.completed')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/requests/${r.id}`}>{r.number}</Link>
                  </td>
                  <td>{t(r.typeKey)}</td>
                  <td>{t(r.statusKey)}</td>
                  <td>{r.receivedAt}</td>
                  <td>{r.dueAt}</td>
                  <td>{r.completedAt ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {nextCursor || !isFirstPage ? (
        <nav className="pager" aria-label={t('requests:list.pagerLabel')}>
          {!isFirstPage ? <Link to="/requests">{t('requests:list.newest')}</Link> : null}
          {nextCursor ? (
            <Link to={`/requests?cursor=${nextCursor}`} rel="next">
              {t('requests:list.older')}
            </Link>
          ) : null}
        </nav>
      ) : null}
      <DeletionReceipts receipts={receipts} />
      <p>
        <Link to="/my-data">{t('requests:list.myData')}</Link>
      </p>
    </section>
  )
}
