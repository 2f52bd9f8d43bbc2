// Demo data subject requests, so that the DPO's queue shows every state at once: waiting for an email
// confirmation, received, in progress, extended, overdue, waiting for an answer, completed, refused,
// withdrawn, marked manifestly unfounded, and a few months of answered requests for the reports.
import { sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import { computeDueAt, DSR_TYPE_LABELS, formatRequestNumber } from '../../app/lib/requests/dsr.server'
import type { Transaction } from '../client.server'
import { dataSubjectRequests, dsrEvents } from '../schema'
import { DEMO_ACCOUNTS, DAY, OUTSIDERS } from './demo'

type DsrType = (typeof dataSubjectRequests.$inferInsert)['type']
type DsrStatus = (typeof dataSubjectRequests.$inferInsert)['status']
type ActorType = (typeof dsrEvents.$inferInsert)['actorType']
type Who = 'demo' | 'erika' | (typeof OUTSIDERS)[number]['key']

interface DemoEvent {
  // days after receipt
  after: number
  kind: string
  by: 'person' | 'dpo' | 'system'
  to?: DsrStatus
  note?: string
}

interface DemoRequest {
  who: Who
  type: DsrType
  categorySlug: string | null
  details: string | null
  receivedDaysAgo: number
  // an unconfirmed request from someone without an account
  unconfirmed?: boolean
  extendedMonths?: number
  extensionReason?: string
  clarificationQuestion?: string
  unfoundedJustification?: string
  denialReason?: string
  events: DemoEvent[]
}

const started: DemoEvent = { after: 1, kind: 'started', by: 'dpo', to: 'in_progress' }

export const DEMO_REQUESTS: readonly DemoRequest[] = [
  {
    who: 'paket_pete',
    type: 'erasure',
    categorySlug: 'forum_posts',
    details: 'Please delete my forum posts.',
    receivedDaysAgo: 1,
    unconfirmed: true,
    events: [],
  },
  { who: 'nightowl', type: 'access', categorySlug: null, details: null, receivedDaysAgo: 2, events: [] },
  {
    who: 'demo',
    type: 'restriction',
    categorySlug: 'vpn_sessions',
    details: 'Please stop using my VPN session records while I check whether the logins from 203.0.113.77 were mine.',
    receivedDaysAgo: 25,
    events: [],
  },
  { who: 'erika', type: 'access', categorySlug: null, details: 'Which data do you hold about me?', receivedDaysAgo: 10, events: [started] },
  {
    who: 'erika',
    type: 'access',
    categorySlug: null,
    details: 'Which data do you hold about me? Answer now.',
    receivedDaysAgo: 8,
    unfoundedJustification: 'The third identical access request within two weeks, while the first one is being answered.',
    events: [{ after: 0, kind: 'marked_manifestly_unfounded', by: 'dpo', note: 'The third identical access request within two weeks, while the first one is being answered.' }],
  },
  {
    who: 'demo',
    type: 'portability',
    categorySlug: 'payments',
    details: 'I need all my payment records since 2024 in a machine-readable form for my new provider.',
    receivedDaysAgo: 20,
    extendedMonths: 2,
    extensionReason: 'The payment records are held by two payment providers, Paymentwall and PayPal; collecting and checking them takes longer than a month.',
    events: [started, { after: 3, kind: 'extended', by: 'dpo', note: 'The payment records are held by two payment providers, Paymentwall and PayPal; collecting and checking them takes longer than a month.' }],
  },
  {
    who: 'erika',
    type: 'objection',
    categorySlug: 'vpn_sessions',
    details: 'I object to the storage of my IP address for abuse prevention: I only use the service from my home connection.',
    receivedDaysAgo: 40,
    events: [started, { after: 2, kind: 'note_added', by: 'dpo', note: 'Ask the network team whether abuse handling works without the address.' }],
  },
  {
    who: 'demo',
    type: 'rectification',
    categorySlug: 'payments',
    details: 'The payment of last month shows 53.94 EUR, but I paid the six-month price of 29.97 EUR.',
    receivedDaysAgo: 5,
    clarificationQuestion: 'Could you send us the PayPal transaction id of the payment you mean, as shown in your PayPal account?',
    events: [started, { after: 2, kind: 'clarification_requested', by: 'dpo', to: 'awaiting_clarification', note: 'Could you send us the PayPal transaction id of the payment you mean, as shown in your PayPal account?' }],
  },
  {
    who: 'nightowl',
    type: 'access',
    categorySlug: null,
    details: null,
    receivedDaysAgo: 60,
    events: [started, { after: 4, kind: 'completed', by: 'dpo', to: 'completed', note: 'Sent the list of forum posts and the feed subscription held under the address.' }],
  },
  {
    who: 'erika',
    type: 'erasure',
    categorySlug: 'payments',
    details: 'Please delete my payment records.',
    receivedDaysAgo: 50,
    denialReason: 'Payment records are accounting vouchers that we must keep for eight years (§ 147 AO, § 257 HGB). They are blocked for any other use and deleted when the period ends.',
    events: [
      started,
      {
        after: 5,
        kind: 'denied',
        by: 'dpo',
        to: 'denied',
        note: 'Payment records are accounting vouchers that we must keep for eight years (§ 147 AO, § 257 HGB). They are blocked for any other use and deleted when the period ends.',
      },
    ],
  },
  {
    who: 'demo',
    type: 'objection',
    categorySlug: 'vpn_sessions',
    details: 'I object to the session records.',
    receivedDaysAgo: 15,
    events: [{ after: 1, kind: 'withdrawn', by: 'person', to: 'withdrawn' }],
  },
  // answered in earlier months, for the reports
  { who: 'demo', type: 'access', categorySlug: null, details: null, receivedDaysAgo: 100, events: [started, { after: 3, kind: 'completed', by: 'dpo', to: 'completed' }] },
  {
    who: 'erika',
    type: 'rectification',
    categorySlug: 'affiliate',
    details: 'I was not referred by any partner.',
    receivedDaysAgo: 130,
    events: [started, { after: 12, kind: 'completed', by: 'dpo', to: 'completed', note: 'The referral record was checked with the partner and corrected.' }],
  },
  {
    who: 'nightowl',
    type: 'other',
    categorySlug: null,
    details: 'Do you share forum email addresses with anyone?',
    receivedDaysAgo: 160,
    events: [{ after: 2, kind: 'completed', by: 'dpo', to: 'completed', note: 'No: forum email addresses are never shown or passed on.' }],
  },
]

/** Inserts the demo requests with their events; the audit chain seals the events when the seed commits. */
export async function seedDemoRequests(
  tx: Transaction,
  { now, userIds, count }: { now: Date; userIds: Map<string, string>; count: <T>(table: PgTable, rows: T[]) => T[] },
) {
  const dpoId = userIds.get(DEMO_ACCOUNTS.dpo.username)!
  const at = (receivedAt: Date, days: number, minutes = 0) => new Date(receivedAt.getTime() + days * DAY + minutes * 60_000)
  const requestRows: (typeof dataSubjectRequests.$inferInsert)[] = []
  const eventRows: (typeof dsrEvents.$inferInsert)[] = []
  for (const spec of DEMO_REQUESTS) {
    const [{ id }] = await tx.execute<{ id: number }>(sql`select nextval('data_subject_requests_id_seq')::int as id`)
    const receivedAt = new Date(now.getTime() - spec.receivedDaysAgo * DAY - 3 * 3600_000)
    const outsider = OUTSIDERS.find((o) => o.key === spec.who)
    const userId = outsider ? null : userIds.get(spec.who)!
    const person: { type: ActorType; id: string | null } = outsider ? { type: 'data_subject', id: null } : { type: 'customer', id: userId }
    const actorOf = (by: DemoEvent['by']) => (by === 'dpo' ? { actorType: 'dpo' as const, actorId: dpoId } : by === 'system' ? { actorType: 'system' as const, actorId: null } : { actorType: person.type, actorId: person.id })
    let status: DsrStatus = spec.unconfirmed ? 'identity_unverified' : 'received'
    eventRows.push({ requestId: id, kind: 'received', toStatus: status, ...actorOf('person'), createdAt: receivedAt })
    if (outsider && !spec.unconfirmed) {
      eventRows.push({ requestId: id, kind: 'identity_verified', fromStatus: 'identity_unverified', toStatus: 'received', ...actorOf('person'), createdAt: at(receivedAt, 0, 9) })
    }
    const stamps: Partial<Record<'completedAt' | 'deniedAt' | 'withdrawnAt' | 'extendedAt' | 'clarificationRequestedAt' | 'manifestlyUnfoundedAt', Date>> = {}
    for (const event of spec.events) {
      const createdAt = at(receivedAt, event.after, 30)
      eventRows.push({ requestId: id, kind: event.kind, fromStatus: event.to ? status : null, toStatus: event.to ?? null, note: event.note ?? null, ...actorOf(event.by), createdAt })
      if (event.to) status = event.to
      if (event.kind === 'completed') stamps.completedAt = createdAt
      if (event.kind === 'denied') stamps.deniedAt = createdAt
      if (event.kind === 'withdrawn') stamps.withdrawnAt = createdAt
      if (event.kind === 'extended') stamps.extendedAt = createdAt
      if (event.kind === 'clarification_requested') stamps.clarificationRequestedAt = createdAt
      if (event.kind === 'marked_manifestly_unfounded') stamps.manifestlyUnfoundedAt = createdAt
    }
    requestRows.push({
      id,
      number: formatRequestNumber(id, receivedAt),
      userId,
      email: outsider ? outsider.email : null,
      type: spec.type,
      status,
      subject: DSR_TYPE_LABELS[spec.type],
      details: spec.details,
      categorySlug: spec.categorySlug,
      receivedAt,
      dueAt: computeDueAt(receivedAt, 1 + (spec.extendedMonths ?? 0)),
      extensionReason: spec.extensionReason ?? null,
      denialReason: spec.denialReason ?? null,
      clarificationQuestion: spec.clarificationQuestion ?? null,
      unfoundedJustification: spec.unfoundedJustification ?? null,
      identityVerifiedAt: outsider && !spec.unconfirmed ? at(receivedAt, 0, 9) : null,
      reviewerId: spec.events.some((e) => e.by === 'dpo') ? dpoId : null,
      updatedAt: now,
      ...stamps,
    })
  }
  count(dataSubjectRequests, await tx.insert(dataSubjectRequests).values(requestRows).returning({ id: dataSubjectRequests.id }))
  count(dsrEvents, await tx.insert(dsrEvents).values(eventRows).returning({ id: dsrEvents.id }))
}
