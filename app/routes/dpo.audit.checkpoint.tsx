import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { anchorAuditChain } from '~/lib/requests/audit-anchor.server'
import { requireDpo } from '~/lib/platform/auth.server'

// The chain's head as a small signed file for the DPO to keep elsewhere; the anchor is also kept in the
// database, so /dpo/audit can say when the chain was last anchored. A POST: it writes that anchor.
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireDpo(context, request)
  const checkpoint = await anchorAuditChain({ source: 'checkpoint', actor: { type: 'dpo', id: user.id } })
  if (!checkpoint) return redirect('/dpo/audit?checkpoint=empty')
  const day = checkpoint.anchoredAt.slice(0, 10)
  return new Response(`${JSON.stringify(checkpoint, null, 2)}\n`, {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="audit-checkpoint-${day}-entry-${checkpoint.entry}.json"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
