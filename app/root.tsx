import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import i18next from 'i18next'
import { data as withHeaders } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ContactCard } from '~/components/contact-card'
import { CookieBanner } from '~/components/cookie-banner'
import { useNonce } from '~/components/nonce'
import { purposesNeedingReconsent } from '~/lib/policy/policy.server'
import { loadCookieBanner } from '~/lib/consent/cookie-consent.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import stylesHref from '~/styles/app.css'
import { LANGUAGE_NAMES, SUPPORTED_LANGUAGES, FALLBACK_LANGUAGE } from '~/i18n/config'
import { languageOf, pageTitle, translateMessage } from '~/i18n/translate'
import { getLanguage } from '~/lib/platform/i18n.server'
import { takeToast } from '~/lib/platform/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: 'data:,' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const language = await getLanguage(request)
  const contacts = await getRegistryContacts(language)
  const user = context.auth ? { username: context.auth.user.username, role: context.auth.user.role } : null
  // a consent given under a purpose text that has since changed is asked again (issue 8)
  const reconsent = context.auth?.user.role === 'customer' ? await purposesNeedingReconsent({ userId: context.auth.user.id, language }) : []
  // the cookie banner until this browser chooses (issue 6); its headers record a GPC default and clear disallowed cookies
  const { banner: cookieBanner, headers, csp } = await loadCookieBanner({ request, context, language })
  const { toast, clear } = await takeToast(request)
  const responseHeaders = new Headers()
  for (const cookie of headers) responseHeaders.append('Set-Cookie', cookie)
  if (clear) responseHeaders.append('Set-Cookie', clear)
  if (csp) responseHeaders.set('Content-Security-Policy', csp)
  return withHeaders({ contacts, user, reconsent, cookieBanner, language, toast }, { headers: responseHeaders })
}

// Only the CSP a browser's cookie choice widens (external media) is passed on; the server sets the default one.
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const csp = loaderHeaders.get('Content-Security-Policy')
  return csp ? { 'Content-Security-Policy': csp } : new Headers()
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  const { t } = useTranslation()
  const language = data?.language ?? FALLBACK_LANGUAGE
  return (
    <html lang={language}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('common:skipToContent')}
        </a>
        {data?.cookieBanner ? <CookieBanner gpc={data.cookieBanner.gpc} categories={data.cookieBanner.categories} /> : null}
        <header className="site-header">
          <Link to="/" className="brand">
            {t('common:brand')}
          </Link>
          <nav aria-label={t('common:nav.label')}>
            <Link to="/privacy">{t('common:nav.privacy')}</Link>
            {data?.user ? (
              <>
                {data.user.role === 'dpo' ? <Link to="/dpo">{t('common:nav.dpo')}</Link> : <Link to="/account">{t('common:nav.account')}</Link>}
                {data.user.role === 'customer' ? (
                  <>
                    <Link to="/my-data">{t('common:nav.myData')}</Link>
                    <Link to="/requests">{t('common:nav.requests')}</Link>
                    <Link to="/consents">{t('common:nav.consents')}</Link>
                  </>
                ) : null}
                <Link to="/account/sessions">{t('common:nav.sessions')}</Link>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="link-button">
                    {t('common:nav.logout', { username: data.user.username })}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">{t('common:nav.login')}</Link>
                <Link to="/signup">{t('common:nav.signup')}</Link>
              </>
            )}
            <LanguageSwitch current={language} />
          </nav>
        </header>
        <main id="main">
          {data?.toast ? (
            <p className="notice notice-success toast" role="status">
              {translateMessage(t, data.toast)}
            </p>
          ) : null}
          {/* a standing request, there when the page loads: a note beside the content, not a live status message */}
          {data?.reconsent?.length ? (
            <p className="notice reconsent" role="note">
              {t('common:reconsent', { purposes: data.reconsent.map((p) => p.name).join(', ') })} <Link to="/consents">{t('common:reconsentLink')}</Link>
            </p>
          ) : null}
          {children}
        </main>
        <footer className="site-footer" aria-label={t('common:footer.label')}>
          {data?.contacts ? (
            <div className="contacts">
              <ContactCard title={t('common:footer.controller')} contact={data.contacts.controller} />
              <ContactCard title={t('common:footer.dpo')} contact={data.contacts.dpo} />
              <ContactCard title={t('common:footer.authority')} contact={data.contacts.supervisoryAuthority} />
            </div>
          ) : null}
          <p className="footer-links">
            <Link to="/privacy">{t('common:nav.privacy')}</Link>
            <Link to="/cookies">{t('common:footer.cookies')}</Link>
            <Link to="/contact">{t('common:footer.contact')}</Link>
            <Link to="/requests/new">{t('common:footer.newRequest')}</Link>
            <Link to="/transparency">{t('common:footer.transparency')}</Link>
            <Link to="/accessibility">{t('common:statement.link')}</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

// A plain form per language: works without JavaScript and reloads the page in the chosen language.
function LanguageSwitch({ current }: { current: string }) {
  const location = useLocation()
  const { t } = useTranslation()
  // a ?lng= in the address (the link to the authoritative German text) would outvote the choice made here
  const search = new URLSearchParams(location.search)
  search.delete('lng')
  const query = search.toString()
  return (
    <Form method="post" action="/language" reloadDocument className="inline-form language-switch" aria-label={t('common:language.label')}>
      <input type="hidden" name="redirectTo" value={location.pathname + (query ? `?${query}` : '')} />
      {SUPPORTED_LANGUAGES.filter((l) => l !== current).map((l) => (
        <button key={l} type="submit" name="lng" value={l} className="link-button" lang={l}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </Form>
  )
}

export default function App() {
  return <Outlet />
}

function errorKind(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500
  return status === 404 ? 'notFound' : status === 403 ? 'forbidden' : status === 400 ? 'badRequest' : status === 401 ? 'unauthorized' : 'generic'
}

// Every page has a title, error pages included (the boundary below renders inside Layout's <head>).
export const meta: MetaFunction<typeof loader> = ({ error, matches }) =>
  error ? pageTitle(matches, `common:errors.${errorKind(error)}.title`) : [{ title: i18next.getFixedT(languageOf(matches))('common:brand') }]

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation()
  const key = errorKind(error)
  const detail = isRouteErrorResponse(error) && typeof error.data === 'string' && error.data ? error.data : null
  return (
    <section className="error-page">
      <h1>{t(`common:errors.${key}.title`)}</h1>
      <p>{detail ? translateMessage(t, detail) : t(`common:errors.${key}.body`)}</p>
      <p>
        <Link to="/">{t('common:errors.backHome')}</Link>
      </p>
    </section>
  )
}
