import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FeedLinkProblem, feedTokenOf } from '~/components/feed-link'
import { confirmFeedSubscription } from '~/lib/consent/feed.server'
import { verifyToken } from '~/lib/platform/tokens.server'

export const meta: MetaFunction = () => [{ title: 'Confirm your subscription · Privacy Portal' }]

// Public: the link in the email works without an account. Opening it changes nothing (mail scanners open
// links too); the button does.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = feedTokenOf(request)
  const check = verifyToken({ purpose: 'feed-confirm', token })
  if (!check.ok) return data({ problem: check.reason, token: null }, { status: 400 })
  return { problem: null, token }
}

export async function action({ request }: ActionFunctionArgs) {
  await request.formData()
  const result = await confirmFeedSubscription(feedTokenOf(request))
  if (!result.ok) return data({ problem: result.reason, topic: null }, { status: 400 })
  return { problem: null, topic: result.topic }
}

export default function ConfirmSubscription() {
  const { problem, token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.topic) {
    return (
      <section>
        <h1>Subscription confirmed</h1>
        <p className="notice notice-ok" role="status">
          You now receive new comments on “{actionData.topic}” by email. Every email has a link to unsubscribe with one click.
        </p>
        <p>
          <Link to="/feed">Back to the comment feed</Link>
        </p>
      </section>
    )
  }
  const shown = actionData?.problem ?? problem
  return (
    <section>
      <h1>Confirm your subscription</h1>
      {shown ? (
        <FeedLinkProblem reason={shown} purpose="confirm" />
      ) : (
        <Form method="post" action={`?token=${encodeURIComponent(token ?? '')}`} className="card">
          <p>Confirm that you want new comments on this topic sent to your email address.</p>
          <button type="submit">Confirm the subscription</button>
        </Form>
      )}
    </section>
  )
}
