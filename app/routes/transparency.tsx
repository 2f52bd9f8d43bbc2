// The public transparency report (issue 12): per month and right, from the same rows as the DPO's reports.
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { transparencyReport, type TransparencyRow } from '~/lib/dpo/dsr-reports.server'
import { getLanguage } from '~/lib/platform/i18n.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'transparency:title')

// Every request type has words (the catalogue check sees each key here).
const TYPE_KEYS: Record<string, string> = {
  access: 'transparency:types.access',
  portability: 'transparency:types.portability',
  rectification: 'transparency:types.rectification',
  erasure: 'transparency:types.erasure',
  restriction: 'transparency:types.restriction',
  objection: 'transparency:types.objection',
  consent_withdrawal: 'transparency:types.consent_withdrawal',
  other: 'transparency:types.other',
}

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const rows = await transparencyReport()
  const months = new Map<string, TransparencyRow[]>()
  for (const row of rows) months.set(row.month, [...(months.get(row.month) ?? []), row])
  const monthName = new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
  return {
    months: [...months.entries()].map(([month, rights]) => ({ month, label: monthName.format(new Date(`${month}-01T12:00:00Z`)), rights })),
  }
}

export default function Transparency() {
  const { months } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const n = (value: number | null) => (value === null ? t('transparency:none') : String(value))
  return (
    <section>
      <h1>{t('transparency:heading')}</h1>
      <p>{t('transparency:intro')}</p>
      <p className="muted">{t('transparency:selfServiceNote')}</p>
      {months.length === 0 ? <p>{t('transparency:empty')}</p> : null}
      {months.map((m) => (
        <section key={m.month} aria-labelledby={`month-${m.month}`} className="transparency-month">
          <h2 id={`month-${m.month}`}>{t('transparency:month', { month: m.label })}</h2>
          <div className="table-scroll" role="region" aria-labelledby={`month-${m.month}`} tabIndex={0}>
            <table data-testid={`transparency-${m.month}`}>
              <thead>
                <tr>
                  <th scope="col">{t('transparency:columns.right')}</th>
                  <th scope="col">{t('transparency:columns.received')}</th>
                  <th scope="col">{t('transparency:columns.completed')}</th>
                  <th scope="col">{t('transparency:columns.denied')}</th>
                  <th scope="col">{t('transparency:columns.extended')}</th>
                  <th scope="col">{t('transparency:columns.median')}</th>
                  <th scope="col">{t('transparency:columns.mean')}</th>
                  <th scope="col">{t('transparency:columns.selfService')}</th>
                </tr>
              </thead>
              <tbody>
                {m.rights.map((r) => (
                  <tr key={r.type} data-type={r.type}>
                    <th scope="row">{t(TYPE_KEYS[r.type] ?? 'transparency:types.other')}</th>
                    <td>{r.received}</td>
                    <td>{r.completed}</td>
                    <td>{r.denied}</td>
                    <td>{r.extended}</td>
                    <td>{n(r.medianDays)}</td>
                    <td>{n(r.meanDays)}</td>
                    <td>{r.selfService}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  )
}
