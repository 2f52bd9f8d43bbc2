// What the DPO does with one request: take it on, ask a question, extend the deadline, refuse it, mark it
// manifestly unfounded, keep internal notes (Art. 12(3)-(5)). Each step is an event with actor and time,
// chained into the audit trail, and the person is told in the same transaction.
import { eq } from 'drizzle-orm'
import { db, type Transaction } from '#db/client.server'
import { dataCategories, dataSubjectRequests, users } from '#db/schema'
import { withChangeContext } from '../requests/archive.server'
import { countCommunityData } from '../erasure/community.server'
import {
  ACTIVE_STATUSES,
  assignReviewer,
  computeDueAt,
  extendDueDate,
  extensionWindowEndsAt,
  listRequestEvents,
  lockRequest,
  MAX_EXTENSION_MONTHS,
  recordEvent,
  requestRecipient,
  setDenialReason,
  setUnfoundedJustification,
  transitionRequest,
  type Actor,
  type DataSubjectRequest,
} from '../requests/dsr.server'
import { issueClarificationLink, statusUrlOf } from '../requests/dsr-public.server'
import { sendEmail } from '../platform/email.server'
import { formatDate } from '../domain/format'
import { getRegistryContacts } from '../registry/registry.server'
import { liftRestriction } from '../requests/restriction.server'
import { msg } from '~/i18n/translate'

// message: a catalogue key with its parameters (msg()); dates travel as ISO strings, put into words where shown
export type DpoActionResult = { ok: true; message: string } | { ok: false; field: string; message: string }

const fail = (field: string, message: string): DpoActionResult => ({ ok: false, field, message })

export function isActive(request: Pick<DataSubjectRequest, 'status'>) {
  return (ACTIVE_STATUSES as readonly string[]).includes(request.status)
}

/** Everything the DPO's page about one request shows; null for an unknown id or one still waiting for its email confirmation. */
export async function getRequestForDpo({ requestId }: { requestId: number }) {
  const [row] = await db
    .select({
      request: dataSubjectRequests,
      account: { id: users.id, username: users.username, email: users.email, erasedAt: users.erasedAt },
      // the registry's name for the data concerned, never its slug
      categoryName: dataCategories.name,
    })
    .from(dataSubjectRequests)
    .leftJoin(users, eq(users.id, dataSubjectRequests.userId))
    .leftJoin(dataCategories, eq(dataCategories.slug, dataSubjectRequests.categorySlug))
    .where(eq(dataSubjectRequests.id, requestId))
  if (!row || row.request.status === 'identity_unverified') return null
  const { request } = row
  const account = row.account?.id ? row.account : null
  const [events, held] = await Promise.all([
    listRequestEvents({ requestId, includeInternal: true }),
    // what is stored under the person's account or confirmed address in the categories anyone can leave data in
    request.userId || request.email ? countCommunityData({ userId: request.userId, email: request.userId ? null : request.email }) : null,
  ])
  return { request, account, categoryName: row.categoryName, events, held }
}

// Runs one action on a locked request that is still open; the person's email goes out in the same
// transaction. Each action checks everything before its first write, so a refusal leaves nothing behind.
async function onActiveRequest(requestId: number, act: (tx: Transaction, request: DataSubjectRequest) => Promise<DpoActionResult>) {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId)
    if (!request || request.status === 'identity_unverified') return fail('form', msg('dpo:result.notFound'))
    if (!isActive(request)) return fail('form', msg('dpo:result.closed'))
    return act(tx, request)
  })
}

async function withRecipient(tx: Transaction, request: DataSubjectRequest) {
  const recipient = await requestRecipient(tx, request)
  if (!recipient) throw new Error(`Request ${request.id} has nobody to write to`)
  return recipient
}

/** The DPO takes the request on: received → in progress, with the DPO as reviewer. */
export function startRequest({ requestId, actor }: { requestId: number; actor: Actor }) {
  return onActiveRequest(requestId, async (tx, request) => {
    if (request.status !== 'received') return fail('form', msg('dpo:result.onlyNewCanStart'))
    await assignReviewer(tx, { requestId: request.id, reviewerId: actor.id })
    await transitionRequest(tx, { requestId: request.id, to: 'in_progress', actor, kind: 'started' })
    return { ok: true, message: msg('dpo:result.started') }
  })
}

/** Art. 12(3): by one or two months, once, and only while the first month after receipt runs; the reason is emailed. */
export function extendRequest({ requestId, actor, months, reason, now = new Date() }: { requestId: number; actor: Actor; months: number; reason: string; now?: Date }) {
  return onActiveRequest(requestId, async (tx, request) => {
    if (!Number.isInteger(months) || months < 1 || months > MAX_EXTENSION_MONTHS) return fail('months', msg('dpo:result.chooseMonths'))
    if (request.extendedAt) return fail('form', msg('dpo:result.alreadyExtended', { date: request.extendedAt.toISOString() }))
    const windowEnd = extensionWindowEndsAt(request.receivedAt)
    if (now > windowEnd) {
      return fail('form', msg('dpo:result.windowEnded', { date: windowEnd.toISOString() }))
    }
    const dueAt = computeDueAt(request.receivedAt, 1 + months)
    await extendDueDate(tx, { requestId: request.id, dueAt, reason, at: now })
    await recordEvent(tx, {
      requestId: request.id,
      kind: 'extended',
      actor,
      note: reason,
      data: { months, previousDueAt: request.dueAt.toISOString(), dueAt: dueAt.toISOString() },
    })
    await sendEmail(tx, {
      ...(await withRecipient(tx, request)),
      template: 'request-extended',
      props: {
        number: request.number,
        type: request.type,
        previousDueAt: request.dueAt,
        dueAt,
        reason,
        statusUrl: statusUrlOf(request),
      },
    })
    return { ok: true, message: msg('dpo:result.extended', { date: dueAt.toISOString() }) }
  })
}

/** Art. 12(4): refused with reasons, the supervisory authority from the registry and the right to a judicial remedy. */
export function denyRequest({ requestId, actor, reason, now = new Date() }: { requestId: number; actor: Actor; reason: string; now?: Date }) {
  return onActiveRequest(requestId, async (tx, request) => {
    await setDenialReason(tx, { requestId: request.id, reason, at: now })
    await transitionRequest(tx, { requestId: request.id, to: 'denied', actor, kind: 'denied', note: reason })
    // data restricted while the request was open (a contested correction, an objection) is free again
    if (request.userId) {
      await withChangeContext(tx, { actor, reason: `Request ${request.number} refused` })
      const lifted = await liftRestriction(tx, { requestId: request.id, userId: request.userId })
      if (lifted > 0) await recordEvent(tx, { requestId: request.id, kind: 'restriction_lifted', actor, data: { restrictionsLifted: lifted } })
    }
    const recipient = await withRecipient(tx, request)
    const { supervisoryAuthority: a } = await getRegistryContacts(recipient.language, tx)
    await sendEmail(tx, {
      ...recipient,
      template: 'request-denied',
      props: {
        number: request.number,
        type: request.type,
        reason,
        authority: { name: a.name, street: a.street, postalCode: a.postalCode, city: a.city, country: a.country, email: a.email, phone: a.phone, website: a.website },
        statusUrl: statusUrlOf(request),
      },
    })
    return { ok: true, message: msg('dpo:result.denied') }
  })
}

/** The person answers through a single-use link; the due date stays where the law put it. */
export function requestClarification({ requestId, actor, question, now = new Date() }: { requestId: number; actor: Actor; question: string; now?: Date }) {
  return onActiveRequest(requestId, async (tx, request) => {
    if (request.status === 'awaiting_clarification') return fail('form', msg('dpo:result.questionWaiting'))
    const answerUrl = await issueClarificationLink(tx, { requestId: request.id, question, now })
    await transitionRequest(tx, { requestId: request.id, to: 'awaiting_clarification', actor, kind: 'clarification_requested', note: question })
    await sendEmail(tx, {
      ...(await withRecipient(tx, request)),
      template: 'request-clarification',
      props: { number: request.number, type: request.type, question, answerUrl, dueAt: request.dueAt },
    })
    return { ok: true, message: msg('dpo:result.questionSent') }
  })
}

/** Art. 12(5): recorded only with its justification; refusing or charging is a separate, reasoned step. */
export function markManifestlyUnfounded({ requestId, actor, justification, now = new Date() }: { requestId: number; actor: Actor; justification: string; now?: Date }) {
  return onActiveRequest(requestId, async (tx, request) => {
    if (request.manifestlyUnfoundedAt) return fail('form', msg('dpo:result.alreadyUnfounded'))
    await setUnfoundedJustification(tx, { requestId: request.id, justification, at: now })
    await recordEvent(tx, { requestId: request.id, kind: 'marked_manifestly_unfounded', actor, note: justification })
    return { ok: true, message: msg('dpo:result.markedUnfounded') }
  })
}

/** A note for the controller's file: shown to the DPO, never to the person. Allowed on closed requests too. */
export async function addInternalNote({ requestId, actor, note }: { requestId: number; actor: Actor; note: string }): Promise<DpoActionResult> {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId)
    if (!request || request.status === 'identity_unverified') return fail('form', msg('dpo:result.notFound'))
    await recordEvent(tx, { requestId, kind: 'note_added', actor, note })
    return { ok: true, message: msg('dpo:result.noteAdded') }
  })
}
