import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireDpo } from '~/lib/platform/auth.server'
import { monthlyReport, reportCsv } from '~/lib/dpo/dsr-reports.server'
import { anchorAuditChain } from '~/lib/requests/audit-anchor.server'

// The monthly report as a file; UTF-8 with a byte order mark so spreadsheets read umlauts right.
// It ends with a signed checkpoint of the audit chain, which is also kept as an anchor.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireDpo(context, request)
  const checkpoint = await anchorAuditChain({ source: 'report', actor: { type: 'dpo', id: user.id } })
  const csv = reportCsv(await monthlyReport(), checkpoint)
  const day = new Date().toISOString().slice(0, 10)
  return new Response(`\uFEFF${csv}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="dsr-report-${day}.csv"`,
    },
  })
}
