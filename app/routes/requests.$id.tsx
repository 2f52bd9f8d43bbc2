import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireCustomer } from '~/lib/platform/auth.server'
import { DSR_STATUS_LABELS, DSR_TYPE_LABELS, getOwnRequest, isOpenStatus, listRequestEvents, withdrawOwnRequest, type DsrStatus } from '~/lib/requests/dsr.server'
import { formatDateTime } from '~/lib/domain/format'
import { listRecipientNotifications } from '~/lib/rectification/rectification.server'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.request.number ?? 'Request'} · Privacy Portal` }]

const NOT_FOUND = 'There is no such request among yours.'

// Words for the steps people see most; any other step is shown by its name.
const EVENT_LABELS: Record<string, string> = {
  received: 'Request received',
  status_changed: 'Status changed',
  access_package_prepared: 'Copy of your data prepared',
  package_delivered: 'Copy of your data downloaded completely',
  package_download_interrupted: 'Download of the copy stopped before the end',
  withdrawn: 'You withdrew the request',
}

function describeEvent(kind: string) {
  return EVENT_LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1).replace(/_/g, ' ')
}

const statusLabel = (status: DsrStatus | null) => (status ? DSR_STATUS_LABELS[status] : null)

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  // malformed or someone else's: the same 404, saying nothing about whether it exists
  if (!/^[1-9]\d{0,14}$/.test(params.id ?? '')) throw new Response(NOT_FOUND, { status: 404 })
  const found = await getOwnRequest({ requestId: Number(params.id), userId: user.id })
  if (!found) throw new Response(NOT_FOUND, { status: 404 })
  const events = await listRequestEvents({ requestId: found.id, includeInternal: false })
  const notices = await listRecipientNotifications({ requestId: found.id, userId: user.id })
  const time = (value: Date | string | null) => (value ? formatDateTime(value) : null)
  return {
    request: {
      number: found.number,
      type: DSR_TYPE_LABELS[found.type],
      status: DSR_STATUS_LABELS[found.status],
      subject: found.subject,
      details: found.details,
      receivedAt: time(found.receivedAt),
      dueAt: time(found.dueAt),
      extendedAt: time(found.extendedAt),
      extensionReason: found.extensionReason,
      completedAt: time(found.completedAt),
      deniedAt: time(found.deniedAt),
      denialReason: found.denialReason,
      withdrawnAt: time(found.withdrawnAt),
      // the person may withdraw their own request while it is open (issue 7)
      canWithdraw: isOpenStatus(found.status) && found.status !== 'identity_unverified',
    },
    // Art. 19: whom we told about the correction, erasure or restriction, what, when and how
    recipientNotices: notices.map((n) => ({ id: n.id, recipient: n.recipient, subject: n.subject, channel: n.channel, at: time(n.notifiedAt) })),
    events: events.map((e) => ({
      id: e.id,
      what: describeEvent(e.kind),
      from: statusLabel(e.fromStatus),
      to: statusLabel(e.toStatus),
      by: e.actorType === 'customer' || e.actorType === 'data_subject' ? 'You' : e.actorType === 'dpo' ? 'Data protection officer' : 'The portal',
      note: e.note,
      at: time(e.createdAt),
    })),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  if (!/^[1-9]\d{0,14}$/.test(params.id ?? '')) throw new Response(NOT_FOUND, { status: 404 })
  if (formData.get('intent') !== 'withdraw') return data({ error: 'Unknown action.' }, { status: 400 })
  const result = await withdrawOwnRequest({ requestId: Number(params.id), userId: user.id })
  if (!result) throw new Response(NOT_FOUND, { status: 404 })
  if (!result.ok) return data({ error: result.message }, { status: 400 })
  return redirect(`/requests/${params.id}`)
}

export default function RequestDetail() {
  const { request: r, events, recipientNotices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <section>
      <p>
        <Link to="/requests">← My requests</Link>
      </p>
      <h1>
        {r.number}: {r.type}
      </h1>
      {actionData?.error ? <p className="notice notice-error" role="alert">{actionData.error}</p> : null}
      {r.canWithdraw ? (
        <Form method="post">
          <p>
            <button type="submit" name="intent" value="withdraw" className="button-secondary">
              Withdraw this request
            </button>
          </p>
        </Form>
      ) : null}
      <dl className="facts card">
        <dt>Status</dt>
        <dd>{r.status}</dd>
        {r.subject ? (
          <>
            <dt>Subject</dt>
            <dd>{r.subject}</dd>
          </>
        ) : null}
        {r.details ? (
          <>
            <dt>Details</dt>
            <dd>{r.details}</dd>
          </>
        ) : null}
        <dt>Received</dt>
        <dd>{r.receivedAt}</dd>
        <dt>Answer due by</dt>
        <dd>
          {r.dueAt}
          {r.extendedAt ? ` (extended on ${r.extendedAt}: ${r.extensionReason ?? ''})` : null}
        </dd>
        {r.completedAt ? (
          <>
            <dt>Completed</dt>
            <dd>{r.completedAt}</dd>
          </>
        ) : null}
        {r.deniedAt ? (
          <>
            <dt>Refused</dt>
            <dd>
              {r.deniedAt}: {r.denialReason}
            </dd>
          </>
        ) : null}
        {r.withdrawnAt ? (
          <>
            <dt>Withdrawn</dt>
            <dd>{r.withdrawnAt}</dd>
          </>
        ) : null}
      </dl>
      <h2>What happened</h2>
      <table className="request-events">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{e.at}</td>
              <td>
                {e.what}
                {e.to && e.from !== e.to ? ` (${e.from ? `${e.from} → ` : ''}${e.to})` : null}
                {e.note ? <div className="muted">{e.note}</div> : null}
              </td>
              <td>{e.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {recipientNotices.length ? (
        <>
          <h2>Recipients we told</h2>
          <p>Those who received the data concerned were told of the change (Art. 19 GDPR).</p>
          <table className="recipient-notices">
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">What</th>
                <th scope="col">When</th>
                <th scope="col">How</th>
              </tr>
            </thead>
            <tbody>
              {recipientNotices.map((n) => (
                <tr key={n.id}>
                  <td>{n.recipient}</td>
                  <td>{n.subject}</td>
                  <td>{n.at}</td>
                  <td>{n.channel}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  )
}
