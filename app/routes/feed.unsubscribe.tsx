import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FeedLinkPage, feedTokenOf } from '~/components/feed-link'
import { pageTitle } from '~/i18n/translate'
import { feedLinkProblem, unsubscribeFromFeed } from '~/lib/consent/feed.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:unsubscribe.metaTitle')

// Public: works without logging in; the signed token in the URL is the only credential. Opening the link
// changes nothing (mail scanners open links too); the button, or a mail client's RFC 8058 one-click POST
// (body "List-Unsubscribe=One-Click", allowed cross-site in server/security.ts), does.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = feedTokenOf(request)
  const problem = feedLinkProblem('unsubscribe', token)
  return problem ? data({ problem, token: null }, { status: 400 }) : { problem, token }
}

export async function action({ request }: ActionFunctionArgs) {
  await request.formData()
  const result = await unsubscribeFromFeed(feedTokenOf(request))
  return result.ok ? { problem: null, topic: result.topic } : data({ problem: result.reason, topic: null }, { status: 400 })
}

export default function Unsubscribe() {
  const { problem, token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const done = actionData?.topic ? (
    <p className="notice notice-ok" role="status">
      {t('consent:unsubscribe.done')}
    </p>
  ) : null
  return <FeedLinkPage purpose="unsubscribe" problem={actionData?.problem ?? problem} token={token} done={done} />
}
