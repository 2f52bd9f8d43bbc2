import type { HeadersFunction, LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
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
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { ContactCard } from '~/components/contact-card'
import { CookieBanner } from '~/components/cookie-banner'
import { useNonce } from '~/components/nonce'
import { purposesNeedingReconsent } from '~/lib/policy/policy.server'
import { loadCookieBanner } from '~/lib/consent/cookie-consent.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import stylesHref from '~/styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: 'data:,' },
]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const contacts = await getRegistryContacts()
  const user = context.auth ? { username: context.auth.user.username, role: context.auth.user.role } : null
  // a consent given under a purpose text that has since changed is asked again (issue 8)
  const reconsent = context.auth?.user.role === 'customer' ? await purposesNeedingReconsent({ userId: context.auth.user.id }) : []
  // the cookie banner until this browser chooses (issue 6); its headers record a GPC default and clear disallowed cookies
  const { banner: cookieBanner, headers, csp } = await loadCookieBanner({ request, context })
  const responseHeaders = new Headers()
  for (const cookie of headers) responseHeaders.append('Set-Cookie', cookie)
  if (csp) responseHeaders.set('Content-Security-Policy', csp)
  return withHeaders({ contacts, user, reconsent, cookieBanner }, { headers: responseHeaders })
}

// Only the CSP a browser's cookie choice widens (external media) is passed on; the server sets the default one.
export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const csp = loaderHeaders.get('Content-Security-Policy')
  return csp ? { 'Content-Security-Policy': csp } : new Headers()
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const data = useRouteLoaderData<typeof loader>('root')
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {data?.cookieBanner ? <CookieBanner gpc={data.cookieBanner.gpc} categories={data.cookieBanner.categories} /> : null}
        <header className="site-header">
          <Link to="/" className="brand">
            Privacy Portal
          </Link>
          <nav aria-label="Main">
            <Link to="/privacy">Privacy notice</Link>
            {data?.user ? (
              <>
                {data.user.role === 'dpo' ? <Link to="/dpo">DPO workspace</Link> : <Link to="/account">My account</Link>}
                {data.user.role === 'customer' ? (
                  <>
                    <Link to="/my-data">My data</Link>
                    <Link to="/requests">My requests</Link>
                    <Link to="/consents">My consents</Link>
                  </>
                ) : null}
                <Link to="/account/sessions">Sessions</Link>
                <Form method="post" action="/logout" className="inline-form">
                  <button type="submit" className="link-button">
                    Log out ({data.user.username})
                  </button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">Log in</Link>
                <Link to="/signup">Sign up</Link>
              </>
            )}
          </nav>
        </header>
        <main id="main">
          {data?.reconsent?.length ? (
            <p className="notice" role="status">
              Our privacy notice now describes {data.reconsent.map((p) => p.name).join(', ')} differently from when you consented.{' '}
              <Link to="/consents">Review your consent</Link>
            </p>
          ) : null}
          {children}
        </main>
        <footer className="site-footer" aria-label="Contacts">
          {data?.contacts ? (
            <div className="contacts">
              <ContactCard title="Controller" contact={data.contacts.controller} />
              <ContactCard title="Data protection officer" contact={data.contacts.dpo} />
              <ContactCard title="Supervisory authority" contact={data.contacts.supervisoryAuthority} />
            </div>
          ) : null}
          <p className="footer-links">
            <Link to="/privacy">Privacy notice</Link>
            <Link to="/cookies">Cookie settings</Link>
            <Link to="/contact">Contact form</Link>
            <Link to="/requests/new">Make a privacy request</Link>
          </p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  if (isRouteErrorResponse(error)) {
    const title =
      error.status === 404 ? 'Page not found' : error.status === 403 ? 'Not allowed' : error.status === 400 ? 'Bad request' : 'Something went wrong'
    return (
      <section className="error-page">
        <h1>{title}</h1>
        <p>{typeof error.data === 'string' && error.data ? error.data : `Error ${error.status}`}</p>
        <p>
          <Link to="/">Back to the start page</Link>
        </p>
      </section>
    )
  }
  return (
    <section className="error-page">
      <h1>Something went wrong</h1>
      <p>The error has been noted. Please try again later.</p>
    </section>
  )
}
