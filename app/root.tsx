import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
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
import { useNonce } from '~/components/nonce'
import { getRegistryContacts } from '~/lib/registry.server'
import stylesHref from '~/styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: 'data:,' },
]

export async function loader({ context }: LoaderFunctionArgs) {
  const contacts = await getRegistryContacts()
  const user = context.auth ? { username: context.auth.user.username, role: context.auth.user.role } : null
  return { contacts, user }
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
        <header className="site-header">
          <Link to="/" className="brand">
            Privacy Portal
          </Link>
          <nav aria-label="Main">
            <Link to="/privacy">Privacy notice</Link>
            {data?.user ? (
              <>
                {data.user.role === 'dpo' ? <Link to="/dpo">DPO workspace</Link> : <Link to="/account">My account</Link>}
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
        <main id="main">{children}</main>
        <footer className="site-footer" aria-label="Contacts">
          {data?.contacts ? (
            <div className="contacts">
              <ContactCard title="Controller" contact={data.contacts.controller} />
              <ContactCard title="Data protection officer" contact={data.contacts.dpo} />
              <ContactCard title="Supervisory authority" contact={data.contacts.supervisoryAuthority} />
            </div>
          ) : null}
          <p>
            <Link to="/privacy">Privacy notice</Link>
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
