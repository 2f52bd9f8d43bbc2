import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useOutlet } from '@remix-run/react'
import { formatDateTime } from '~/lib/domain/format'
import { listOutboxMessages, parseRecipientFilter, requireDevMailbox } from '~/lib/platform/mailbox.server'

export const meta: MetaFunction = () => [{ title: 'Mailbox · Privacy Portal' }]

export async function loader({ request }: LoaderFunctionArgs) {
  requireDevMailbox()
  const to = parseRecipientFilter(new URL(request.url).searchParams)
  return { to: to ?? '', messages: await listOutboxMessages({ to }) }
}

export default function Mailbox() {
  const { to, messages } = useLoaderData<typeof loader>()
  const outlet = useOutlet()
  // an open message takes the whole page; its back link returns to this list with the same filter
  if (outlet) return outlet
  const filterQuery = to ? `?${new URLSearchParams({ to })}` : ''
  return (
    <section className="mailbox">
      <h1>Mailbox</h1>
      <p className="muted">Every email the portal has queued, newest first. Shown only in development (DEV_MAILBOX) while no SMTP server is set.</p>
      <Form method="get" action="/dev/mailbox" className="mailbox-filter">
        <label htmlFor="mailbox-to">Recipient</label>
        <input id="mailbox-to" name="to" type="email" maxLength={254} defaultValue={to} />
        <button type="submit">Filter</button>
        {to ? <Link to="/dev/mailbox">Show all</Link> : null}
      </Form>
      {messages.length === 0 ? (
        <p className="muted">No messages{to ? ` to ${to}` : ''}.</p>
      ) : (
        <table className="mailbox-list">
          <thead>
            <tr>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Template</th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id}>
                <td>{m.toAddress}</td>
                <td>
                  <Link to={`/dev/mailbox/${m.id}${filterQuery}`}>{m.subject}</Link>
                </td>
                <td>{m.template}</td>
                <td>
                  <span className={`status status-${m.status}`}>{m.status}</span>
                </td>
                <td>
                  <time dateTime={new Date(m.createdAt).toISOString()}>{formatDateTime(m.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
