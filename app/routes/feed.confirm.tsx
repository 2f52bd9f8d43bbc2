import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FeedLinkProblem, feedTokenOf } from '~/components/feed-link'
import { pageTitle } from '~/i18n/translate'
import { confirmFeedSubscription } from '~/lib/consent/feed.server'
import { verifyToken } from '~/lib/platform/tokens.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:feedConfirm.title')

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
  const { t } = useTranslation()
  if (actionData?.topic) {
    return (
      <section>
        <h1>{t('consent:feedConfirm.confirmedTitle')}</h1>
        <p className="notice notice-ok" role="status">
          {t('consent:feedConfirm.confirmed', { topic: actionData.topic })}
        </p>
        <p>
          <Link to="/feed">{t('consent:feedConfirm.back')}</Link>
        </p>
      </section>
    )
  }
  const shown = actionData?.problem ?? problem
  return (
    <section>
      <h1>{t('consent:feedConfirm.title')}</h1>
      {shown ? (
        <FeedLinkProblem reason={shown} purpose="confirm" />
      ) : (
        <Form method="post" action={`?token=${encodeURIComponent(token ?? '')}`} className="card">
          <p>{t('consent:feedConfirm.prompt')}</p>
          <button type="submit">{t('consent:feedConfirm.button')}</button>
        </Form>
      )}
    </section>
  )
}
