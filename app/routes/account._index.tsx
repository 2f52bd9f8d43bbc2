import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireCustomer } from '~/lib/platform/auth.server'

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
          <Link to="/my-data">My data</Link>: everything we store about you, why and for how long, and a copy to download.
        </li>
        <li>
          <Link to="/requests">My requests</Link>: your requests about your data and what happened with each.
        </li>
        <li>
          <Link to="/consents">My consents</Link>: what you agreed to, and withdrawing it with one click.
        </li>
        <li>
          <Link to="/account/sessions">Sessions</Link>: where you are logged in, and signing out elsewhere.
        </li>
        <li>
          <Link to="/privacy">Privacy notice</Link>: what we process and why.
        </li>
        <li>
          <Link to="/account/cancel">Cancel your account</Link>: what is deleted, what the law makes us keep, and until when.
        </li>
      </ul>
    </section>
  )
}
