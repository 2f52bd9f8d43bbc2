// Data subject requests: numbering, deadlines and the event trail. Every capability that acts on a
// person's rights records what it did here, so the person and the DPO see one history.
import { and, asc, eq, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm'
import { INTERNAL_EVENT_KINDS, type RequestEventKind } from '../domain/request-events'
import { db, type Executor } from '#db/client.server'
import { dataSubjectRequests, dsrEvents, users } from '#db/schema'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { DISPLAY_TIME_ZONE } from '../domain/format'
import { wallTimeToUtc, zonedParts } from '../domain/time-zone'
import { msg } from '~/i18n/translate'

export { INTERNAL_EVENT_KINDS }

export type DsrType = (typeof dataSubjectRequests.$inferSelect)['type']
export type DsrStatus = (typeof dataSubjectRequests.$inferSelect)['status']
export type ActorType = (typeof dsrEvents.$inferSelect)['actorType']
export interface Actor {
  type: ActorType
  id: string | null
}

export const OPEN_STATUSES: DsrStatus[] = ['identity_unverified', 'received', 'in_progress', 'awaiting_clarification']
// open and in the DPO's hands (a request waiting for its email confirmation is not yet)
export const ACTIVE_STATUSES = ['received', 'in_progress', 'awaiting_clarification'] as const satisfies readonly DsrStatus[]
export const DSR_TYPES = dataSubjectRequests.type.enumValues
export const DSR_STATUSES = dataSubjectRequests.status.enumValues

export const DSR_TYPE_LABELS: Record<DsrType, string> = {
  access: 'Access to your data (Art. 15)',
  portability: 'A copy of your data to take elsewhere (Art. 20)',
  rectification: 'Correction (Art. 16)',
  erasure: 'Erasure (Art. 17)',
  restriction: 'Restriction of processing (Art. 18)',
  objection: 'Objection (Art. 21)',
  consent_withdrawal: 'Withdrawal of consent (Art. 7(3))',
  other: 'Other request or question to the data protection officer',
}

export function isOpenStatus(status: DsrStatus) {
  return OPEN_STATUSES.includes(status)
}

// --- Deadlines (Art. 12(3)) -------------------------------------------------------------------

/**
 * The end of the day, in the controller's time zone, that falls the given number of calendar months
 * after the day of receipt; the last day of the month when that month is shorter (received 31 January,
 * due 28 or 29 February). Regulation 1182/71 Art. 3(2)(c) for periods expressed in months.
 */
export function computeDueAt(receivedAt: Date, months = 1, timeZone = DISPLAY_TIME_ZONE): Date {
  const { year, month, day } = zonedParts(receivedAt, timeZone)
  const targetMonthIndex = month - 1 + months
  const targetYear = year + Math.floor(targetMonthIndex / 12)
  const targetMonth = (targetMonthIndex % 12) + 1
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate()
  return wallTimeToUtc(targetYear, targetMonth, Math.min(day, lastDay), 23, 59, 59, 999, timeZone)
}

/** Calendar days from today to the due day, in the controller's time zone: 0 on the due day, negative once overdue. */
export function daysUntilDue(dueAt: Date, now: Date, timeZone = DISPLAY_TIME_ZONE) {
  const day = (d: Date) => {
    const p = zonedParts(d, timeZone)
    return Date.UTC(p.year, p.month - 1, p.day)
  }
  return Math.round((day(dueAt) - day(now)) / 86_400_000)
}

/** Art. 12(3): an extension must be told within one month of receipt, so it can only be granted until then. */
export function extensionWindowEndsAt(receivedAt: Date) {
  return computeDueAt(receivedAt, 1)
}

export const MAX_EXTENSION_MONTHS = 2

// --- Requests and events ------------------------------------------------------------------------

export function formatRequestNumber(id: number, receivedAt: Date) {
  return `DSR-${receivedAt.getUTCFullYear()}-${String(id).padStart(6, '0')}`
}

export interface NewRequest {
  userId: string | null
  email?: string | null
  type: DsrType
  status: DsrStatus
  subject?: string | null
  details?: string | null
  categorySlug?: string | null
  receivedAt?: Date
  actor: Actor
  /** the language of the page it was made on; its emails use it when there is no account */
  language?: Language
}

export async function createRequest(executor: Executor, input: NewRequest) {
  const receivedAt = input.receivedAt ?? new Date()
  const [{ id }] = await executor.execute<{ id: number }>(sql`select nextval('data_subject_requests_id_seq')::int as id`)
  const [request] = await executor
    .insert(dataSubjectRequests)
    .values({
      id,
      number: formatRequestNumber(id, receivedAt),
      userId: input.userId,
      email: input.email ?? null,
      type: input.type,
      status: input.status,
      subject: input.subject ?? null,
      details: input.details ?? null,
      categorySlug: input.categorySlug ?? null,
      language: input.language,
      receivedAt,
      dueAt: computeDueAt(receivedAt),
      completedAt: input.status === 'completed' ? receivedAt : null,
    })
    .returning()
  await recordEvent(executor, { requestId: request.id, kind: 'received', toStatus: input.status, actor: input.actor })
  return request
}

export interface NewEvent {
  requestId: number
  kind: RequestEventKind
  actor: Actor
  fromStatus?: DsrStatus | null
  toStatus?: DsrStatus | null
  note?: string | null
  data?: Record<string, unknown> | null
}

// PostgreSQL appends every inserted event to the audit hash chain when the transaction commits
// (db/sql/400_audit_chain.sql), so events from every capability, and from plain SQL, are chained alike.
export async function recordEvent(executor: Executor, event: NewEvent) {
  const [row] = await executor
    .insert(dsrEvents)
    .values({
      requestId: event.requestId,
      kind: event.kind,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      actorType: event.actor.type,
      actorId: event.actor.id,
      note: event.note ?? null,
      data: event.data ?? null,
    })
    .returning()
  return row
}

const STATUS_TIMESTAMP: Partial<Record<DsrStatus, 'completedAt' | 'deniedAt' | 'withdrawnAt'>> = {
  completed: 'completedAt',
  denied: 'deniedAt',
  withdrawn: 'withdrawnAt',
}

// Moves a request to a new status and records the change as an event, in the caller's transaction.
export async function transitionRequest(
  executor: Executor,
  {
    requestId,
    to,
    actor,
    note,
    data,
    kind = 'status_changed',
  }: { requestId: number; to: DsrStatus; actor: Actor; note?: string; data?: Record<string, unknown>; kind?: RequestEventKind },
) {
  const [current] = await executor
    .select({ status: dataSubjectRequests.status })
    .from(dataSubjectRequests)
    .where(eq(dataSubjectRequests.id, requestId))
    .for('update')
  if (!current) throw new Error(`No request ${requestId}`)
  const now = new Date()
  const stamp = STATUS_TIMESTAMP[to]
  await executor
    .update(dataSubjectRequests)
    .set({ status: to, updatedAt: now, ...(stamp ? { [stamp]: now } : {}) })
    .where(eq(dataSubjectRequests.id, requestId))
  return recordEvent(executor, { requestId, kind, fromStatus: current.status, toStatus: to, actor, note, data })
}

// A self-service action that is done at once still becomes a request with its events (received, completed).
export async function recordCompletedRequest(
  executor: Executor,
  input: Omit<NewRequest, 'status'> & { action: RequestEventKind; data?: Record<string, unknown> },
) {
  const request = await createRequest(executor, { ...input, status: 'in_progress' })
  await recordEvent(executor, { requestId: request.id, kind: input.action, actor: input.actor, data: input.data ?? null })
  await transitionRequest(executor, { requestId: request.id, to: 'completed', actor: input.actor })
  return request
}

// --- Writes to a request's own columns ---------------------------------------------------------------
// data_subject_requests is written only from app/lib/requests/ (scripts/check-table-owners.ts, decision 090):
// capabilities above call these, each scoped by the request id, inside the caller's transaction.

/** The DPO who took the request on. */
export async function assignReviewer(executor: Executor, { requestId, reviewerId, at = new Date() }: { requestId: number; reviewerId: string | null; at?: Date }) {
  await executor.update(dataSubjectRequests).set({ reviewerId, updatedAt: at }).where(eq(dataSubjectRequests.id, requestId))
}

/** Art. 12(3): the new due date and the reason told to the person; the reminders start again for it. */
export async function extendDueDate(executor: Executor, { requestId, dueAt, reason, at = new Date() }: { requestId: number; dueAt: Date; reason: string; at?: Date }) {
  await executor
    .update(dataSubjectRequests)
    .set({ dueAt, extendedAt: at, extensionReason: reason, dueSoonReminderSentAt: null, overdueReminderSentAt: null, updatedAt: at })
    .where(eq(dataSubjectRequests.id, requestId))
}

/** Art. 12(4): the reason for a refusal, shown to the person and the DPO. */
export async function setDenialReason(executor: Executor, { requestId, reason, at = new Date() }: { requestId: number; reason: string; at?: Date }) {
  await executor.update(dataSubjectRequests).set({ denialReason: reason, updatedAt: at }).where(eq(dataSubjectRequests.id, requestId))
}

/** Art. 12(5): marked manifestly unfounded or excessive, with the justification. */
export async function setUnfoundedJustification(executor: Executor, { requestId, justification, at = new Date() }: { requestId: number; justification: string; at?: Date }) {
  await executor
    .update(dataSubjectRequests)
    .set({ manifestlyUnfoundedAt: at, unfoundedJustification: justification, updatedAt: at })
    .where(eq(dataSubjectRequests.id, requestId))
}

/**
 * An erased account leaves nobody to answer: its open requests are closed (withdrawn, the status that means
 * "closed without a decision", as for unconfirmed requests) with the reason as an event the DPO sees.
 * `except`: the request the erasure itself completes. Returns the numbers of the requests closed.
 */
export async function closeOpenRequestsOfErasedAccount(
  executor: Executor,
  { userId, except, reason, actor }: { userId: string; except: number | null; reason: string; actor: Actor },
) {
  const open = await executor
    .select({ id: dataSubjectRequests.id, number: dataSubjectRequests.number })
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.userId, userId), inArray(dataSubjectRequests.status, OPEN_STATUSES), except ? ne(dataSubjectRequests.id, except) : undefined))
    .orderBy(asc(dataSubjectRequests.id))
    .for('update')
  for (const request of open) {
    await transitionRequest(executor, { requestId: request.id, to: 'withdrawn', actor, kind: 'closed_account_erased', note: reason })
  }
  return open.map((r) => r.number)
}

/**
 * The request records of one person, for an erasure that must not keep them (the registry no longer holds
 * them under a legal hold). `except`: the erasure's own request, which records that the erasure happened.
 */
export async function deleteRequestsOf(executor: Executor, { userId, email, except }: { userId?: string | null; email?: string | null; except: number | null }) {
  const owner = [userId ? eq(dataSubjectRequests.userId, userId) : undefined, email ? sql`lower(${dataSubjectRequests.email}) = lower(${email})` : undefined].filter(
    (c): c is NonNullable<typeof c> => c !== undefined,
  )
  if (owner.length === 0) return 0
  const deleted = await executor
    .delete(dataSubjectRequests)
    .where(and(or(...owner), except ? ne(dataSubjectRequests.id, except) : undefined))
    .returning({ id: dataSubjectRequests.id })
  return deleted.length
}

/**
 * The retention job's deletion of closed requests (their events go with them, on delete cascade), as a
 * statement for its receipts: DELETE … RETURNING user_id.
 */
export function closedRequestsPurge(closedBefore: Date): SQL {
  return sql`delete from data_subject_requests
    where status in ('completed', 'denied', 'withdrawn')
      and coalesce(completed_at, denied_at, withdrawn_at, updated_at) <= ${closedBefore.toISOString()}::timestamptz
    returning user_id`
}

// Scoped to the owner: another customer's request id finds nothing.
export async function getOwnRequest({ requestId, userId }: { requestId: number; userId: string }) {
  const [request] = await db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.id, requestId), eq(dataSubjectRequests.userId, userId)))
  return request ?? null
}

export type DataSubjectRequest = typeof dataSubjectRequests.$inferSelect
export type DsrEvent = typeof dsrEvents.$inferSelect

// Locks the request row for the rest of the caller's transaction, so two actions never cross.
export async function lockRequest(executor: Executor, requestId: number): Promise<DataSubjectRequest | null> {
  const [request] = await executor.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId)).for('update')
  return request ?? null
}

// Where emails about a request go: the account's current address, or the address a person without an account confirmed.
/** The language of the account that uses this address (the DPO's, for reminders); English when there is none. */
export async function languageOfAddress(executor: Executor, email: string): Promise<Language> {
  const [user] = await executor
    .select({ language: users.language })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${email})`, isNull(users.erasedAt)))
    .limit(1)
  return user?.language ?? FALLBACK_LANGUAGE
}

// Who hears about a request, and in which language: the account's (kept current by the language switch),
// or, without an account, that of the page the request was made on (decision 015).
export async function requestRecipient(executor: Executor, request: Pick<DataSubjectRequest, 'userId' | 'email' | 'language'>) {
  if (request.userId) {
    const [user] = await executor.select({ email: users.email, erasedAt: users.erasedAt, language: users.language }).from(users).where(eq(users.id, request.userId))
    if (user && !user.erasedAt) return { to: user.email, userId: request.userId, language: user.language }
  }
  return request.email ? { to: request.email, userId: null, language: request.language } : null
}

export function listRequestEvents({ requestId, includeInternal }: { requestId: number; includeInternal: boolean }, executor: Executor = db) {
  return executor
    .select()
    .from(dsrEvents)
    .where(
      and(
        eq(dsrEvents.requestId, requestId),
        includeInternal ? undefined : notInArray(dsrEvents.kind, [...INTERNAL_EVENT_KINDS]),
      ),
    )
    .orderBy(asc(dsrEvents.createdAt), asc(dsrEvents.id))
}

export type WithdrawResult = { ok: true } | { ok: false; message: string }

async function withdrawLocked(executor: Executor, request: DataSubjectRequest, actor: Actor): Promise<WithdrawResult> {
  if (!isOpenStatus(request.status) || request.status === 'identity_unverified') {
    return { ok: false, message: msg('requests:errors.alreadyClosed') }
  }
  await transitionRequest(executor, { requestId: request.id, to: 'withdrawn', actor, kind: 'withdrawn' })
  return { ok: true }
}

/** A customer withdraws one of their own open requests; another customer's id finds nothing (null). */
export async function withdrawOwnRequest({ requestId, userId }: { requestId: number; userId: string }): Promise<WithdrawResult | null> {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId)
    if (!request || request.userId !== userId) return null
    return withdrawLocked(tx, request, { type: 'customer', id: userId })
  })
}

/** The same for a person without an account, who holds the request by its status link (already resolved to the request). */
export async function withdrawRequestOfDataSubject({ requestId }: { requestId: number }): Promise<WithdrawResult> {
  return db.transaction(async (tx) => {
    const request = await lockRequest(tx, requestId)
    if (!request) return { ok: false, message: msg('requests:errors.gone') }
    return withdrawLocked(tx, request, { type: 'data_subject', id: null })
  })
}
