import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'
import { formatPeriod } from '~/lib/domain/period'
import { ACTOR_KEYS, registryFieldKey, tableKey } from '~/lib/dpo/dpo-labels'
import { requireDpo } from '~/lib/platform/auth.server'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { listRegistryHistory, REGISTRY_SECTIONS, type RegistrySection } from '~/lib/dpo/registry-admin.server'
import { listLegalHolds } from '~/lib/erasure/retention.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:registry.title')

const DELETED = '(deleted)'

// Only the names of what changed; the values themselves are in the archive rows shown below.
// A registry text's language: the column with a German sibling ("name" beside "name_de") holds the English one.
function textLanguage(column: string, row: Record<string, unknown>): 'de' | 'en' | undefined {
  if (column.endsWith('_de')) return 'de'
  return `${column}_de` in row ? 'en' : undefined
}

function changedFields(oldRow: unknown, newRow: unknown) {
  if (!newRow || typeof oldRow !== 'object' || oldRow === null) return [DELETED]
  const before = oldRow as Record<string, unknown>
  const after = newRow as Record<string, unknown>
  return Object.keys(before).filter((k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
  const t = fixedT(language)
  // a retention period in the reader's words ("6 Monate", not PostgreSQL's "6 mons")
  const shownValue = (column: string, value: unknown) => (column === 'period' && typeof value === 'string' ? formatPeriod(t, value) : String(value ?? ''))
  const [history, holds] = await Promise.all([listRegistryHistory({ limit: 30 }), listLegalHolds({ limit: 100, language })])
  return {
    sections: (Object.keys(REGISTRY_SECTIONS) as RegistrySection[]).map((slug) => ({ slug, title: REGISTRY_SECTIONS[slug].title })),
    history: history.map((h) => {
      const fields = changedFields(h.oldRow, h.newRow)
      const oldRow = h.oldRow as Record<string, unknown>
      const newRow = (h.newRow ?? {}) as Record<string, unknown>
      return {
        id: h.id,
        at: formatDateTime(h.changedAt, language),
        table: tableKey(h.tableName),
        row: h.rowId,
        by: ACTOR_KEYS[h.actorType],
        deleted: fields[0] === DELETED,
        changes: fields
          .filter((f) => f !== DELETED)
          .map((f) => ({ column: f, field: registryFieldKey(f), from: shownValue(f, oldRow[f]), to: shownValue(f, newRow[f]), lang: textLanguage(f, newRow) })),
      }
    }),
    holds: holds.map((h) => ({
      id: h.id,
      category: h.category_name ?? h.category_slug,
      rule: h.rule_name,
      legalReason: h.legal_reason,
      endsAt: h.ends_at ? formatDate(h.ends_at, language) : null,
      request: h.request_number,
    })),
  }
}

export default function DpoRegistry() {
  const { sections, history, holds } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section>
      <h1>{t('dpo:registry.title')}</h1>
      <p>{t('dpo:registry.intro')}</p>
      <ul>
        {sections.map((s) => (
          <li key={s.slug}>
            <Link to={`/dpo/registry/${s.slug}`}>{t(s.title)}</Link>
          </li>
        ))}
      </ul>
      <h2>{t('dpo:registry.holdsHeading')}</h2>
      {holds.length === 0 ? (
        <p className="muted">{t('dpo:registry.noHolds')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dpo:registry.holdsLabel')}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dpo:registry.colData')}</th>
              <th scope="col">{t('dpo:registry.colRule')}</th>
              <th scope="col">{t('dpo:registry.colWhy')}</th>
              <th scope="col">{t('dpo:registry.colEnds')}</th>
              <th scope="col">{t('dpo:registry.colRequest')}</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id}>
                <td>{h.category}</td>
                <td>{h.rule}</td>
                <td>{h.legalReason}</td>
                <td>{h.endsAt ?? t('dpo:registry.noEndDate')}</td>
                <td>{h.request}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
      <h2>{t('dpo:registry.historyHeading')}</h2>
      {history.length === 0 ? (
        <p className="muted">{t('dpo:registry.noHistory')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dpo:registry.historyLabel')}>
        <table className="registry-history">
          <thead>
            <tr>
              <th scope="col">{t('dpo:registry.colWhen')}</th>
              <th scope="col">{t('dpo:registry.colEntry')}</th>
              <th scope="col">{t('dpo:registry.colBy')}</th>
              <th scope="col">{t('dpo:registry.colChange')}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.id}>
                <td>{h.at}</td>
                <td>{t('dpo:registry.entry', { table: t(h.table), row: h.row })}</td>
                <td>{t(h.by)}</td>
                <td>
                  {h.deleted ? <div>{t('dpo:registry.deleted')}</div> : null}
                  {h.changes.map((c) => (
                    <div key={c.column}>
                      <strong>{t(c.field)}</strong>: <del lang={c.lang}>{c.from}</del> → <ins lang={c.lang}>{c.to}</ins>
                    </div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  )
}
