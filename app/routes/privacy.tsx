import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { ContactCard } from '~/components/contact-card'
import { AuthoritativeNote, PolicyText } from '~/components/policy-text'
import { pageTitle } from '~/i18n/translate'
import { formatDateTime } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { upcomingVersion, versionIn, versionInForce } from '~/lib/policy/policy.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'policy:documents.privacy.title')

// The notice's content is the published version in force (frozen from the registry when published), in
// the page's language; who is responsible and where to complain are always today's registry rows.
export async function loader({ request }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const [contacts, inForce, upcoming] = await Promise.all([getRegistryContacts(language), versionInForce({ document: 'privacy' }), upcomingVersion({ document: 'privacy' })])
  return {
    contacts,
    version: inForce ? { number: inForce.number, ...versionIn(inForce, language), effectiveAt: formatDateTime(inForce.effectiveAt!, language) } : null,
    upcoming: upcoming
      ? { number: upcoming.number, changeSummary: versionIn(upcoming, language).changeSummary, effectiveAt: formatDateTime(upcoming.effectiveAt!, language), significant: upcoming.significant }
      : null,
  }
}

export default function Privacy() {
  const { contacts, version, upcoming } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <article className="privacy-notice policy-page">
      <h1>{t('policy:documents.privacy.title')}</h1>
      {version ? (
        <p className="muted">
          {t('policy:versionLine', { number: version.number, date: version.effectiveAt })} <Link to="/privacy/history">{t('policy:privacy.allVersions')}</Link>
        </p>
      ) : null}
      {version ? <AuthoritativeNote textLanguage={version.textLanguage} /> : null}
      {upcoming ? (
        <p className="notice">
          {t('policy:upcoming', { number: upcoming.number, date: upcoming.effectiveAt })}
          {upcoming.significant ? ` ${t('policy:upcomingSignificant')}` : ''}: {upcoming.changeSummary}{' '}
          <Link to={`/privacy/history/${upcoming.number}`}>{t('policy:seeChanges')}</Link>
        </p>
      ) : null}
      <p>{t('policy:privacy.intro', { controller: contacts.controller.name })}</p>

      <h2 id="who">{t('policy:privacy.who')}</h2>
      <div className="contacts">
        <ContactCard title={t('policy:privacy.controller')} contact={contacts.controller} />
        <ContactCard title={t('policy:privacy.dpo')} contact={contacts.dpo} />
      </div>

      {version ? <PolicyText text={version.text} lang={version.textLanguage} /> : <p>{t('policy:privacy.noVersion')}</p>}

      <p>
        <Trans
          i18nKey="policy:privacy.selfService"
          values={{ email: contacts.dpo.email }}
          components={{ login: <Link to="/login" />, mail: <a href={`mailto:${contacts.dpo.email}`} /> }}
        />
      </p>

      <h2 id="complaint">{t('policy:privacy.complaintHeading')}</h2>
      <p>{t('policy:privacy.complaintText')}</p>
      <ContactCard title={t('policy:privacy.authority')} contact={contacts.supervisoryAuthority} />
    </article>
  )
}
