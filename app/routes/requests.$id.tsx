import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { FormError } from '~/components/ui/field'
import { TableScroll } from '~/components/ui/table-scroll'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { getOwnRequest, isOpenStatus, listRequestEvents, withdrawOwnRequest } from '~/lib/requests/dsr.server'
import { actorKey, describeEvent, eventNote, STATUS_KEYS, TYPE_KEYS } from '~/lib/requests/request-words'
import { requestDetails, requestSubject } from '~/lib/requests/request-subject.server'
import { formatDateTime } from '~/lib/domain/format'
import { listRecipientNotifications } from '~/lib/rectification/rectification.server'
import { recipientNoticeWords } from '~/lib/rectification/recipient-notice-words.server'
import { registryText } from '~/lib/registry/registry.server'
import { parseRowId } from '~/lib/domain/ids'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'requests:detail.title', { number: data?.request.number ?? '' })

const NOT_FOUND = msg('requests:errors.notFound')

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  // malformed or someone else's: the same 404, saying nothing about whether it exists
  const requestId = parseRowId(params.id)
  if (requestId === null) throw new Response(NOT_FOUND, { status: 404 })
  const found = await getOwnRequest({ requestId, userId: user.id })
  if (!found) throw new Response(NOT_FOUND, { status: 404 })
  const language = await getLanguage(request)
  const t = fixedT(language)
  const [events, notices, subject] = await Promise.all([
    listRequestEvents({ requestId: found.id, includeInternal: false }),
    listRecipientNotifications({ requestId: found.id, userId: user.id }),
    requestSubject(t, language, found),
  ])
  const time = (value: Date | string | null) => (value ? formatDateTime(value, language) : null)
  return {
    request: {
      number: found.number,
      typeKey: TYPE_KEYS[found.type],
      statusKey: STATUS_KEYS[found.status],
      // the portal's subject line in the reader's words; none where the type says it
      subject,
      // what the person wrote, or the portal's own text in the reader's words
      details: requestDetails(t, found.details),
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
    // (what it was about and how it went in the reader's words; a text the portal has no words for as stored)
    recipientNotices: notices.map((n) => ({ id: n.id, recipient: registryText(n.recipient, n.recipientDe, language), ...recipientNoticeWords(t, n), at: time(n.notifiedAt) })),
    events: events.map((e) => ({
      id: e.id,
      what: describeEvent(t, e),
      fromKey: e.fromStatus ? STATUS_KEYS[e.fromStatus] : null,
      toKey: e.toStatus ? STATUS_KEYS[e.toStatus] : null,
      byKey: actorKey(e.actorType),
      note: eventNote(e),
      at: time(e.createdAt),
    })),
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const requestId = parseRowId(params.id)
  if (requestId === null) throw new Response(NOT_FOUND, { status: 404 })
  if (formData.get('intent') !== 'withdraw') return data({ error: msg('requests:errors.unknownAction') }, { status: 400 })
  const result = await withdrawOwnRequest({ requestId, userId: user.id })
  if (!result) throw new Response(NOT_FOUND, { status: 404 })
  if (!result.ok) return data({ error: result.message }, { status: 400 })
  return redirectWithToast(`/requests/${params.id}`, 'requests:detail.withdrawn')
}

export default function RequestDetail() {
  const { request: r, events, recipientNotices } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <section className="request-page">
      <p>
        <Link to="/requests">{t('requests:detail.back')}</Link>
      </p>
      <h1>
        {r.number}: {t(r.typeKey)}
      </h1>
      <FormError error={actionData?.error} />
      {r.canWithdraw ? (
        <Form method="post">
          <p>
            <button type="submit" name="intent" value="withdraw" className="button-secondary">
              {t('requests:detail.withdraw')}
            </button>
          </p>
        </Form>
      ) : null}
      <dl className="facts facts-stack card">
        <dt>{t('requests:detail.status')}</dt>
        <dd>{t(r.statusKey)}</dd>
        {r.subject ? (
          <>
            <dt>{t('requests:detail.subject')}</dt>
            {/* a subject the portal has no words for is shown as it was stored, in English */}
            <dd lang={r.subject.translated ? undefined : 'en'}>{r.subject.text}</dd>
          </>
        ) : null}
        {r.details ? (
          <>
            <dt>{t('requests:detail.details')}</dt>
            <dd className="request-details">{r.details.text}</dd>
          </>
        ) : null}
        <dt>{t('requests:detail.received')}</dt>
        <dd>{r.receivedAt}</dd>
        <dt>{t('requests:detail.due')}</dt>
        <dd>
          {r.dueAt}
          {r.extendedAt ? ` ${t('requests:detail.extended', { date: r.extendedAt, reason: r.extensionReason ?? '' })}` : null}
        </dd>
        {r.completedAt ? (
          <>
            <dt>{t('requests:detail.completed')}</dt>
            <dd>{r.completedAt}</dd>
          </>
        ) : null}
        {r.deniedAt ? (
          <>
            <dt>{t('requests:detail.denied')}</dt>
            <dd>
              {r.deniedAt}: {r.denialReason}
            </dd>
          </>
        ) : null}
        {r.withdrawnAt ? (
          <>
            <dt>{t('requests:detail.withdrawnAt')}</dt>
            <dd>{r.withdrawnAt}</dd>
          </>
        ) : null}
      </dl>
      <h2>{t('requests:detail.history')}</h2>
      <TableScroll label={t('requests:detail.history')}>
        <table className="request-events">
          <thead>
            <tr>
              <th scope="col">{t('requests:detail.when')}</th>
              <th scope="col">{t('requests:detail.what')}</th>
              <th scope="col">{t('requests:detail.by')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td>{e.at}</td>
                <td>
                  {e.what}
                  {e.toKey && e.fromKey !== e.toKey ? ` (${e.fromKey ? `${t(e.fromKey)} → ` : ''}${t(e.toKey)})` : null}
                  {e.note ? <div className="muted event-note">{e.note}</div> : null}
                </td>
                <td>{t(e.byKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {recipientNotices.length ? (
        <>
          <h2>{t('requests:detail.recipients')}</h2>
          <p>{t('requests:detail.recipientsIntro')}</p>
          <TableScroll label={t('requests:detail.recipients')}>
            <table className="recipient-notices">
              <thead>
                <tr>
                  <th scope="col">{t('requests:detail.recipient')}</th>
                  <th scope="col">{t('requests:detail.what')}</th>
                  <th scope="col">{t('requests:detail.when')}</th>
                  <th scope="col">{t('requests:detail.how')}</th>
                </tr>
              </thead>
              <tbody>
                {recipientNotices.map((n) => (
                  <tr key={n.id}>
                    <td>{n.recipient}</td>
                    <td lang={n.subject.translated ? undefined : 'en'}>{n.subject.text}</td>
                    <td>{n.at}</td>
                    <td lang={n.channel.translated ? undefined : 'en'}>{n.channel.text}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
    </section>
  )
}
