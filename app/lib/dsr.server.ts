// Data subject requests: numbering, deadlines and the event trail. Every capability that acts on a
// person's rights records what it did here, so the person and the DPO see one history.
import { and, count, eq, sql } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import { dataSubjectRequests, dsrEvents } from '#db/schema'
import { DISPLAY_TIME_ZONE } from './format'

export type DsrType = (typeof dataSubjectRequests.$inferSelect)['type']
export type DsrStatus = (typeof dataSubjectRequests.$inferSelect)['status']
export type ActorType = (typeof dsrEvents.$inferSelect)['actorType']
export interface Actor {
  type: ActorType
  id: string | null
}

export const OPEN_STATUSES: DsrStatus[] = ['identity_unverified', 'received', 'in_progress', 'awaiting_clarification']

// --- Deadlines (Art. 12(3)) -------------------------------------------------------------------

function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

// The UTC instant at which the clock in `timeZone` shows the given wall time.
function wallTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, timeZone: string) {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  let guess = asUtc
  // two rounds settle the offset, also on the days the clocks change
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone)
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms)
    guess += asUtc - shown
  }
  return new Date(guess)
}

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

// --- Requests and events ------------------------------------------------------------------------

function formatNumber(id: number, receivedAt: Date) {
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
}

export async function createRequest(executor: Executor, input: NewRequest) {
  const receivedAt = input.receivedAt ?? new Date()
  const [{ id }] = await executor.execute<{ id: number }>(sql`select nextval('data_subject_requests_id_seq')::int as id`)
  const [request] = await executor
    .insert(dataSubjectRequests)
    .values({
      id,
      number: formatNumber(id, receivedAt),
      userId: input.userId,
      email: input.email ?? null,
      type: input.type,
      status: input.status,
      subject: input.subject ?? null,
      details: input.details ?? null,
      categorySlug: input.categorySlug ?? null,
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
  kind: string
  actor: Actor
  fromStatus?: DsrStatus | null
  toStatus?: DsrStatus | null
  note?: string | null
  data?: Record<string, unknown> | null
}

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
  { requestId, to, actor, note, data }: { requestId: number; to: DsrStatus; actor: Actor; note?: string; data?: Record<string, unknown> },
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
  return recordEvent(executor, { requestId, kind: 'status_changed', fromStatus: current.status, toStatus: to, actor, note, data })
}

// A self-service action that is done at once still becomes a request with its events (received, completed).
export async function recordCompletedRequest(
  executor: Executor,
  input: Omit<NewRequest, 'status'> & { action: string; data?: Record<string, unknown> },
) {
  const request = await createRequest(executor, { ...input, status: 'in_progress' })
  await recordEvent(executor, { requestId: request.id, kind: input.action, actor: input.actor, data: input.data ?? null })
  await transitionRequest(executor, { requestId: request.id, to: 'completed', actor: input.actor })
  return request
}

export function countRequestsByStatus() {
  return db
    .select({ status: dataSubjectRequests.status, count: count() })
    .from(dataSubjectRequests)
    .where(sql`${dataSubjectRequests.status} <> 'identity_unverified'`)
    .groupBy(dataSubjectRequests.status)
    .orderBy(dataSubjectRequests.status)
}

// Scoped to the owner: another customer's request id finds nothing.
export async function getOwnRequest({ requestId, userId }: { requestId: number; userId: string }) {
  const [request] = await db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.id, requestId), eq(dataSubjectRequests.userId, userId)))
  return request ?? null
}
