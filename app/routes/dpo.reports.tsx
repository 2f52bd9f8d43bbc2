import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { requireDpo } from '~/lib/platform/auth.server'
import { monthlyReport } from '~/lib/dpo/dsr-reports.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:reports.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  return { months: await monthlyReport() }
}

export default function DpoReports() {
  const { months } = useLoaderData<typeof loader>()
  const { t, i18n } = useTranslation()
  const number = new Intl.NumberFormat(i18n.language === 'de' ? 'de-DE' : 'en-GB')
  return (
    <section>
      <h1>{t('dpo:reports.title')}</h1>
      <p>{t('dpo:reports.intro')}</p>
      <p id="self-service-explained">{t('dpo:reports.selfServiceIntro')}</p>
      <p>
        <a href="/dpo/reports.csv" download>
          {t('dpo:reports.download')}
        </a>
      </p>
      {months.length === 0 ? (
        <p className="muted">{t('dpo:reports.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dpo:reports.tableLabel')}>
          <table className="report">
            <thead>
              <tr>
                <th scope="col">{t('dpo:reports.colMonth')}</th>
                <th scope="col">{t('dpo:reports.colReceived')}</th>
                <th scope="col">{t('dpo:reports.colCompleted')}</th>
                <th scope="col">{t('dpo:reports.colRefused')}</th>
                <th scope="col">{t('dpo:reports.colExtended')}</th>
                <th scope="col">{t('dpo:reports.colOverdue')}</th>
                <th scope="col">{t('dpo:reports.colMedian')}</th>
                <th scope="col" aria-describedby="self-service-explained">
                  {t('dpo:reports.colSelfService')}
                </th>
              </tr>
            </thead>
            <tbody>
              {months.map((m) => (
                <tr key={m.month} data-month={m.month}>
                  <td>{m.month}</td>
                  <td data-column="received">{m.received}</td>
                  <td>{m.completed}</td>
                  <td>{m.denied}</td>
                  <td>{m.extended}</td>
                  <td>{m.overdue}</td>
                  <td>{m.medianDaysToAnswer === null ? '—' : number.format(m.medianDaysToAnswer)}</td>
                  <td data-column="self-service">{m.selfService}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
