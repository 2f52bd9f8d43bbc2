import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { DOCUMENT_WORDS } from '~/components/policy-text'
import { msg, pageTitle } from '~/i18n/translate'
import { formatDateTime } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { isDocumentSlug, listPublishedVersions, versionIn, versionInForce } from '~/lib/policy/policy.server'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  pageTitle(matches, data ? DOCUMENT_WORDS[data.document].history : 'common:errors.notFound.title')

// Each state in words (an explicit list, so the catalogue check sees the keys).
const STATES = { inForce: 'policy:history.state.inForce', upcoming: 'policy:history.state.upcoming', superseded: 'policy:history.state.superseded' } as const

// /privacy/history, /terms/history, /cookies/history: every published version with its dates.
export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isDocumentSlug(params.document)) throw new Response(msg('policy:errors.noDocument'), { status: 404 })
  const language = await getLanguage(request)
  const [versions, inForce] = await Promise.all([listPublishedVersions(params.document), versionInForce({ document: params.document })])
  const now = Date.now()
  return {
    document: params.document,
    versions: versions.map((v) => {
      const { changeSummary, textLanguage } = versionIn(v, language)
      return {
        number: v.number,
        changeSummary,
        textLanguage,
        significant: v.significant,
        publishedAt: formatDateTime(v.publishedAt!, language),
        effectiveAt: formatDateTime(v.effectiveAt!, language),
        state: v.id === inForce?.id ? STATES.inForce : v.effectiveAt!.getTime() > now ? STATES.upcoming : STATES.superseded,
      }
    }),
  }
}

export default function DocumentHistory() {
  const { document, versions } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section className="policy-page">
      <h1>{t(DOCUMENT_WORDS[document].history)}</h1>
      <p className="muted">{t('policy:history.intro')}</p>
      {/* a wide table scrolls inside its own region on a phone, and the keyboard can reach it */}
      <div className="table-scroll" role="region" aria-label={t('policy:history.tableLabel')} tabIndex={0}>
        <table className="policy-history">
          <thead>
            <tr>
              <th>{t('policy:history.version')}</th>
              <th>{t('policy:history.published')}</th>
              <th>{t('policy:history.inForceFrom')}</th>
              <th>{t('policy:history.whatChanged')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.number}>
                <td>
                  <Link to={`/${document}/history/${v.number}`}>{t('policy:history.versionLink', { number: v.number })}</Link> <span className="tag">{t(v.state)}</span>
                </td>
                <td>{v.publishedAt}</td>
                <td>{v.effectiveAt}</td>
                <td>
                  {v.changeSummary}
                  {v.significant ? <span className="tag">{t('policy:history.significant')}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
