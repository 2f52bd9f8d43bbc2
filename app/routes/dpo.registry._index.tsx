import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireDpo } from '~/lib/platform/auth.server'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { listRegistryHistory, REGISTRY_SECTIONS } from '~/lib/dpo/registry-admin.server'
import { listLegalHolds } from '~/lib/erasure/retention.server'

export const meta: MetaFunction = () => [{ title: 'Registry · DPO workspace' }]

// Only the names of what changed; the values themselves are in the archive rows shown below.
function changedFields(oldRow: unknown, newRow: unknown) {
  if (!newRow || typeof oldRow !== 'object' || oldRow === null) return ['(deleted)']
  const before = oldRow as Record<string, unknown>
  const after = newRow as Record<string, unknown>
  return Object.keys(before).filter((k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const [history, holds] = await Promise.all([listRegistryHistory({ limit: 30 }), listLegalHolds({ limit: 100 })])
  return {
    sections: Object.entries(REGISTRY_SECTIONS).map(([slug, s]) => ({ slug, title: s.title })),
    history: history.map((h) => {
      const fields = changedFields(h.oldRow, h.newRow)
      const oldRow = h.oldRow as Record<string, unknown>
      const newRow = (h.newRow ?? {}) as Record<string, unknown>
      return {
        id: h.id,
        at: formatDateTime(h.changedAt),
        table: h.tableName,
        row: h.rowId,
        by: h.actorType === 'dpo' ? 'data protection officer' : h.actorType,
        changes: fields.map((f) => ({ field: f, from: f === '(deleted)' ? '' : String(oldRow[f] ?? ''), to: f === '(deleted)' ? '' : String(newRow[f] ?? '') })),
      }
    }),
    holds: holds.map((h) => ({
      id: h.id,
      category: h.category_name ?? h.category_slug,
      rule: h.rule_name,
      legalReason: h.legal_reason,
      endsAt: h.ends_at ? formatDate(h.ends_at) : 'no end date set',
      request: h.request_number,
    })),
  }
}

export default function DpoRegistry() {
  const { sections, history, holds } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>Registry</h1>
      <p>Every page, export and email reads these entries. Each change is archived with its old value and appended to the audit trail.</p>
      <ul>
        {sections.map((s) => (
          <li key={s.slug}>
            <Link to={`/dpo/registry/${s.slug}`}>{s.title}</Link>
          </li>
        ))}
      </ul>
      <h2>Data under a legal hold</h2>
      {holds.length === 0 ? (
        <p className="muted">No data is kept under a legal hold right now.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Rule</th>
              <th scope="col">Why it is kept</th>
              <th scope="col">Hold ends</th>
              <th scope="col">Request</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id}>
                <td>{h.category}</td>
                <td>{h.rule}</td>
                <td>{h.legalReason}</td>
                <td>{h.endsAt}</td>
                <td>{h.request}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Recent changes</h2>
      {history.length === 0 ? (
        <p className="muted">The registry has not been changed since it was set up.</p>
      ) : (
        <table className="registry-history">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Entry</th>
              <th scope="col">By</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.at}</td>
                <td>
                  {h.table} {h.row}
                </td>
                <td>{h.by}</td>
                <td>
                  {h.changes.map((c) => (
                    <div key={c.field}>
                      <strong>{c.field}</strong>: <del>{c.from}</del> → <ins>{c.to}</ins>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
