import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { TableScroll } from '~/components/ui/table-scroll'
import { pageTitle } from '~/i18n/translate'
import { SETTING_KEYS } from '~/lib/access/my-data-view.server'
import { getArchiveRetention, HISTORY_PAGE_SIZE, listArchiveHistory, listHistoryCategories, type HistoryEntry } from '~/lib/requests/archive.server'
import { requireCustomer } from '~/lib/platform/auth.server'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'
import { formatDateTime } from '~/lib/domain/format'
import { rowIdSchema } from '~/lib/domain/ids'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mydata:history.title')

const Query = z.object({
  category: z.string().regex(/^[a-z_]{1,40}$/).nullable().catch(null),
  before: rowIdSchema().nullable().catch(null),
})

// The archived columns as the person knows them; a column not listed here is named by a generic word.
const FIELD_KEYS: Record<string, Record<string, string>> = {
  users: {
    username: 'mydata:history.field.username',
    email: 'mydata:history.field.email',
    role: 'mydata:history.field.role',
    status: 'mydata:history.field.accountStatus',
    email_verified_at: 'mydata:history.field.emailVerifiedAt',
    account_expires_at: 'mydata:history.field.accountExpiresAt',
    subscription_active: 'mydata:history.field.subscriptionActive',
    age_confirmed_at: 'mydata:history.field.ageConfirmedAt',
    erased_at: 'mydata:history.field.erasedAt',
    created_at: 'mydata:history.field.registeredAt',
  },
  forum_posts: {
    parent_id: 'mydata:history.field.parentPost',
    author_name: 'mydata:history.field.forumName',
    author_email: 'mydata:history.field.email',
    title: 'mydata:history.field.title',
    body: 'mydata:history.field.text',
    created_at: 'mydata:history.field.writtenOn',
    anonymised_at: 'mydata:history.field.anonymisedAt',
  },
  contact_messages: {
    name: 'mydata:history.field.name',
    email: 'mydata:history.field.email',
    message: 'mydata:history.field.message',
    created_at: 'mydata:history.field.sentOn',
    answered_at: 'mydata:history.field.answeredAt',
  },
  payments: {
    paid_at: 'mydata:history.field.paidAt',
    transaction_number: 'mydata:history.field.transactionNumber',
    provider_id: 'mydata:history.field.provider',
    amount_cents: 'mydata:history.field.amountCents',
    currency: 'mydata:history.field.currency',
  },
  vpn_sessions: {
    client_ip: 'mydata:history.field.clientIp',
    server_id: 'mydata:history.field.server',
    started_at: 'mydata:history.field.startedAt',
    ended_at: 'mydata:history.field.endedAt',
  },
  traffic_usage: { month: 'mydata:history.field.month', bytes_used: 'mydata:history.field.bytesUsed' },
  user_settings: { key: 'mydata:history.field.settingName' },
  referrals: { affiliate_partner_id: 'mydata:history.field.partner', referred_at: 'mydata:history.field.referredAt' },
  feed_subscriptions: {
    email: 'mydata:history.field.email',
    topic: 'mydata:history.field.topic',
    confirmed_at: 'mydata:history.field.confirmedAt',
    created_at: 'mydata:history.field.subscribedAt',
  },
  supplementary_statements: {
    category_slug: 'mydata:history.field.category',
    row_id: 'mydata:history.field.item',
    statement: 'mydata:history.field.statement',
    created_at: 'mydata:history.field.addedOn',
  },
  restrictions: {
    email: 'mydata:history.field.email',
    category_slug: 'mydata:history.field.category',
    row_id: 'mydata:history.field.item',
    reason: 'mydata:history.field.restrictionReason',
    request_id: 'mydata:history.field.request',
    retention_rule_id: 'mydata:history.field.retentionRule',
    note: 'mydata:history.field.note',
    created_at: 'mydata:history.field.restrictedSince',
    ends_at: 'mydata:history.field.endsAt',
    lifted_at: 'mydata:history.field.liftedAt',
  },
  data_subject_requests: {
    number: 'mydata:history.field.requestNumber',
    email: 'mydata:history.field.email',
    type: 'mydata:history.field.requestType',
    status: 'mydata:history.field.requestStatus',
    subject: 'mydata:history.field.requestSubject',
    details: 'mydata:history.field.requestDetails',
    category_slug: 'mydata:history.field.category',
    received_at: 'mydata:history.field.receivedAt',
    due_at: 'mydata:history.field.dueAt',
    completed_at: 'mydata:history.field.completedAt',
    withdrawn_at: 'mydata:history.field.withdrawnAt',
  },
  account_cancellations: {
    request_id: 'mydata:history.field.request',
    requested_at: 'mydata:history.field.requestedAt',
    effective_at: 'mydata:history.field.effectiveAt',
    undone_at: 'mydata:history.field.undoneAt',
    completed_at: 'mydata:history.field.completedAt',
  },
}

const ACTOR_KEYS: Record<HistoryEntry['actorType'], string> = {
  customer: 'mydata:history.by.otherAccount',
  data_subject: 'mydata:history.by.youByEmail',
  dpo: 'mydata:history.by.dpo',
  system: 'mydata:history.by.system',
}

function fieldLabel(t: TFunction, table: string, change: HistoryEntry['changes'][number]) {
  if (change.settingKey !== undefined) {
    const name = SETTING_KEYS[change.settingKey] ? t(SETTING_KEYS[change.settingKey]) : change.settingKey
    return t('mydata:history.setting', { name })
  }
  const key = FIELD_KEYS[table]?.[change.field]
  return key ? t(key) : t('mydata:history.field.other', { name: change.field.replace(/_/g, ' ') })
}

// The archive records why in the portal's words: a request number, or the end of a retention period.
function reasonOf(t: TFunction, reason: string | null) {
  if (!reason) return null
  if (reason === 'retention') return t('mydata:history.reason.retention')
  const request = /DSR-\d{4}-\d{6,}/.exec(reason)
  return request ? t('mydata:history.reason.request', { number: request[0] }) : reason
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const language = await getLanguage(request)
  const t = fixedT(language)
  const params = new URL(request.url).searchParams
  const query = Query.parse({ category: params.get('category'), before: params.get('before') })
  const [categories, retention] = await Promise.all([listHistoryCategories(undefined, language), getArchiveRetention(undefined, language)])
  // the requests are not a registry category: named here
  const named = categories.map((c) => (c.slug === 'requests' ? { ...c, name: t('mydata:history.requestsCategory') } : c))
  const category = named.find((c) => c.slug === query.category) ?? null
  const entries = await listArchiveHistory({
    userId: user.id,
    categorySlug: category?.slug ?? null,
    before: query.before,
    display: { language, yes: t('mydata:value.yes'), no: t('mydata:value.no') },
  })
  const names = Object.fromEntries(named.map((c) => [c.slug, c.name]))
  return {
    categories: named,
    retention,
    category,
    entries: entries.map((e) => ({
      id: e.id,
      changedAt: formatDateTime(e.changedAt, language),
      category: names[e.categorySlug] ?? t('mydata:history.otherCategory'),
      deleted: e.operation === 'DELETE',
      by: e.actorIsSelf ? t(e.actorType === 'data_subject' ? 'mydata:history.by.youByEmail' : 'mydata:history.by.you') : t(ACTOR_KEYS[e.actorType]),
      reason: reasonOf(t, e.reason),
      changes: e.changes.map((c) => ({ field: c.field, label: fieldLabel(t, e.table, c), oldValue: c.oldValue, newValue: c.newValue })),
    })),
    nextBefore: entries.length === HISTORY_PAGE_SIZE ? entries[entries.length - 1].id : null,
  }
}

export default function History() {
  const { categories, retention, category, entries, nextBefore } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const filter = category ? `category=${category.slug}&` : ''
  return (
    <section className="my-data-history">
      <p>
        <Link to="/my-data">{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:history.title')}</h1>
      <p>{t('mydata:history.intro')}</p>
      {retention ? (
        <p>
          <strong>{t('mydata:history.retention')}</strong> {retention.name}. {retention.description}
        </p>
      ) : null}
      <nav aria-label={t('mydata:history.filterLabel')} className="history-filter">
        <span>{t('mydata:history.show')}</span> {category ? <Link to="/my-data/history">{t('mydata:history.all')}</Link> : <strong>{t('mydata:history.all')}</strong>}
        {categories.map((c) =>
          c.slug === category?.slug ? (
            <strong key={c.slug}>{c.name}</strong>
          ) : (
            <Link key={c.slug} to={`/my-data/history?category=${c.slug}`}>
              {c.name}
            </Link>
          ),
        )}
      </nav>
      {entries.length === 0 ? (
        <p className="muted">{category ? t('mydata:history.noneIn', { name: category.name }) : t('mydata:history.none')}</p>
      ) : (
        <TableScroll label={t('mydata:history.tableLabel')}>
          <table className="history">
            <thead>
              <tr>
                <th scope="col">{t('mydata:history.column.field')}</th>
                <th scope="col">{t('mydata:history.column.old')}</th>
                <th scope="col">{t('mydata:history.column.new')}</th>
                <th scope="col">{t('mydata:history.column.when')}</th>
                <th scope="col">{t('mydata:history.column.by')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.flatMap((e) =>
                (e.changes.length ? e.changes : [{ field: '', label: t('mydata:history.noVisibleChange'), oldValue: '', newValue: '' }]).map((c, i) => (
                  <tr key={`${e.id}-${c.field}`} data-archive-id={e.id}>
                    <td>
                      {c.label}
                      <span className="muted"> · {e.category}</span>
                    </td>
                    <td>{c.oldValue || <span className="muted">{t('mydata:history.empty')}</span>}</td>
                    <td>{e.deleted ? <span className="tag">{t('mydata:history.deleted')}</span> : c.newValue || <span className="muted">{t('mydata:history.empty')}</span>}</td>
                    <td>{i === 0 ? e.changedAt : null}</td>
                    <td>
                      {i === 0 ? (
                        <>
                          {e.by}
                          {e.reason ? <div className="muted">{e.reason}</div> : null}
                        </>
                      ) : null}
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableScroll>
      )}
      {nextBefore ? (
        <p>
          <Link to={`/my-data/history?${filter}before=${nextBefore}`}>{t('mydata:history.older')}</Link>
        </p>
      ) : null}
    </section>
  )
}
