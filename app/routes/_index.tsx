import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { getRegistryContacts } from '~/lib/registry/registry.server'

export const meta: MetaFunction = () => [{ title: 'Privacy Portal' }]

export async function loader({ context }: LoaderFunctionArgs) {
  const { controller } = await getRegistryContacts()
  return { controllerName: controller.name, loggedIn: Boolean(context.auth) }
}

export default function Index() {
  const { controllerName, loggedIn } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>Your data, your rights</h1>
      <p>
        {controllerName} runs a VPN that keeps no logs of what you do. What we do store to run your account, you can see,
        copy, correct and delete here yourself — mostly without waiting for anyone.
      </p>
      <div className="card">
        {loggedIn ? (
          <p>
            Go to <Link to="/account">your account</Link>.
          </p>
        ) : (
          <p>
            <Link to="/login">Log in</Link> to see your data, or <Link to="/signup">open an account</Link>.
          </p>
        )}
        <p>
          Read the <Link to="/privacy">privacy notice</Link>: what we process, why, for how long, and who receives it.
        </p>
      </div>
    </section>
  )
}
