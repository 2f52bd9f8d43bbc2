// The DPO's monthly report (accountability, Art. 5(2)): requests received, completed, refused, extended,
// overdue, and the median number of days to answer, per calendar month in the controller's time zone.
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { csvRow } from '../domain/csv'
import { DISPLAY_TIME_ZONE } from '../domain/format'

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
}

/** One row per month with any activity, newest first. One pass over the requests, whatever their number. */
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
    with r as (
      select *, coalesce(completed_at, denied_at) as answered_at
      from data_subject_requests
      -- requests nobody confirmed were never requests the controller had to answer
      where status <> 'identity_unverified' and not (status = 'withdrawn' and user_id is null and identity_verified_at is null)
    )
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
    group by e.month
    order by e.month desc`)
  return rows.map((row) => ({
    month: row.month,
    received: row.received,
    completed: row.completed,
    denied: row.denied,
    extended: row.extended,
    overdue: row.overdue,
    medianDaysToAnswer: row.median_days === null ? null : Number(row.median_days),
  }))
}

export const REPORT_COLUMNS = ['month', 'received', 'completed', 'denied', 'extended', 'overdue', 'median_days_to_answer'] as const

export function reportCsv(rows: MonthReport[]) {
  return (
    csvRow([...REPORT_COLUMNS]) +
    rows.map((r) => csvRow([r.month, r.received, r.completed, r.denied, r.extended, r.overdue, r.medianDaysToAnswer])).join('')
  )
}
