import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { endSession } from '~/lib/platform/auth.server'

export async function loader() {
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  await request.arrayBuffer() // nothing to read, but an unread body makes the server drop the connection
  if (!context.auth) return redirect('/')
  return redirect('/', { headers: { 'Set-Cookie': await endSession(context.auth.session.id) } })
}
