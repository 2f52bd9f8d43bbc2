// The DPO's monthly report (accountability, Art. 5(2)): requests received, completed, refused, extended,
// overdue, and the median number of days to answer, per calendar month in the controller's time zone.
// Self-service actions (a customer's own download, edit, erasure or withdrawal, done at once by the portal)
// stay on the customer's record as requests but are counted apart: they are not requests the DPO works,
// and their 0-day answers would flatter the DPO's median.
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { csvRow } from '../domain/csv'
import { DISPLAY_TIME_ZONE } from '../domain/format'
import type { Checkpoint } from '../requests/audit-anchor.server'

export interface MonthReport {
  month: string
  received: number
  completed: number
  denied: number
  extended: number
  // due in this month and answered late, or not answered yet although the date has passed
  overdue: number
  // of the requests answered (completed or refused) in this month; null when none was
  medianDaysToAnswer: number | null
  // customers' own actions done at once by the portal, received in this month
  selfService: number
}

// A request is self-service when the customer's own action opened it straight into work (no one had to review
// it): the first event is 'received' into 'in_progress' by the customer. Everything else reaches the DPO's queue.
export const SELF_SERVICE = sql.raw(`exists (select 1 from dsr_events se where se.request_id = r.id and se.kind = 'received'
  and se.to_status = 'in_progress' and se.actor_type = 'customer')`)

/** One row per month with any activity, newest first: one pass over the requests for the DPO's work, one for self-service. */
export async function monthlyReport({ now = new Date(), timeZone = DISPLAY_TIME_ZONE }: { now?: Date; timeZone?: string } = {}): Promise<MonthReport[]> {
  const rows = await db.execute<{
    month: string
    received: number
    completed: number
    denied: number
    extended: number
    overdue: number
    median_days: number | null
  }>(sql`
    with all_r as (
      select r.*, coalesce(r.completed_at, r.denied_at) as answered_at, ${SELF_SERVICE} as self_service
      from data_subject_requests r
      -- requests nobody confirmed were never requests the controller had to answer
      where r.status <> 'identity_unverified' and not (r.status = 'withdrawn' and r.user_id is null and r.identity_verified_at is null)
    ),
    r as (select * from all_r where not self_service)
    select to_char(e.month, 'YYYY-MM') as month,
      (count(*) filter (where e.metric = 'received'))::int as received,
      (count(*) filter (where e.metric = 'completed'))::int as completed,
      (count(*) filter (where e.metric = 'denied'))::int as denied,
      (count(*) filter (where e.metric = 'extended'))::int as extended,
      (count(*) filter (where e.metric = 'overdue'))::int as overdue,
      round((percentile_cont(0.5) within group (order by e.days) filter (where e.metric = 'answered'))::numeric, 1)::float8 as median_days
    from r
    cross join lateral (values
      (date_trunc('month', r.received_at at time zone ${timeZone}), 'received', null::float8),
      (date_trunc('month', r.completed_at at time zone ${timeZone}), 'completed', null),
      (date_trunc('month', r.denied_at at time zone ${timeZone}), 'denied', null),
      (date_trunc('month', r.extended_at at time zone ${timeZone}), 'extended', null),
      (case
         when coalesce(r.answered_at, r.withdrawn_at) > r.due_at
           or (r.status in ('received', 'in_progress', 'awaiting_clarification') and r.due_at < ${now.toISOString()}::timestamptz)
         then date_trunc('month', r.due_at at time zone ${timeZone})
       end, 'overdue', null),
      (date_trunc('month', r.answered_at at time zone ${timeZone}), 'answered', extract(epoch from r.answered_at - r.received_at) / 86400)
    ) as e(month, metric, days)
    where e.month is not null
    group by e.month`)
  const selfService = await db.execute<{ month: string; n: number }>(sql`
    select to_char(date_trunc('month', r.received_at at time zone ${timeZone}), 'YYYY-MM') as month, count(*)::int as n
    from data_subject_requests r
    where ${SELF_SERVICE}
    group by 1`)
  const selfByMonth = new Map(selfService.map((row) => [row.month, row.n]))
  // months with only self-service activity still get a row
  const months = new Map(rows.map((row) => [row.month, row]))
  for (const month of selfByMonth.keys()) {
    if (!months.has(month)) months.set(month, { month, received: 0, completed: 0, denied: 0, extended: 0, overdue: 0, median_days: null })
  }
  return [...months.values()].sort((a, b) => b.month.localeCompare(a.month)).map((row) => ({
    month: row.month,
    received: row.received,
    completed: row.completed,
    denied: row.denied,
    extended: row.extended,
    overdue: row.overdue,
    medianDaysToAnswer: row.median_days === null ? null : Number(row.median_days),
    selfService: selfByMonth.get(row.month) ?? 0,
  }))
}

export const REPORT_COLUMNS = ['month', 'received', 'completed', 'denied', 'extended', 'overdue', 'median_days_to_answer', 'self_service_actions'] as const

export const CHECKPOINT_COLUMNS = ['audit_chain_entry', 'audit_chain_hash', 'anchored_at', 'public_key', 'signature'] as const

// The audit chain's head when the report was made, signed, after a blank line: the report anchors the chain (decision 033).
export function reportCsv(rows: MonthReport[], checkpoint: Checkpoint | null = null) {
  return (
    csvRow([...REPORT_COLUMNS]) +
    rows.map((r) => csvRow([r.month, r.received, r.completed, r.denied, r.extended, r.overdue, r.medianDaysToAnswer, r.selfService])).join('') +
    (checkpoint
      ? '\r\n' + csvRow([...CHECKPOINT_COLUMNS]) + csvRow([checkpoint.entry, checkpoint.hash, checkpoint.anchoredAt, checkpoint.publicKey, checkpoint.signature])
      : '')
  )
}

export interface TransparencyRow {
  month: string
  type: string
  received: number
  completed: number
  denied: number
  extended: number
  medianDays: number | null
  meanDays: number | null
  selfService: number
}

/**
 * The public transparency report: per month of receipt and per right, how many requests came in and what became
 * of them, and how long answers took. Counts only, from the same rows as the DPO's report: no personal data.
 */
export async function transparencyReport({ timeZone = DISPLAY_TIME_ZONE }: { timeZone?: string } = {}): Promise<TransparencyRow[]> {
  const rows = await db.execute<{
    month: string
    type: string
    received: number
    completed: number
    denied: number
    extended: number
    median_days: number | null
    mean_days: number | null
    self_service: number
  }>(sql`
    with r as (
      select r.type, r.received_at, r.completed_at, r.denied_at, r.extended_at,
        extract(epoch from coalesce(r.completed_at, r.denied_at) - r.received_at) / 86400 as days,
        ${SELF_SERVICE} as self_service
      from data_subject_requests r
      where r.status <> 'identity_unverified' and not (r.status = 'withdrawn' and r.user_id is null and r.identity_verified_at is null)
    )
    select to_char(date_trunc('month', received_at at time zone ${timeZone}), 'YYYY-MM') as month, type::text as type,
      (count(*) filter (where not self_service))::int as received,
      (count(*) filter (where not self_service and completed_at is not null))::int as completed,
      (count(*) filter (where not self_service and denied_at is not null))::int as denied,
      (count(*) filter (where not self_service and extended_at is not null))::int as extended,
      round((percentile_cont(0.5) within group (order by days) filter (where not self_service and days is not null))::numeric, 1)::float8 as median_days,
      round((avg(days) filter (where not self_service and days is not null))::numeric, 1)::float8 as mean_days,
      (count(*) filter (where self_service))::int as self_service
    from r
    group by 1, 2
    order by 1 desc, 2`)
  return rows.map((row) => ({
    month: row.month,
    type: row.type,
    received: row.received,
    completed: row.completed,
    denied: row.denied,
    extended: row.extended,
    medianDays: row.median_days === null ? null : Number(row.median_days),
    meanDays: row.mean_days === null ? null : Number(row.mean_days),
    selfService: row.self_service,
  }))
}
