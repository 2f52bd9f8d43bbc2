import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { getLanguage } from '~/lib/platform/i18n.server'
import type { Language } from '~/i18n/config'
import { requireDpo } from '~/lib/platform/auth.server'
import { formatDateTime } from '~/lib/domain/format'
import { campaignProgress, DOCUMENT_SLUGS, listDrafts, listPublishedForDpo, type DocumentSlug } from '~/lib/policy/policy.server'
import { DOCUMENT_KEYS } from '~/lib/dpo/dpo-labels'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:policies.title')

// The change summary in the page's language; English (marked as such) where a draft has no German one.
function summaryOf(v: { changeSummary: string; changeSummaryDe: string }, language: Language) {
  return language === 'de' && v.changeSummaryDe.trim() !== '' ? { summary: v.changeSummaryDe, summaryLang: undefined } : { summary: v.changeSummary, summaryLang: language === 'de' ? ('en' as const) : undefined }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
  const [drafts, published] = await Promise.all([listDrafts(), listPublishedForDpo()])
  const progress = await Promise.all(published.slice(0, 10).map((p) => campaignProgress(p.version.id)))
  return {
    documents: DOCUMENT_SLUGS,
    drafts: drafts.map((d) => ({ id: d.version.id, document: d.document.slug as DocumentSlug, number: d.version.number, ...summaryOf(d.version, language), createdAt: formatDateTime(d.version.createdAt, language) })),
    published: published.slice(0, 10).map((p, i) => ({
      id: p.version.id,
      document: p.document.slug as DocumentSlug,
      number: p.version.number,
      effectiveAt: formatDateTime(p.version.effectiveAt!, language),
      progress: progress[i],
    })),
  }
}

export default function DpoPolicies() {
  const { documents, drafts, published } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section>
      <h1>{t('dpo:policies.title')}</h1>
      <p>
        {t('dpo:policies.draftNew')}{' '}
        {documents.map((d, i) => (
          <span key={d}>
            {i > 0 ? ' · ' : ''}
            <Link to={`/dpo/policies/new?document=${d}`}>{t(DOCUMENT_KEYS[d])}</Link>
          </span>
        ))}
      </p>
      <h2>{t('dpo:policies.drafts')}</h2>
      {drafts.length === 0 ? (
        <p className="muted">{t('dpo:policies.noDrafts')}</p>
      ) : (
        <ul>
          {drafts.map((d) => (
            <li key={d.id}>
              <Link to={`/dpo/policies/${d.id}`}>
                {t('dpo:policies.versionOf', { document: t(DOCUMENT_KEYS[d.document]), number: d.number })}
              </Link>{' '}
              — <span lang={d.summaryLang}>{d.summary}</span> <span className="muted">({d.createdAt})</span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('dpo:policies.published')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={t('dpo:policies.tableLabel')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('dpo:policies.colVersion')}</th>
            <th scope="col">{t('dpo:policies.colInForce')}</th>
            <th scope="col">{t('dpo:policies.colCustomers')}</th>
            <th scope="col">{t('dpo:policies.colQueued')}</th>
            <th scope="col">{t('dpo:policies.colSent')}</th>
            <th scope="col">{t('dpo:policies.colFailed')}</th>
            <th scope="col">{t('dpo:policies.colAcknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {published.map((p) => (
            <tr key={p.id}>
              <td>
                <Link to={`/dpo/policies/${p.id}`}>
                  {t('dpo:policies.versionOf', { document: t(DOCUMENT_KEYS[p.document]), number: p.number })}
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
      </div>
    </section>
  )
}
