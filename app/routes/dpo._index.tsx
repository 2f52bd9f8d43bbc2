import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireDpo } from '~/lib/auth.server'
import { countRequestsByStatus } from '~/lib/dsr.server'
import { getPurposes } from '~/lib/registry.server'

export const meta: MetaFunction = () => [{ title: 'DPO workspace · Privacy Portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const [counts, purposes] = await Promise.all([countRequestsByStatus(), getPurposes()])
  return { counts, purposeCount: purposes.length }
}

export default function DpoHome() {
  const { counts, purposeCount } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>DPO workspace</h1>
      <h2>Requests by status</h2>
      {counts.length === 0 ? (
        <p>No data subject requests yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Status</th>
              <th>Requests</th>
            </tr>
          </thead>
          <tbody>
            {counts.map((c) => (
              <tr key={c.status}>
                <td>{c.status.replace(/_/g, ' ')}</td>
                <td>{c.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="muted">The registry holds {purposeCount} processing purposes.</p>
    </section>
  )
}
