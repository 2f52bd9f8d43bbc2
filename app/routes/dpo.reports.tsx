import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireDpo } from '~/lib/platform/auth.server'
import { monthlyReport } from '~/lib/dpo/dsr-reports.server'

export const meta: MetaFunction = () => [{ title: 'Reports · DPO workspace' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  return { months: await monthlyReport() }
}

export default function DpoReports() {
  const { months } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>Reports</h1>
      <p>
        Requests per calendar month (Europe/Berlin). “Overdue” counts requests due in that month that were answered late or
        are still open past their date; the median is over the requests answered in that month.
      </p>
      <p>
        <a href="/dpo/reports.csv" download>
          Download as CSV
        </a>
      </p>
      {months.length === 0 ? (
        <p className="muted">No requests yet.</p>
      ) : (
        <table className="report">
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Received</th>
              <th scope="col">Completed</th>
              <th scope="col">Refused</th>
              <th scope="col">Extended</th>
              <th scope="col">Overdue</th>
              <th scope="col">Median days to answer</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <td>{m.month}</td>
                <td>{m.received}</td>
                <td>{m.completed}</td>
                <td>{m.denied}</td>
                <td>{m.extended}</td>
                <td>{m.overdue}</td>
                <td>{m.medianDaysToAnswer ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
