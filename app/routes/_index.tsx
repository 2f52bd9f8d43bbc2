import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { GpcHonoured } from '~/components/gpc-status'
import { pageTitle } from '~/i18n/translate'
import { readCookieConsent } from '~/lib/consent/cookie-consent.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'home:title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const [{ controller }, cookieState] = await Promise.all([getRegistryContacts(await getLanguage(request)), readCookieConsent(request)])
  return { controllerName: controller.name, role: context.auth?.user.role ?? null, gpc: cookieState.gpc }
}

type ActionKey = 'see' | 'download' | 'correct' | 'delete' | 'cookies' | 'consents' | 'cancel' | 'request' | 'requestCustomer'

// Every right the portal serves, where it is served, and whether it needs a customer's login.
const ACTIONS: { key: ActionKey; to: string; login: boolean }[] = [
  { key: 'see', to: '/my-data', login: true },
  { key: 'download', to: '/my-data#access-package', login: true },
  { key: 'correct', to: '/my-data#categories', login: true },
  { key: 'delete', to: '/my-data#categories', login: true },
  { key: 'consents', to: '/consents', login: true },
  { key: 'cookies', to: '/cookies', login: false },
  { key: 'cancel', to: '/account/cancel', login: true },
  { key: 'request', to: '/requests/new', login: false },
]

// the catalogue keys, spelled out so the catalogue check sees them
const TITLES: Record<ActionKey, string> = {
  see: 'home:actions.see.title',
  download: 'home:actions.download.title',
  correct: 'home:actions.correct.title',
  delete: 'home:actions.delete.title',
  cookies: 'home:actions.cookies.title',
  consents: 'home:actions.consents.title',
  cancel: 'home:actions.cancel.title',
  request: 'home:actions.request.title',
  requestCustomer: 'home:actions.requestCustomer.title',
}
const BODIES: Record<ActionKey, string> = {
  see: 'home:actions.see.body',
  download: 'home:actions.download.body',
  correct: 'home:actions.correct.body',
  delete: 'home:actions.delete.body',
  cookies: 'home:actions.cookies.body',
  consents: 'home:actions.consents.body',
  cancel: 'home:actions.cancel.body',
  request: 'home:actions.request.body',
  requestCustomer: 'home:actions.requestCustomer.body',
}

export default function Index() {
  const { controllerName, role, gpc } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const customer = role === 'customer'
  return (
    <section>
      <h1>{t('home:title')}</h1>
      <p>
        {/* the registry spells the controller's name in German, also on English pages */}
        <Trans i18nKey="home:intro" values={{ controller: controllerName }} components={{ name: <strong lang="de" /> }} />
      </p>
      {role === 'dpo' ? (
        <p className="notice">
          <Trans i18nKey="home:dpoHint" components={{ anchor: <Link to="/dpo" /> }} />
        </p>
      ) : null}
      <h2 id="actions-title">{t('home:actionsTitle')}</h2>
      {role === null ? <p>{t('home:anonymousHint')}</p> : null}
      <ul className="action-list" aria-labelledby="actions-title">
        {ACTIONS.filter((a) => role !== 'dpo' || a.key === 'cookies').map(({ key, to, login }) => {
          const shown: ActionKey = key === 'request' && customer ? 'requestCustomer' : key
          // an anonymous visitor goes to the login first and then straight on to the page
          const href = login && !customer ? `/login?redirectTo=${encodeURIComponent(to)}` : to
          return (
            <li key={key} className="action-card" data-action={key}>
              <h3>
                <Link to={href}>{t(TITLES[shown])}</Link>
              </h3>
              <p>{t(BODIES[shown])}</p>
              {key === 'cookies' && gpc ? <GpcHonoured brief /> : null}
              {login && !customer ? (
                <p className="action-login">
                  <span className="tag">{t('home:needsLogin')}</span>{' '}
                  <Trans i18nKey="home:noAccount" components={{ anchor: <Link to="/requests/new" /> }} />
                </p>
              ) : null}
            </li>
          )
        })}
      </ul>
      <p>
        <Trans i18nKey="home:privacy" components={{ anchor: <Link to="/privacy" /> }} />
      </p>
    </section>
  )
}
