import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireCustomer } from '~/lib/auth.server'

export const meta: MetaFunction = () => [{ title: 'My account · Privacy Portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  return { username: user.username, email: user.email }
}

export default function Account() {
  const { username, email } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>Hello, {username}</h1>
      <dl className="facts card">
        <dt>Username</dt>
        <dd>{username}</dd>
        <dt>Email address</dt>
        <dd>{email}</dd>
      </dl>
      <ul>
        <li>
          <Link to="/account/sessions">Sessions</Link>: where you are logged in, and signing out elsewhere.
        </li>
        <li>
          <Link to="/privacy">Privacy notice</Link>: what we process and why.
        </li>
      </ul>
    </section>
  )
}
