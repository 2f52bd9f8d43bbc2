import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { FormError } from '~/components/ui/field'
import { DSR_STATUS_LABELS, DSR_TYPE_LABELS, eventLabel, isOpenStatus, listRequestEvents, withdrawRequestOfDataSubject } from '~/lib/requests/dsr.server'
import { listCommunityDataOf, requireRequestByAccessToken } from '~/lib/requests/dsr-public.server'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { intentOf } from '~/lib/domain/validation/form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.number ?? 'Your request'} · Privacy Portal` }]

// A person without an account follows their request here, through the private link from the receipt.
export async function loader({ params }: LoaderFunctionArgs) {
  const request = await requireRequestByAccessToken(params.token)
  const events = await listRequestEvents({ requestId: request.id, includeInternal: false })
  // an answered access request shows the data itself: the person proved control of the address
  const showData = (request.type === 'access' || request.type === 'portability') && request.status === 'completed' && request.email
  return {
    number: request.number,
    type: DSR_TYPE_LABELS[request.type],
    status: DSR_STATUS_LABELS[request.status],
    open: isOpenStatus(request.status) && request.status !== 'identity_unverified',
    receivedAt: formatDateTime(request.receivedAt),
    dueAt: formatDate(request.dueAt),
    extension: request.extendedAt ? { at: formatDate(request.extendedAt), reason: request.extensionReason } : null,
    denialReason: request.status === 'denied' ? request.denialReason : null,
    details: request.details,
    events: events.map((e) => ({ id: e.id, at: formatDateTime(e.createdAt), label: eventLabel(e.kind) })),
    data: showData ? await listCommunityDataOf({ email: request.email! }) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await requireRequestByAccessToken(params.token)
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'withdraw': {
      const result = await withdrawRequestOfDataSubject({ requestId: found.id })
      if (!result.ok) return data({ error: result.message }, { status: 400 })
      return redirect(`/requests/status/${params.token}?withdrawn=1`)
    }
    default:
      return data({ error: 'Unknown action.' }, { status: 400 })
  }
}

export default function RequestStatus() {
  const r = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  return (
    <section>
      <h1>Your request {r.number}</h1>
      {params.get('confirmed') === '1' ? (
        <p className="notice notice-ok">Thank you: your email address is confirmed and the request is with our data protection officer. Keep the receipt we emailed you; its link leads back here.</p>
      ) : null}
      {params.get('withdrawn') === '1' ? <p className="notice notice-ok">You withdrew the request.</p> : null}
      <FormError error={actionData?.error} />
      <dl className="facts">
        <dt>Request</dt>
        <dd>{r.type}</dd>
        <dt>Status</dt>
        <dd data-testid="request-status">{r.status}</dd>
        <dt>Received</dt>
        <dd>{r.receivedAt}</dd>
        <dt>We answer by</dt>
        <dd>{r.dueAt}</dd>
        {r.extension ? (
          <>
            <dt>Extended</dt>
            <dd>
              on {r.extension.at}: {r.extension.reason}
            </dd>
          </>
        ) : null}
        {r.denialReason ? (
          <>
            <dt>Why we refused</dt>
            <dd>{r.denialReason}</dd>
          </>
        ) : null}
      </dl>
      {r.details ? (
        <>
          <h2>What you wrote</h2>
          <blockquote className="request-details">{r.details}</blockquote>
        </>
      ) : null}
      {r.data ? (
        <>
          <h2>The data we hold under your email address</h2>
          <h3>Contact form messages ({r.data.contactMessages.length})</h3>
          <ul>
            {r.data.contactMessages.map((m) => (
              <li key={m.id}>
                {formatDateTime(m.createdAt)}, as “{m.name}”: {m.message}
              </li>
            ))}
          </ul>
          <h3>Forum posts and comments ({r.data.forumPosts.length})</h3>
          <ul>
            {r.data.forumPosts.map((p) => (
              <li key={p.id}>
                {formatDateTime(p.createdAt)}, as “{p.authorName}”: {p.title ? <strong>{p.title}: </strong> : null}
                {p.body}
              </li>
            ))}
          </ul>
          <h3>Comment feed subscriptions ({r.data.feedSubscriptions.length})</h3>
          <ul>
            {r.data.feedSubscriptions.map((f) => (
              <li key={f.id}>
                {f.topic}, since {formatDateTime(f.createdAt)} {f.confirmedAt ? '(confirmed)' : '(not confirmed)'}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>What happened so far</h2>
      <ol className="event-history">
        {r.events.map((e) => (
          <li key={e.id}>
            <strong>{e.label}</strong> <span className="muted">{e.at}</span>
          </li>
        ))}
      </ol>
      {r.open ? (
        <Form method="post" className="card">
          <p>Changed your mind? You can withdraw the request while it is open.</p>
          <button type="submit" name="intent" value="withdraw" className="button-secondary">
            Withdraw the request
          </button>
        </Form>
      ) : null}
    </section>
  )
}
