import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormError } from '~/components/ui/field'
import { msg, pageTitle } from '~/i18n/translate'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { isOpenStatus, listRequestEvents, withdrawRequestOfDataSubject } from '~/lib/requests/dsr.server'
import { listCommunityDataOf, requireRequestByAccessToken } from '~/lib/requests/dsr-public.server'
import { describeEvent, STATUS_KEYS, TYPE_KEYS } from '~/lib/requests/request-words'
import { formatDate, formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'requests:status.title', { number: data?.number ?? '' })

// A person without an account follows their request here, through the private link from the receipt.
export async function loader({ request: httpRequest, params }: LoaderFunctionArgs) {
  const request = await requireRequestByAccessToken(params.token)
  const language = await getLanguage(httpRequest)
  const t = fixedT(language)
  const events = await listRequestEvents({ requestId: request.id, includeInternal: false })
  // an answered access request shows the data itself: the person proved control of the address
  const showData = (request.type === 'access' || request.type === 'portability') && request.status === 'completed' && request.email
  const held = showData ? await listCommunityDataOf({ email: request.email! }) : null
  const time = (value: Date) => formatDateTime(value, language)
  return {
    number: request.number,
    typeKey: TYPE_KEYS[request.type],
    statusKey: STATUS_KEYS[request.status],
    open: isOpenStatus(request.status) && request.status !== 'identity_unverified',
    receivedAt: time(request.receivedAt),
    dueAt: formatDate(request.dueAt, language),
    extension: request.extendedAt ? { at: formatDate(request.extendedAt, language), reason: request.extensionReason } : null,
    denialReason: request.status === 'denied' ? request.denialReason : null,
    details: request.details,
    events: events.map((e) => ({ id: e.id, at: time(e.createdAt), label: describeEvent(t, e) })),
    data: held
      ? {
          contactMessages: held.contactMessages.map((m) => ({ id: m.id, at: time(m.createdAt), name: m.name, message: m.message })),
          forumPosts: held.forumPosts.map((p) => ({ id: p.id, at: time(p.createdAt), authorName: p.authorName, title: p.title, body: p.body })),
          feedSubscriptions: held.feedSubscriptions.map((f) => ({ id: f.id, at: time(f.createdAt), topic: f.topic, confirmed: Boolean(f.confirmedAt) })),
        }
      : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const found = await requireRequestByAccessToken(params.token)
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'withdraw': {
      const result = await withdrawRequestOfDataSubject({ requestId: found.id })
      if (!result.ok) return data({ error: result.message }, { status: 400 })
      return redirectWithToast(`/requests/status/${params.token}`, 'requests:status.withdrawn')
    }
    default:
      return data({ error: msg('requests:errors.unknownAction') }, { status: 400 })
  }
}

export default function RequestStatus() {
  const r = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <section className="request-page">
      <h1>{t('requests:status.title', { number: r.number })}</h1>
      <FormError error={actionData?.error} />
      <dl className="facts facts-stack">
        <dt>{t('requests:status.request')}</dt>
        <dd>{t(r.typeKey)}</dd>
        <dt>{t('requests:status.status')}</dt>
        <dd data-testid="request-status">{t(r.statusKey)}</dd>
        <dt>{t('requests:status.received')}</dt>
        <dd>{r.receivedAt}</dd>
        <dt>{t('requests:status.answerBy')}</dt>
        <dd>{r.dueAt}</dd>
        {r.extension ? (
          <>
            <dt>{t('requests:status.extended')}</dt>
            <dd>{t('requests:status.extendedOn', { date: r.extension.at, reason: r.extension.reason ?? '' })}</dd>
          </>
        ) : null}
        {r.denialReason ? (
          <>
            <dt>{t('requests:status.whyRefused')}</dt>
            <dd>{r.denialReason}</dd>
          </>
        ) : null}
      </dl>
      {r.details ? (
        <>
          <h2>{t('requests:status.whatYouWrote')}</h2>
          <blockquote className="request-details">{r.details}</blockquote>
        </>
      ) : null}
      {r.data ? (
        <>
          <h2>{t('requests:status.dataTitle')}</h2>
          <h3>{t('requests:status.contactMessages', { count: r.data.contactMessages.length })}</h3>
          <ul>
            {r.data.contactMessages.map((m) => (
              <li key={m.id}>
                {t('requests:status.as', { date: m.at, name: m.name })} {m.message}
              </li>
            ))}
          </ul>
          <h3>{t('requests:status.forumPosts', { count: r.data.forumPosts.length })}</h3>
          <ul>
            {r.data.forumPosts.map((p) => (
              <li key={p.id}>
                {t('requests:status.as', { date: p.at, name: p.authorName })} {p.title ? <strong>{p.title}: </strong> : null}
                {p.body}
              </li>
            ))}
          </ul>
          <h3>{t('requests:status.feedSubscriptions', { count: r.data.feedSubscriptions.length })}</h3>
          <ul>
            {r.data.feedSubscriptions.map((f) => (
              <li key={f.id}>
                {t(f.confirmed ? 'requests:status.subscriptionConfirmed' : 'requests:status.subscriptionUnconfirmed', { topic: f.topic, date: f.at })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('requests:status.history')}</h2>
      <ol className="event-history">
        {r.events.map((e) => (
          <li key={e.id}>
            <strong>{e.label}</strong> <span className="muted">{e.at}</span>
          </li>
        ))}
      </ol>
      {r.open ? (
        <Form method="post" className="card">
          <p>{t('requests:status.changedMind')}</p>
          <button type="submit" name="intent" value="withdraw" className="button-secondary">
            {t('requests:status.withdraw')}
          </button>
        </Form>
      ) : null}
    </section>
  )
}
