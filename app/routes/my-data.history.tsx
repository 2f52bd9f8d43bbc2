import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getArchiveRetention, HISTORY_PAGE_SIZE, listArchiveHistory, listHistoryCategories } from '~/lib/requests/archive.server'
import { requireCustomer } from '~/lib/platform/auth.server'
import { formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction = () => [{ title: 'History of your data · Privacy Portal' }]

const Query = z.object({
  category: z.string().regex(/^[a-z_]{1,40}$/).nullable().catch(null),
  before: z.string().regex(/^\d{1,15}$/).transform(Number).nullable().catch(null),
  corrected: z.string().regex(/^DSR-\d{4}-\d{6,}$/).nullable().catch(null),
  request: z.string().regex(/^\d{1,15}$/).nullable().catch(null),
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const params = new URL(request.url).searchParams
  const query = Query.parse({ category: params.get('category'), before: params.get('before'), corrected: params.get('corrected'), request: params.get('request') })
  const [categories, retention] = await Promise.all([listHistoryCategories(), getArchiveRetention()])
  const category = categories.find((c) => c.slug === query.category) ?? null
  const entries = await listArchiveHistory({ userId: user.id, categorySlug: category?.slug ?? null, before: query.before })
  const names = Object.fromEntries(categories.map((c) => [c.slug, c.name]))
  return {
    categories,
    retention,
    category,
    corrected: query.corrected ? { number: query.corrected, requestId: query.request } : null,
    entries: entries.map((e) => ({
      id: e.id,
      changedAt: formatDateTime(e.changedAt),
      category: names[e.categorySlug] ?? e.categorySlug,
      deleted: e.operation === 'DELETE',
      by: e.actorLabel,
      reason: e.reason,
      changes: e.changes,
    })),
    nextBefore: entries.length === HISTORY_PAGE_SIZE ? entries[entries.length - 1].id : null,
  }
}

export default function History() {
  const { categories, retention, category, corrected, entries, nextBefore } = useLoaderData<typeof loader>()
  const filter = category ? `category=${category.slug}&` : ''
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>History of your data</h1>
      {corrected ? (
        <p className="notice notice-ok" role="status">
          Saved as request {corrected.requestId ? <Link to={`/requests/${corrected.requestId}`}>{corrected.number}</Link> : corrected.number}. The
          previous value is kept below.
        </p>
      ) : null}
      <p>
        When your data is changed or deleted, by you, by the data protection officer or by our systems, the previous values are
        kept in this archive, with when, by whom and why, so that corrections can be traced and disputes resolved.
      </p>
      {retention ? (
        <p>
          <strong>How long we keep it:</strong> {retention.name}. {retention.description}
        </p>
      ) : null}
      <nav aria-label="Filter by category" className="history-filter">
        <span>Show:</span> {category ? <Link to="/my-data/history">all</Link> : <strong>all</strong>}
        {categories.map((c) =>
          c.slug === category?.slug ? (
            <strong key={c.slug}>{c.name}</strong>
          ) : (
            <Link key={c.slug} to={`/my-data/history?category=${c.slug}`}>
              {c.name}
            </Link>
          ),
        )}
      </nav>
      {entries.length === 0 ? (
        <p className="muted">{category ? `No changes to ${category.name} so far.` : 'None of your data has been changed so far.'}</p>
      ) : (
        <table className="history">
          <thead>
            <tr>
              <th>Field</th>
              <th>Old value</th>
              <th>New value</th>
              <th>When</th>
              <th>By whom</th>
            </tr>
          </thead>
          <tbody>
            {entries.flatMap((e) =>
              (e.changes.length ? e.changes : [{ field: '', label: '(no visible change)', oldValue: '', newValue: '' }]).map((c, i) => (
                <tr key={`${e.id}-${c.field}`} data-archive-id={e.id}>
                  <td>
                    {c.label}
                    <span className="muted"> · {e.category}</span>
                  </td>
                  <td>{c.oldValue || <span className="muted">empty</span>}</td>
                  <td>{e.deleted ? <span className="tag">deleted</span> : c.newValue || <span className="muted">empty</span>}</td>
                  <td>{i === 0 ? e.changedAt : null}</td>
                  <td>
                    {i === 0 ? (
                      <>
                        {e.by}
                        {e.reason ? <div className="muted">{e.reason}</div> : null}
                      </>
                    ) : null}
                  </td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      {nextBefore ? (
        <p>
          <Link to={`/my-data/history?${filter}before=${nextBefore}`}>Older changes</Link>
        </p>
      ) : null}
    </section>
  )
}
