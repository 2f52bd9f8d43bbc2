import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDpo } from '~/lib/platform/auth.server'
import { monthlyReport, reportCsv } from '~/lib/dpo/dsr-reports.server'

// The monthly report as a file; UTF-8 with a byte order mark so spreadsheets read umlauts right.
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const csv = reportCsv(await monthlyReport())
  const day = new Date().toISOString().slice(0, 10)
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="dsr-report-${day}.csv"`,
    },
  })
}
