import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { ContactCard } from '~/components/contact-card'
import { pageTitle } from '~/i18n/translate'
import { IDLE_TIMEOUT_MINUTES } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { CODE_TTL_MINUTES } from '~/lib/platform/verification.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'common:statement.title')

// Public. Who to tell about a barrier comes from the registry, like every other contact on the portal.
export async function loader({ request }: LoaderFunctionArgs) {
  const { controller } = await getRegistryContacts(await getLanguage(request))
  return { controller, idleMinutes: IDLE_TIMEOUT_MINUTES, codeMinutes: CODE_TTL_MINUTES }
}

const WORKS = ['keyboard', 'structure', 'targets', 'language', 'reflow'] as const
const WORKS_KEYS: Record<(typeof WORKS)[number], string> = {
  keyboard: 'common:statement.status.keyboard',
  structure: 'common:statement.status.structure',
  targets: 'common:statement.status.targets',
  language: 'common:statement.status.language',
  reflow: 'common:statement.status.reflow',
}

export default function AccessibilityStatement() {
  const { controller, idleMinutes, codeMinutes } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <article className="statement">
      <h1>{t('common:statement.title')}</h1>
      <p>
        <Trans i18nKey="common:statement.intro" values={{ controller: controller.name }} components={{ name: <span lang="de" /> }} />
      </p>

      <h2>{t('common:statement.status.title')}</h2>
      <p>{t('common:statement.status.body')}</p>
      <p>{t('common:statement.status.checked')}</p>
      <p>{t('common:statement.status.works')}</p>
      <ul>
        {WORKS.map((key) => (
          <li key={key}>{t(WORKS_KEYS[key])}</li>
        ))}
      </ul>

      <h2>{t('common:statement.limits.title')}</h2>
      <ul>
        <li>{t('common:statement.limits.timeout', { idleMinutes, codeMinutes })}</li>
        <li>{t('common:statement.limits.registry')}</li>
        <li>{t('common:statement.limits.files')}</li>
        <li>{t('common:statement.limits.emails')}</li>
        <li>{t('common:statement.limits.manual')}</li>
      </ul>

      <h2 id="report">{t('common:statement.report.title')}</h2>
      <p>
        <Trans i18nKey="common:statement.report.body" components={{ anchor: <Link to="/contact" /> }} />
      </p>
      <div className="card">
        <ContactCard title={t('common:statement.report.contact')} contact={controller} />
      </div>

      <h2>{t('common:statement.enforcement.title')}</h2>
      <p>
        <Trans
          i18nKey="common:statement.enforcement.body"
          components={{ anchor: <a href="https://www.schlichtungsstelle-bgg.de" rel="noopener noreferrer" />, de: <span lang="de" /> }}
        />
      </p>
      <p>
        <Trans i18nKey="common:statement.enforcement.authority" components={{ de: <span lang="de" /> }} />
      </p>
      <p className="muted">{t('common:statement.prepared')}</p>
    </article>
  )
}
