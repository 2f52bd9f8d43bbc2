import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FeedLinkProblem, feedTokenOf } from '~/components/feed-link'
import { pageTitle } from '~/i18n/translate'
import { unsubscribeFromFeed } from '~/lib/consent/feed.server'
import { verifyToken } from '~/lib/platform/tokens.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'consent:unsubscribe.metaTitle')

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
  const { t } = useTranslation()
  if (actionData?.topic) {
    return (
      <section>
        <h1>{t('consent:unsubscribe.doneTitle')}</h1>
        <p className="notice notice-ok" role="status">
          {t('consent:unsubscribe.done')}
        </p>
      </section>
    )
  }
  const shown = actionData?.problem ?? problem
  return (
    <section>
      <h1>{t('consent:unsubscribe.title')}</h1>
      {shown ? (
        <FeedLinkProblem reason={shown} purpose="unsubscribe" />
      ) : (
        <Form method="post" action={`?token=${encodeURIComponent(token ?? '')}`} className="card">
          <p>{t('consent:unsubscribe.prompt')}</p>
          <button type="submit">{t('consent:unsubscribe.button')}</button>
        </Form>
      )}
    </section>
  )
}
