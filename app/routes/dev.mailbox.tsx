import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useOutlet } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { pageTitle } from '~/i18n/translate'
import { formatDateTime } from '~/lib/domain/format'
import { getLanguage } from '~/lib/platform/i18n.server'
import { listOutboxMessages, OUTBOX_STATUS_KEYS, parseRecipientFilter, requireDevMailbox } from '~/lib/platform/mailbox.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'common:mailbox.title')

export async function loader({ request }: LoaderFunctionArgs) {
  requireDevMailbox()
  const to = parseRecipientFilter(new URL(request.url).searchParams)
  const language = await getLanguage(request)
  const messages = await listOutboxMessages({ to })
  return { to: to ?? '', messages: messages.map((m) => ({ ...m, statusKey: OUTBOX_STATUS_KEYS[m.status], created: formatDateTime(m.createdAt, language) })) }
}

export default function Mailbox() {
  const { to, messages } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const outlet = useOutlet()
  // an open message takes the whole page; its back link returns to this list with the same filter
  if (outlet) return outlet
  const filterQuery = to ? `?${new URLSearchParams({ to })}` : ''
  return (
    <section className="mailbox">
      <h1>{t('common:mailbox.title')}</h1>
      <p className="muted">
        <Trans i18nKey="common:mailbox.intro" components={{ code: <code /> }} />
      </p>
      <Form method="get" action="/dev/mailbox" className="mailbox-filter">
        <label htmlFor="mailbox-to">{t('common:mailbox.recipient')}</label>
        <input id="mailbox-to" name="to" type="email" maxLength={254} defaultValue={to} />
        <button type="submit">{t('common:mailbox.filter')}</button>
        {to ? <Link to="/dev/mailbox">{t('common:mailbox.showAll')}</Link> : null}
      </Form>
      {messages.length === 0 ? (
        <p className="muted">{to ? t('common:mailbox.noneTo', { to }) : t('common:mailbox.none')}</p>
      ) : (
        <table className="mailbox-list">
          <thead>
            <tr>
              <th scope="col">{t('common:mailbox.to')}</th>
              <th scope="col">{t('common:mailbox.subject')}</th>
              <th scope="col">{t('common:mailbox.template')}</th>
              <th scope="col">{t('common:mailbox.status')}</th>
              <th scope="col">{t('common:mailbox.created')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{m.toAddress}</td>
                <td>
                  <Link to={`/dev/mailbox/${m.id}${filterQuery}`} lang={m.language ?? undefined}>
                    {m.subject}
                  </Link>
                </td>
                <td>
                  <code>{m.template}</code>
                </td>
                <td>
                  <span className={`status status-${m.status}`}>{t(m.statusKey)}</span>
                </td>
                <td>
                  <time dateTime={new Date(m.createdAt).toISOString()}>{m.created}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
