import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { formatDateTime } from '~/lib/domain/format'
import { getDocumentName, isDocumentSlug, listPublishedVersions, versionInForce } from '~/lib/policy/policy.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `History of the ${data?.name ?? 'document'} · Privacy Portal` }]

// /privacy/history, /terms/history, /cookies/history: every published version with its dates.
export async function loader({ params }: LoaderFunctionArgs) {
  if (!isDocumentSlug(params.document)) throw new Response('There is no page at this address.', { status: 404 })
  const [name, versions, inForce] = await Promise.all([getDocumentName(params.document), listPublishedVersions(params.document), versionInForce({ document: params.document })])
  const now = Date.now()
  return {
    document: params.document,
    name,
    versions: versions.map((v) => ({
      number: v.number,
      changeSummary: v.changeSummary,
      significant: v.significant,
      publishedAt: formatDateTime(v.publishedAt!),
      effectiveAt: formatDateTime(v.effectiveAt!),
      state: v.id === inForce?.id ? 'in force' : v.effectiveAt!.getTime() > now ? 'upcoming' : 'superseded',
    })),
  }
}

export default function DocumentHistory() {
  const { document, name, versions } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>History of the {name}</h1>
      <p className="muted">Every version with the time it was published and the time it took effect (Berlin time).</p>
      <table>
        <thead>
          <tr>
            <th>Version</th>
            <th>Published</th>
            <th>In force from</th>
            <th>What changed</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.number}>
              <td>
                <Link to={`/${document}/history/${v.number}`}>Version {v.number}</Link> <span className="tag">{v.state}</span>
              </td>
              <td>{v.publishedAt}</td>
              <td>{v.effectiveAt}</td>
              <td>
                {v.changeSummary}
                {v.significant ? <span className="tag">significant</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
