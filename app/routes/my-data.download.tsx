import type { LoaderFunctionArgs } from '@remix-run/node'
import { accessPackageHeaders, mayDownloadPackage, openAccessPackage } from '~/lib/access/access-package.server'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'

// The access package as a file. Reached from the password form on /my-data, which sends the ticket.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  // a HEAD answer has no body: building a copy for it would hold a slot that nobody reads
  if (request.method === 'HEAD') return new Response(null, { status: 405, headers: { Allow: 'GET' } })
  const ticket = new URL(request.url).searchParams.get('ticket')
  if (!mayDownloadPackage(context, ticket)) return redirectWithToast('/my-data#access-package', 'mydata:package.confirm')
  const opened = await openAccessPackage({ userId: user.id, username: user.username, signal: request.signal, language: await getLanguage(request) })
  if (!opened.ok) return redirectWithToast('/my-data#access-package', opened.reason === 'busy' ? 'mydata:package.busy' : 'mydata:package.running')
  return new Response(opened.body, { status: 200, headers: accessPackageHeaders(opened.filename) })
}
