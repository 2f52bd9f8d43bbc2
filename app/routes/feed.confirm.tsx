import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FeedLinkPage, feedTokenOf } from '~/components/feed-link'
import { pageTitle } from '~/i18n/translate'
import { confirmFeedSubscription, feedLinkProblem } from '~/lib/consent/feed.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:feedConfirm.title')

// Public: the link in the email works without an account. Opening it changes nothing (mail scanners open
// links too); the button does.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = feedTokenOf(request)
  const problem = feedLinkProblem('confirm', token)
  return problem ? data({ problem, token: null }, { status: 400 }) : { problem, token }
}

export async function action({ request }: ActionFunctionArgs) {
  await request.formData()
  const result = await confirmFeedSubscription(feedTokenOf(request))
  return result.ok ? { problem: null, topic: result.topic } : data({ problem: result.reason, topic: null }, { status: 400 })
}

export default function ConfirmSubscription() {
  const { problem, token } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const done = actionData?.topic ? (
    <>
      <p className="notice notice-ok" role="status">
        {t('consent:feedConfirm.confirmed', { topic: actionData.topic })}
      </p>
      <p>
        <Link to="/feed">{t('consent:feedConfirm.back')}</Link>
      </p>
    </>
  ) : null
  return <FeedLinkPage purpose="confirm" problem={actionData?.problem ?? problem} token={token} done={done} />
}
