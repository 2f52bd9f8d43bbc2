import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireDpo } from '~/lib/platform/auth.server'
import { formatDateTime } from '~/lib/domain/format'
import { campaignProgress, DOCUMENT_SLUGS, listDrafts, listPublishedForDpo } from '~/lib/policy/policy.server'

export const meta: MetaFunction = () => [{ title: 'Policy versions · DPO workspace' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const [drafts, published] = await Promise.all([listDrafts(), listPublishedForDpo()])
  const progress = await Promise.all(published.slice(0, 10).map((p) => campaignProgress(p.version.id)))
  return {
    documents: DOCUMENT_SLUGS,
    drafts: drafts.map((d) => ({ id: d.version.id, document: d.document.name, number: d.version.number, summary: d.version.changeSummary, createdAt: formatDateTime(d.version.createdAt) })),
    published: published.slice(0, 10).map((p, i) => ({
      id: p.version.id,
      document: p.document.name,
      number: p.version.number,
      effectiveAt: formatDateTime(p.version.effectiveAt!),
      progress: progress[i],
    })),
  }
}

export default function DpoPolicies() {
  const { documents, drafts, published } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>Policy versions</h1>
      <p>
        Draft a new version of:{' '}
        {documents.map((d, i) => (
          <span key={d}>
            {i > 0 ? ' · ' : ''}
            <Link to={`/dpo/policies/new?document=${d}`}>{d === 'privacy' ? 'privacy notice' : d === 'terms' ? 'terms of service' : 'cookie notice'}</Link>
          </span>
        ))}
      </p>
      <h2>Drafts</h2>
      {drafts.length === 0 ? (
        <p className="muted">No drafts.</p>
      ) : (
        <ul>
          {drafts.map((d) => (
            <li key={d.id}>
              <Link to={`/dpo/policies/${d.id}`}>
                {d.document}, version {d.number}
              </Link>{' '}
              — {d.summary} <span className="muted">({d.createdAt})</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Published, with their notice campaigns</h2>
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th>In force from</th>
            <th>Customers</th>
            <th>Queued</th>
            <th>Sent</th>
            <th>Failed</th>
            <th>Acknowledged</th>
          </tr>
        </thead>
        <tbody>
          {published.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/dpo/policies/${p.id}`}>
                  {p.document}, version {p.number}
                </Link>
              </td>
              <td>{p.effectiveAt}</td>
              <td>{p.progress.total}</td>
              <td>{p.progress.queued}</td>
              <td>{p.progress.sent}</td>
              <td>{p.progress.failed}</td>
              <td>{p.progress.acknowledged}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
