import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { verifyAuditChain } from '~/lib/requests/audit.server'
import { requireDpo } from '~/lib/platform/auth.server'
import { formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction = () => [{ title: 'Audit trail · DPO workspace' }]

const REASONS = {
  prev_hash: 'does not name the hash of the entry before it (an entry before it was removed or rewritten)',
  hash: 'its content no longer matches its hash (the entry was altered)',
} as const

// Verified on every visit: the whole chain, row by row (app/lib/audit.server.ts).
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const started = Date.now()
  const v = await verifyAuditChain()
  return {
    rows: v.rows,
    headHash: v.headHash,
    intact: v.breakCount === 0,
    breakCount: v.breakCount,
    breaks: v.breaks.map((b) => ({ ...b, createdAt: formatDateTime(b.createdAt), reasons: b.reasons.map((r) => REASONS[r]) })),
    changedEvents: v.changedEvents,
    erasedEvents: v.erasedEvents,
    verifiedAt: formatDateTime(new Date()),
    millis: Date.now() - started,
  }
}

export default function DpoAudit() {
  const v = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>Audit trail</h1>
      <p>
        Every request event and every change the DPO makes is appended to a hash chain when it is saved: each entry holds the
        hash of the entry before it. The chained fields carry no personal data, so erasing a person does not break it.
      </p>
      {v.intact ? (
        <p className="notice notice-ok" data-testid="audit-result">
          The chain is intact: {v.rows} entries verified on {v.verifiedAt} ({v.millis} ms).
        </p>
      ) : (
        <p className="notice notice-error" data-testid="audit-result">
          The chain is broken at {v.breakCount} {v.breakCount === 1 ? 'entry' : 'entries'} of {v.rows}. The first break is at entry #{v.breaks[0]?.id}.
        </p>
      )}
      {v.headHash ? (
        <p>
          Current head: <code className="hash">{v.headHash}</code>. Writing it down somewhere else from time to time lets you prove later
          that nothing before it was rewritten.
        </p>
      ) : null}
      {v.breaks.length > 0 ? (
        <>
          <h2>Where the chain breaks</h2>
          <table className="audit-breaks">
            <thead>
              <tr>
                <th scope="col">Entry</th>
                <th scope="col">Written</th>
                <th scope="col">Kind</th>
                <th scope="col">Request</th>
                <th scope="col">What is wrong</th>
              </tr>
            </thead>
            <tbody>
              {v.breaks.map((b) => (
                <tr key={b.id} data-testid={`audit-break-${b.id}`}>
                  <td>#{b.id}</td>
                  <td>{b.createdAt}</td>
                  <td>{b.kind}</td>
                  <td>{b.requestId ? <Link to={`/dpo/requests/${b.requestId}`}>{b.requestId}</Link> : '—'}</td>
                  <td>{b.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      {v.changedEvents.length > 0 ? (
        <p className="notice notice-error">
          The details of {v.changedEvents.length} request event(s) differ from what was sealed in the chain: events {v.changedEvents.join(', ')}.
        </p>
      ) : null}
      {v.erasedEvents > 0 ? <p className="muted">{v.erasedEvents} entries belong to request records deleted after their retention period; the chain still proves they existed.</p> : null}
    </section>
  )
}
