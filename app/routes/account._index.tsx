import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:overview.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  return { username: user.username, email: user.email }
}

const LINKS = [
  { to: '/my-data', key: 'account:overview.links.myData' },
  { to: '/requests', key: 'account:overview.links.requests' },
  { to: '/consents', key: 'account:overview.links.consents' },
  { to: '/account/sessions', key: 'account:overview.links.sessions' },
  { to: '/privacy', key: 'account:overview.links.privacy' },
  { to: '/account/cancel', key: 'account:overview.links.cancel' },
] as const

export default function Account() {
  const { username, email } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section>
      <h1>{t('account:overview.hello', { username })}</h1>
      <dl className="facts card">
        <dt>{t('account:overview.username')}</dt>
        <dd>{username}</dd>
        <dt>{t('account:overview.email')}</dt>
        <dd>{email}</dd>
      </dl>
      <ul className="link-list">
        {LINKS.map((l) => (
          <li key={l.to}>
            <Trans i18nKey={l.key} components={{ a: <Link to={l.to} /> }} />
          </li>
        ))}
      </ul>
    </section>
  )
}
