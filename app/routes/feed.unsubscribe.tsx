import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FeedLinkProblem, feedTokenOf } from '~/components/feed-link'
import { unsubscribeFromFeed } from '~/lib/consent/feed.server'
import { verifyToken } from '~/lib/platform/tokens.server'

export const meta: MetaFunction = () => [{ title: 'Unsubscribe · Privacy Portal' }]

// Public: works without logging in; the signed token in the URL is the only credential. Opening the link
// changes nothing (mail scanners open links too); the button, or a mail client's RFC 8058 one-click POST
// (body "List-Unsubscribe=One-Click", allowed cross-site in server/security.ts), does.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = feedTokenOf(request)
  const check = verifyToken({ purpose: 'feed-unsubscribe', token })
  if (!check.ok) return data({ problem: check.reason, token: null }, { status: 400 })
  return { problem: null, token }
}

export async function action({ request }: ActionFunctionArgs) {
  await request.formData()
  const result = await unsubscribeFromFeed(feedTokenOf(request))
  if (!result.ok) return data({ problem: result.reason, topic: null }, { status: 400 })
  return { problem: null, topic: result.topic }
}

export default function Unsubscribe() {
  const { problem, token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.topic) {
    return (
      <section>
        <h1>You are unsubscribed</h1>
        <p className="notice notice-ok" role="status">
          We deleted the comment feed subscriptions of your email address and recorded that you withdrew your consent. You will
          receive no more comment emails from us.
        </p>
      </section>
    )
  }
  const shown = actionData?.problem ?? problem
  return (
    <section>
      <h1>Unsubscribe from the comment feed</h1>
      {shown ? (
        <FeedLinkProblem reason={shown} purpose="unsubscribe" />
      ) : (
        <Form method="post" action={`?token=${encodeURIComponent(token ?? '')}`} className="card">
          <p>Stop all comment feed emails to your address and delete your subscriptions.</p>
          <button type="submit">Unsubscribe</button>
        </Form>
      )}
    </section>
  )
}
