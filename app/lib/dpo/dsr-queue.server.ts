// The DPO's queue: every request in deadline order, filtered and searched, paged by keyset so that the
// hundredth page costs what the first does (indexes dsr_due_at_id_idx and dsr_open_due_at_id_idx).
import { and, asc, desc, eq, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { db } from '#db/client.server'
import { dataSubjectRequests as r, users } from '#db/schema'
import { ACTIVE_STATUSES, DSR_STATUSES, DSR_TYPES, type DsrStatus, type DsrType } from '../requests/dsr.server'
import { msg } from '~/i18n/translate'

export const QUEUE_PAGE_SIZE = 50

// The position of a row in the queue's order: due_at to the microsecond, then id.
export interface QueueCursor {
  dueMicros: bigint
  id: number
}

const CURSOR_SHAPE = /^(\d{1,17})\.(\d{1,15})$/

export function encodeCursor(cursor: QueueCursor) {
  return `${cursor.dueMicros}.${cursor.id}`
}

export function decodeCursor(raw: string): QueueCursor | null {
  const m = CURSOR_SHAPE.exec(raw)
  if (!m) return null
  const id = Number(m[2])
  return Number.isSafeInteger(id) && id > 0 ? { dueMicros: BigInt(m[1]), id } : null
}

// 'open': what still needs an answer (the default); 'all': everything the DPO handles.
export const QUEUE_VIEWS = ['open', 'all'] as const

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(values, { errorMap: () => ({ message }) }).optional())

// Statuses the DPO can filter by: a request waiting for its email confirmation is not theirs yet.
const FILTERABLE_STATUSES = DSR_STATUSES.filter((s) => s !== 'identity_unverified') as [DsrStatus, ...DsrStatus[]]

export const QueueFilterSchema = z.object({
  view: optionalEnum(QUEUE_VIEWS, 'Unknown view.'),
  status: optionalEnum(FILTERABLE_STATUSES, 'Unknown status.'),
  type: optionalEnum(DSR_TYPES as unknown as [DsrType, ...DsrType[]], 'Unknown request type.'),
  overdue: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.literal('1', { errorMap: () => ({ message: msg('dpo:queue.unknownFilter') }) }).optional()),
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim() || undefined : v), z.string().max(254, 'The search is too long.').optional()),
  after: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(40).optional()),
  before: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().max(40).optional()),
})

export type QueueFilter = z.infer<typeof QueueFilterSchema>

/** Reads the queue's URL parameters; a tampered filter or page link is a 400 with a message, never a 500. */
export function parseQueueFilter(searchParams: URLSearchParams): { filter: QueueFilter; after: QueueCursor | null; before: QueueCursor | null } {
  const values = Object.fromEntries([...searchParams.keys()].map((k) => [k, searchParams.get(k)]))
  const parsed = QueueFilterSchema.safeParse(values)
  if (!parsed.success) throw new Response(parsed.error.issues[0].message, { status: 400 })
  const filter = parsed.data
  const after = filter.after ? decodeCursor(filter.after) : null
  const before = filter.before ? decodeCursor(filter.before) : null
  if ((filter.after && !after) || (filter.before && !before)) throw new Response('This page link is not valid. Start again from the first page.', { status: 400 })
  return { filter, after, before }
}

const NUMBER_SEARCH = /^(?:dsr-)?(\d{4})-(\d{1,9})$/i
const ID_SEARCH = /^#?(\d{1,9})$/

// Requests closed automatically because nobody confirmed the address were never the DPO's.
const neverConfirmed = sql`(${r.status} = 'withdrawn' and ${r.userId} is null and ${r.identityVerifiedAt} is null)`

function conditionsOf(filter: QueueFilter, now: Date): SQL[] {
  const conditions: SQL[] = []
  if (filter.overdue) {
    conditions.push(sql`${r.status} in ('received', 'in_progress', 'awaiting_clarification')`, lt(r.dueAt, now))
    if (filter.status) conditions.push(eq(r.status, filter.status))
  } else if (filter.status) {
    conditions.push(eq(r.status, filter.status))
    if (filter.status === 'withdrawn') conditions.push(sql`not ${neverConfirmed}`)
  } else if ((filter.view ?? 'open') === 'open') {
    // spelled like the partial index's predicate, so the planner uses it
    conditions.push(sql`${r.status} in ('received', 'in_progress', 'awaiting_clarification')`)
  } else {
    conditions.push(ne(r.status, 'identity_unverified'), sql`not ${neverConfirmed}`)
  }
  if (filter.type) conditions.push(eq(r.type, filter.type))
  if (filter.q) {
    const q = filter.q
    const number = NUMBER_SEARCH.exec(q)
    const id = ID_SEARCH.exec(q)
    if (number) conditions.push(eq(r.number, `DSR-${number[1]}-${number[2].padStart(6, '0')}`))
    else if (id) conditions.push(eq(r.id, Number(id[1])))
    else if (q.includes('@')) {
      const email = q.toLowerCase()
      conditions.push(
        or(sql`lower(${r.email}) = ${email}`, sql`${r.userId} in (select ${users.id} from ${users} where lower(${users.email}) = ${email})`)!,
      )
    } else {
      // neither a number nor an address: nothing matches, rather than a slow scan of every request
      conditions.push(sql`false`)
    }
  }
  return conditions
}

const dueMicros = sql<string>`(extract(epoch from ${r.dueAt}) * 1000000)::bigint::text`
const cursorTime = (c: QueueCursor) => sql`(timestamptz 'epoch' + ${c.dueMicros.toString()}::bigint * interval '1 microsecond')`

export interface QueueRow {
  id: number
  number: string
  type: DsrType
  status: DsrStatus
  receivedAt: Date
  dueAt: Date
  extendedAt: Date | null
  manifestlyUnfoundedAt: Date | null
  email: string | null
  hasAccount: boolean
}

export interface QueuePage {
  rows: QueueRow[]
  next: string | null
  previous: string | null
}

/** One page of the queue, most urgent first. `after` pages forward from a row, `before` back from one. */
export async function listQueue({
  filter,
  after = null,
  before = null,
  now = new Date(),
  limit = QUEUE_PAGE_SIZE,
}: {
  filter: QueueFilter
  after?: QueueCursor | null
  before?: QueueCursor | null
  now?: Date
  limit?: number
}): Promise<QueuePage> {
  const conditions = conditionsOf(filter, now)
  if (after) conditions.push(sql`(${r.dueAt}, ${r.id}) > (${cursorTime(after)}, ${after.id})`)
  if (before) conditions.push(sql`(${r.dueAt}, ${r.id}) < (${cursorTime(before)}, ${before.id})`)
  const backwards = Boolean(before && !after)
  const rows = await db
    .select({
      id: r.id,
      number: r.number,
      type: r.type,
      status: r.status,
      receivedAt: r.receivedAt,
      dueAt: r.dueAt,
      dueMicros,
      extendedAt: r.extendedAt,
      manifestlyUnfoundedAt: r.manifestlyUnfoundedAt,
      requestEmail: r.email,
      accountEmail: users.email,
      userId: r.userId,
    })
    .from(r)
    .leftJoin(users, eq(users.id, r.userId))
    .where(and(...conditions))
    .orderBy(...(backwards ? [desc(r.dueAt), desc(r.id)] : [asc(r.dueAt), asc(r.id)]))
    .limit(limit + 1)
  const more = rows.length > limit
  const page = rows.slice(0, limit)
  if (backwards) page.reverse()
  const cursorOf = (row: (typeof rows)[number]) => encodeCursor({ dueMicros: BigInt(row.dueMicros), id: row.id })
  // paging back always leaves a next page (the one we came from); paging forward leaves a previous one
  const hasNext = backwards || more
  const hasPrevious = backwards ? more : Boolean(after)
  return {
    rows: page.map((row) => ({
      id: row.id,
      number: row.number,
      type: row.type,
      status: row.status,
      receivedAt: row.receivedAt,
      dueAt: row.dueAt,
      extendedAt: row.extendedAt,
      manifestlyUnfoundedAt: row.manifestlyUnfoundedAt,
      email: row.accountEmail ?? row.requestEmail,
      hasAccount: Boolean(row.userId),
    })),
    next: hasNext && page.length > 0 ? cursorOf(page[page.length - 1]) : null,
    previous: hasPrevious && page.length > 0 ? cursorOf(page[0]) : null,
  }
}

/** The numbers at the top of the queue: open requests per status, overdue, and due within 7 days. */
export async function queueSummary({ now = new Date() }: { now?: Date } = {}) {
  // raw SQL gets times as text: the driver does not type a bare Date parameter
  const at = sql`${now.toISOString()}::timestamptz`
  const soon = sql`${new Date(now.getTime() + 7 * 86_400_000).toISOString()}::timestamptz`
  const rows = await db
    .select({
      status: r.status,
      count: sql<number>`count(*)::int`,
      overdue: sql<number>`(count(*) filter (where ${r.dueAt} < ${at}))::int`,
      dueSoon: sql<number>`(count(*) filter (where ${r.dueAt} >= ${at} and ${r.dueAt} < ${soon}))::int`,
    })
    .from(r)
    .where(sql`${r.status} in ('received', 'in_progress', 'awaiting_clarification')`)
    .groupBy(r.status)
  const byStatus = Object.fromEntries(ACTIVE_STATUSES.map((s) => [s, 0])) as Record<(typeof ACTIVE_STATUSES)[number], number>
  let overdue = 0
  let dueSoon = 0
  for (const row of rows) {
    byStatus[row.status as (typeof ACTIVE_STATUSES)[number]] = row.count
    overdue += row.overdue
    dueSoon += row.dueSoon
  }
  // not the DPO's yet, but worth knowing about: the email confirmations still outstanding
  const [unconfirmed] = await db.select({ n: sql<number>`count(*)::int` }).from(r).where(eq(r.status, 'identity_unverified'))
  return { byStatus, overdue, dueSoon, unconfirmed: unconfirmed.n }
}
