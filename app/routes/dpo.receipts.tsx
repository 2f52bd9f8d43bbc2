import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { requireDpo } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { tableKey } from '~/lib/dpo/dpo-labels'
import { listLegalHolds, summariseDeletionReceipts } from '~/lib/erasure/retention.server'
import { ERASURE_RECEIPT_RULE } from '~/lib/erasure/erasure.server'
import { CANCELLATION_RECEIPT_RULE } from '~/lib/erasure/cancellation.server'
import { TableScroll } from '~/components/ui/table-scroll'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:receipts.title')

// Receipts written without a retention rule of the registry: named by what wrote them.
const RULE_KEYS: Record<string, string> = {
  [ERASURE_RECEIPT_RULE]: 'dpo:receipts.ruleErasure',
  [CANCELLATION_RECEIPT_RULE]: 'dpo:receipts.ruleCancellation',
}

// A run id is "retention:<uuid>" or "request:<id>": shown as what ran, never as the id itself.
function runOf(runId: string, requestNumber: string | null) {
  if (runId.startsWith('retention:')) return { key: 'dpo:receipts.runRetention', number: null, ref: runId.slice('retention:'.length, 'retention:'.length + 8) }
  if (runId.startsWith('request:')) return requestNumber ? { key: 'dpo:receipts.runRequest', number: requestNumber, ref: null } : { key: 'dpo:receipts.runRequestUnknown', number: null, ref: null }
  return { key: 'dpo:receipts.runOther', number: null, ref: null }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
  const [receipts, holds] = await Promise.all([summariseDeletionReceipts({ language }), listLegalHolds({ language })])
  return {
    receipts: receipts.map((r) => ({
      key: `${r.runId}-${r.ruleSlug}-${r.tableName}`,
      at: formatDateTime(r.at, language),
      ruleName: r.ruleName,
      ruleKey: RULE_KEYS[r.ruleSlug] ?? 'dpo:receipts.ruleOther',
      table: tableKey(r.tableName),
      rowCount: r.rowCount,
      people: r.people,
      run: runOf(r.runId, r.requestNumber),
    })),
    holds: holds.map((h) => ({
      id: h.id,
      // the account's id, never a name: the tombstone has none left
      account: h.user_id,
      category: h.category_name ?? h.category_slug,
      rule: h.rule_name,
      legalReason: h.legal_reason,
      endsAt: h.ends_at ? formatDate(h.ends_at, language) : null,
      since: formatDate(h.created_at, language),
      requestNumber: h.request_number,
    })),
  }
}

export default function DpoReceipts() {
  const { receipts, holds } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section>
      <h1>{t('dpo:receipts.title')}</h1>
      <h2 id="legal-holds">{t('dpo:receipts.holdsHeading')}</h2>
      <p className="muted">{t('dpo:receipts.holdsHint')}</p>
      {holds.length === 0 ? (
        <p>{t('dpo:receipts.noHolds')}</p>
      ) : (
        <TableScroll labelledBy="legal-holds">
          <table id="holds">
            <thead>
              <tr>
                <th scope="col">{t('dpo:receipts.colAccount')}</th>
                <th scope="col">{t('dpo:receipts.colData')}</th>
                <th scope="col">{t('dpo:receipts.colRule')}</th>
                <th scope="col">{t('dpo:receipts.colEnds')}</th>
                <th scope="col">{t('dpo:receipts.colSince')}</th>
                <th scope="col">{t('dpo:receipts.colRequest')}</th>
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
                  <td>{h.endsAt ?? t('dpo:receipts.noEndDate')}</td>
                  <td>{h.since}</td>
                  <td>{h.requestNumber}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <h2 id="receipts">{t('dpo:receipts.receiptsHeading')}</h2>
      <p className="muted">{t('dpo:receipts.receiptsHint')}</p>
      {receipts.length === 0 ? (
        <p>{t('dpo:receipts.noReceipts')}</p>
      ) : (
        <TableScroll labelledBy="receipts">
          <table id="receipt-list">
            <thead>
              <tr>
                <th scope="col">{t('dpo:receipts.colWhen')}</th>
                <th scope="col">{t('dpo:receipts.colRule')}</th>
                <th scope="col">{t('dpo:receipts.colTable')}</th>
                <th scope="col">{t('dpo:receipts.colRows')}</th>
                <th scope="col">{t('dpo:receipts.colPeople')}</th>
                <th scope="col">{t('dpo:receipts.colRun')}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.key}>
                  <td>{r.at}</td>
                  <td>{r.ruleName ?? t(r.ruleKey)}</td>
                  <td>{t(r.table)}</td>
                  <td>{r.rowCount}</td>
                  <td>{r.people}</td>
                  <td>
                    {t(r.run.key, { number: r.run.number ?? '' })} {r.run.ref ? <code>{r.run.ref}</code> : null}
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
