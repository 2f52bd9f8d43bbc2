import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { AuthoritativeNote, PolicyText } from '~/components/policy-text'
import { msg, pageTitle } from '~/i18n/translate'
import { formatDateTime } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { upcomingVersion, versionIn, versionInForce } from '~/lib/policy/policy.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'policy:documents.terms.title')

export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const [inForce, upcoming] = await Promise.all([versionInForce({ document: 'terms' }), upcomingVersion({ document: 'terms' })])
  if (!inForce) throw new Response(msg('policy:errors.noTerms'), { status: 404 })
  return {
    version: { number: inForce.number, ...versionIn(inForce, language), effectiveAt: formatDateTime(inForce.effectiveAt!, language) },
    upcoming: upcoming ? { number: upcoming.number, changeSummary: versionIn(upcoming, language).changeSummary, effectiveAt: formatDateTime(upcoming.effectiveAt!, language) } : null,
  }
}

export default function Terms() {
  const { version, upcoming } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <article className="policy-page">
      <h1>{t('policy:documents.terms.title')}</h1>
      <p className="muted">
        {t('policy:versionLine', { number: version.number, date: version.effectiveAt })} <Link to="/terms/history">{t('policy:terms.allVersions')}</Link>
      </p>
      <AuthoritativeNote textLanguage={version.textLanguage} />
      {upcoming ? (
        <p className="notice">
          {t('policy:upcoming', { number: upcoming.number, date: upcoming.effectiveAt })}: {upcoming.changeSummary}{' '}
          <Link to={`/terms/history/${upcoming.number}`}>{t('policy:seeChanges')}</Link>
        </p>
      ) : null}
      <PolicyText text={version.text} lang={version.textLanguage} />
    </article>
  )
}
