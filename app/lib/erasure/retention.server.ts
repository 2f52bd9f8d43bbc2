// Storage limitation (Art. 5(1)(e)): the retention job deletes what its registry rule no longer allows, and
// records a deletion receipt for every deletion (what, under which rule, how many rows: never the data).
// Each task is a plain function of `now`, so tests can move the clock; jobs.server.ts schedules them.
// Periods are counted on the controller's calendar (Europe/Berlin), so a daylight saving change in
// between neither shortens nor lengthens them. Running a task twice deletes nothing the second time.
import { randomUUID } from 'node:crypto'
import { desc, eq, sql, type SQL } from 'drizzle-orm'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { registryTextSql } from '../registry/registry.server'
import { db, type Executor, type Transaction } from '#db/client.server'
import { dataSubjectRequests, deletionReceipts, retentionRules } from '#db/schema'
import type { RetentionRuleSlug } from '#db/schema'
import { RETENTION_REASON, withChangeContext } from '../requests/archive.server'
import { ABSOLUTE_TIMEOUT_HOURS } from '../platform/auth.server'
import { closedRequestsPurge, type Actor } from '../requests/dsr.server'
import { liftEndedLegalHolds } from '../requests/restriction.server'
import { DISPLAY_TIME_ZONE } from '../domain/format'

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null }
export const RETENTION_TIME_ZONE = DISPLAY_TIME_ZONE

// Users per batch of the VPN session purge: each batch is one short transaction, so the purge never holds
// locks or a snapshot for long while customers read their data.
export const VPN_PURGE_USER_BATCH = 500

// Legal holds whose period starts at the end of the calendar year of the record (statutory_tax's legal
// reason: § 147(4) AO / § 257(5) HGB); the others start with the record itself.
const HOLD_STARTS_AT_YEAR_END = new Set<string>(['statutory_tax'])

export interface RetentionInput {
  now: Date
  /** names the run on its receipts; one is made up when not given */
  runId?: string
}

export interface TaskResult {
  task: string
  ruleSlug: string
  rows: number
  /** why the task did nothing, e.g. a registry rule without a period */
  skipped?: string
}

type Rule = { id: number; slug: string; period: string | null }
// for bookkeeping tasks that delete nothing themselves
const NO_RULE: Rule = { id: 0, slug: 'none', period: null }

async function ruleBySlug(executor: Executor, slug: RetentionRuleSlug): Promise<Rule | null> {
  const [rule] = await executor
    .select({ id: retentionRules.id, slug: retentionRules.slug, period: retentionRules.period })
    .from(retentionRules)
    .where(eq(retentionRules.slug, slug))
  return rule ?? null
}

/** The instant before which data governed by `period` has expired at `now`, on the controller's calendar. */
export async function retentionCutoff(executor: Executor, now: Date, period: string): Promise<Date> {
  const [row] = await executor.execute<{ cutoff: string }>(
    sql`select ((${now.toISOString()}::timestamptz at time zone ${RETENTION_TIME_ZONE}) - ${period}::interval) at time zone ${RETENTION_TIME_ZONE} as cutoff`,
  )
  return new Date(row.cutoff)
}

/** When a legal hold under `rule` that is anchored at `since` ends (the later bound for the cancellation lists). */
export async function holdEndsAt(executor: Executor, { ruleSlug, period, since }: { ruleSlug: string; period: string | null; since: Date }) {
  if (!period) return null
  const yearEnd = HOLD_STARTS_AT_YEAR_END.has(ruleSlug)
  const [row] = await executor.execute<{ ends_at: string }>(sql`
    select retention_end(
      case when ${yearEnd} then (date_trunc('year', ${since.toISOString()}::timestamptz at time zone ${RETENTION_TIME_ZONE}) + interval '1 year') at time zone ${RETENTION_TIME_ZONE}
           else ${since.toISOString()}::timestamptz end,
      ${period}::interval, ${RETENTION_TIME_ZONE}) as ends_at`)
  return new Date(row.ends_at)
}

// --- Receipts ------------------------------------------------------------------------------------

export interface NewReceipt {
  runId: string
  ruleSlug: string
  retentionRuleId?: number | null
  tableName: string
  userId: string | null
  requestId?: number | null
  rowCount: number
  details?: Record<string, unknown> | null
}

export async function recordDeletionReceipts(executor: Executor, receipts: NewReceipt[]) {
  const rows = receipts.filter((r) => r.rowCount > 0)
  if (rows.length === 0) return
  await executor.insert(deletionReceipts).values(
    rows.map((r) => ({
      runId: r.runId,
      ruleSlug: r.ruleSlug,
      retentionRuleId: r.retentionRuleId ?? null,
      tableName: r.tableName,
      userId: r.userId,
      requestId: r.requestId ?? null,
      rowCount: r.rowCount,
      details: r.details ?? null,
    })),
  )
}

/**
 * Runs a data-modifying statement `deleted` (a DELETE … RETURNING <owner column> AS user_id) and records one
 * receipt per owner (or one without an owner when perUser is false) in the same statement, so a receipt
 * exists exactly when its deletion committed. Returns the number of rows deleted.
 */
async function deleteWithReceipts(
  tx: Executor,
  { deleted, runId, rule, table, perUser = true }: { deleted: SQL; runId: string; rule: Rule; table: string; perUser?: boolean },
) {
  const owner = perUser ? sql`user_id` : sql`null::text`
  const rows = await tx.execute<{ row_count: number }>(sql`
    with deleted as (${deleted}),
    counted as (select ${owner} as user_id, count(*)::int as n from deleted group by 1)
    insert into deletion_receipts (run_id, rule_slug, retention_rule_id, table_name, user_id, row_count)
    select ${runId}, ${rule.slug}, ${rule.id}, ${table}, user_id, n from counted
    returning row_count`)
  return rows.reduce((sum, r) => sum + r.row_count, 0)
}

// Rows under an active restriction other than a legal hold (e.g. kept for legal claims, Art. 18(1)(c))
// are excluded from deletion until the restriction is lifted.
function notRestricted(userColumn: SQL, categorySlug: string, now: Date) {
  return sql`(${userColumn} is null or ${userColumn} not in (
    select r.user_id from restrictions r
    where r.category_slug = ${categorySlug} and r.reason <> 'legal_hold' and r.user_id is not null
      and r.lifted_at is null and (r.ends_at is null or r.ends_at > ${now.toISOString()}::timestamptz)))`
}

/** One short transaction that keeps no archive copy of what it deletes (decision 040 and 050). */
function retentionTransaction<T>(fn: (tx: Transaction) => Promise<T>) {
  return db.transaction(async (tx) => {
    await withChangeContext(tx, { actor: SYSTEM_ACTOR, reason: RETENTION_REASON })
    return fn(tx)
  })
}

// --- Tasks -----------------------------------------------------------------------------------------

interface TaskContext {
  now: Date
  runId: string
}

type Task = {
  name: string
  rule: RetentionRuleSlug | null
  /** true: the rule means something without a period (e.g. "until it expires") */
  periodOptional?: boolean
  run(ctx: TaskContext & { rule: Rule }): Promise<number>
}

/** VPN session records: deleted 90 days (the registry's period) after the session started. */
export async function purgeVpnSessions({ now, runId, rule }: TaskContext & { rule: Rule }) {
  const cutoff = await retentionCutoff(db, now, rule.period!)
  let total = 0
  let after = ''
  // by owner, in batches: each owner gets one receipt per run, and each batch commits on its own
  for (;;) {
    const batch = await db.execute<{ id: string }>(sql`select id from users where id > ${after} order by id limit ${VPN_PURGE_USER_BATCH}`)
    if (batch.length === 0) break
    after = batch[batch.length - 1].id
    const ids = batch.map((u) => u.id)
    total += await retentionTransaction((tx) =>
      deleteWithReceipts(tx, {
        runId,
        rule,
        table: 'vpn_sessions',
        deleted: sql`delete from vpn_sessions
          where user_id = any(${sql.param(ids)}::text[]) and started_at <= ${cutoff.toISOString()}::timestamptz
            and ${notRestricted(sql`user_id`, 'vpn_sessions', now)}
          returning user_id`,
      }),
    )
  }
  return total
}

/** Traffic: only the current month's figure exists; earlier months' figures are deleted. */
async function resetTraffic({ now, runId, rule }: TaskContext & { rule: Rule }) {
  return retentionTransaction((tx) =>
    deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'traffic_usage',
      perUser: false,
      deleted: sql`delete from traffic_usage
        where month < date_trunc('month', ${now.toISOString()}::timestamptz at time zone ${RETENTION_TIME_ZONE})::date
        returning user_id`,
    }),
  )
}

/** Contact-form messages: deleted the registry's period after they were answered. */
async function purgeContactMessages({ now, runId, rule }: TaskContext & { rule: Rule }) {
  const cutoff = await retentionCutoff(db, now, rule.period!)
  return retentionTransaction((tx) =>
    deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'contact_messages',
      deleted: sql`delete from contact_messages
        where answered_at is not null and answered_at <= ${cutoff.toISOString()}::timestamptz
          and ${notRestricted(sql`user_id`, 'contact_messages', now)}
        returning user_id`,
    }),
  )
}

/** Payment records: deleted when their statutory retention (from the end of the year they were made) ends. */
async function purgePayments({ now, runId, rule }: TaskContext & { rule: Rule }) {
  return retentionTransaction((tx) =>
    deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'payments',
      deleted: sql`delete from payments
        where retention_end(
            (date_trunc('year', paid_at at time zone ${RETENTION_TIME_ZONE}) + interval '1 year') at time zone ${RETENTION_TIME_ZONE},
            ${rule.period}::interval, ${RETENTION_TIME_ZONE}) <= ${now.toISOString()}::timestamptz
          and ${notRestricted(sql`user_id`, 'payments', now)}
        returning user_id`,
    }),
  )
}

/** Consent records of cancelled accounts: the proof is kept for its period after the account ended. */
async function purgeHeldConsents({ now, runId, rule }: TaskContext & { rule: Rule }) {
  return retentionTransaction(async (tx) => {
    // the ledger is append-only for the portal's role: this SECURITY DEFINER function is the one way out
    const rows = await tx.execute<{ row_count: number }>(sql`
      with purged as (select * from purge_held_consents(${now.toISOString()}::timestamptz, ${RETENTION_TIME_ZONE}))
      insert into deletion_receipts (run_id, rule_slug, retention_rule_id, table_name, user_id, row_count)
      select ${runId}, ${rule.slug}, ${rule.id}, 'consents', user_id, row_count from purged
      returning row_count`)
    return rows.reduce((sum, r) => sum + r.row_count, 0)
  })
}

/** The archive of changes: rows past the archive's retention (db/sql/100, purge_expired_archive). */
async function purgeArchive({ now, runId, rule }: TaskContext & { rule: Rule }) {
  return retentionTransaction(async (tx) => {
    const [row] = await tx.execute<{ n: number }>(sql`select purge_expired_archive(${now.toISOString()}::timestamptz) as n`)
    await recordDeletionReceipts(tx, [{ runId, ruleSlug: rule.slug, retentionRuleId: rule.id, tableName: 'archived_changes', userId: null, rowCount: row.n }])
    return row.n
  })
}

/** Request records (requests, their events, notices to recipients, old receipts): the period after closing. */
async function purgeRequestRecords({ now, runId, rule }: TaskContext & { rule: Rule }) {
  const cutoff = await retentionCutoff(db, now, rule.period!)
  const at = cutoff.toISOString()
  return retentionTransaction(async (tx) => {
    const requests = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'data_subject_requests',
      deleted: closedRequestsPurge(cutoff),
    })
    const notices = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'recipient_notifications',
      deleted: sql`delete from recipient_notifications where notified_at <= ${at}::timestamptz returning user_id`,
    })
    // receipts older than the period go too; the receipt for that says how many, for nobody in particular
    const receipts = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'deletion_receipts',
      perUser: false,
      deleted: sql`delete from deletion_receipts where created_at <= ${at}::timestamptz returning user_id`,
    })
    return requests + notices + receipts
  })
}

/** Legal holds whose end date passed are lifted (the held rows themselves go by their own rule above). */
async function liftEndedHolds({ now }: TaskContext) {
  return retentionTransaction((tx) => liftEndedLegalHolds(tx, { now }))
}

/** Sign-ups whose email address was never confirmed, with the emails sent to them. */
async function purgeUnconfirmedSignups({ now, runId, rule }: TaskContext & { rule: Rule }) {
  const cutoff = await retentionCutoff(db, now, rule.period!)
  return retentionTransaction(async (tx) => {
    const doomed = sql`select id from users
      where role = 'customer' and email_verified_at is null and erased_at is null and created_at <= ${cutoff.toISOString()}::timestamptz`
    const emails = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'outbox_messages',
      perUser: false,
      deleted: sql`delete from outbox_messages where user_id in (${doomed}) returning user_id`,
    })
    // sessions, codes and everything else of theirs go with the row (on delete cascade)
    const accounts = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'users',
      perUser: false,
      deleted: sql`delete from users where id in (${doomed}) returning id as user_id`,
    })
    return emails + accounts
  })
}

/** Sessions past their idle or absolute lifetime, used or expired codes, and past rate-limit windows. */
async function purgeExpiredCredentials({ now, runId, rule }: TaskContext & { rule: Rule }) {
  const at = now.toISOString()
  return retentionTransaction(async (tx) => {
    const sessions = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'sessions',
      perUser: false,
      deleted: sql`delete from sessions
        where expires_at <= ${at}::timestamptz or created_at <= ${at}::timestamptz - make_interval(hours => ${ABSOLUTE_TIMEOUT_HOURS})
        returning user_id`,
    })
    const codes = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'email_verifications',
      perUser: false,
      deleted: sql`delete from email_verifications
        where expires_at <= ${at}::timestamptz or consumed_at is not null
        returning user_id`,
    })
    // the longest window is an hour; a day later no counter can still matter
    const counters = await deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'rate_limits',
      perUser: false,
      deleted: sql`delete from rate_limits where window_start <= ${at}::timestamptz - interval '1 day' returning null::text as user_id`,
    })
    return sessions + codes + counters
  })
}

/** Copies of sent emails after their period; those to cancelled accounts as soon as they went out. */
async function purgeSentEmails({ now, runId, rule }: TaskContext & { rule: Rule }) {
  const cutoff = await retentionCutoff(db, now, rule.period!)
  return retentionTransaction((tx) =>
    deleteWithReceipts(tx, {
      runId,
      rule,
      table: 'outbox_messages',
      perUser: false,
      deleted: sql`delete from outbox_messages o
        where o.status <> 'pending'
          and (coalesce(o.sent_at, o.created_at) <= ${cutoff.toISOString()}::timestamptz
               or o.user_id in (select id from users where erased_at is not null))
        returning o.user_id`,
    }),
  )
}

// In this order: held data first, then the lifting of holds that just ended.
export const RETENTION_TASKS: readonly Task[] = [
  { name: 'vpn-sessions', rule: 'vpn_sessions_90_days', run: purgeVpnSessions },
  { name: 'traffic', rule: 'current_month', periodOptional: true, run: resetTraffic },
  { name: 'contact-messages', rule: 'contact_messages_after_answer', run: purgeContactMessages },
  { name: 'payments', rule: 'statutory_tax', run: purgePayments },
  { name: 'consents', rule: 'consent_proof', run: purgeHeldConsents },
  { name: 'archive', rule: 'archive_conflict_resolution', run: purgeArchive },
  { name: 'request-records', rule: 'requests_records', run: purgeRequestRecords },
  { name: 'legal-holds', rule: null, run: liftEndedHolds },
  { name: 'unconfirmed-signups', rule: 'unconfirmed_signups', run: purgeUnconfirmedSignups },
  { name: 'expired-credentials', rule: 'expired_credentials', periodOptional: true, run: purgeExpiredCredentials },
  { name: 'sent-emails', rule: 'sent_emails', run: purgeSentEmails },
]

/** Runs every retention task (or the named ones) once; a failing task does not stop the others. */
export async function runRetention({ now, runId = `retention:${randomUUID()}`, only }: RetentionInput & { only?: string[] }): Promise<TaskResult[]> {
  const results: TaskResult[] = []
  const errors: unknown[] = []
  for (const task of RETENTION_TASKS) {
    if (only && !only.includes(task.name)) continue
    const rule = task.rule ? await ruleBySlug(db, task.rule) : NO_RULE
    if (!rule || (task.rule && !rule.period && !task.periodOptional)) {
      // the DPO may have removed the period: then nothing has expired under it
      results.push({ task: task.name, ruleSlug: task.rule ?? NO_RULE.slug, rows: 0, skipped: rule ? 'the rule has no period' : 'the rule is not in the registry' })
      continue
    }
    try {
      results.push({ task: task.name, ruleSlug: rule.slug, rows: await task.run({ now, runId, rule }) })
    } catch (error) {
      errors.push(error)
      results.push({ task: task.name, ruleSlug: rule.slug, rows: 0, skipped: 'failed' })
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, `${errors.length} retention task(s) failed`)
  return results
}

// --- Reading receipts ----------------------------------------------------------------------------

/** A customer's own receipts, newest first (shown with their requests). */
export function listOwnDeletionReceipts({ userId, limit = 200, language = FALLBACK_LANGUAGE }: { userId: string; limit?: number; language?: Language }) {
  return db
    .select({
      id: deletionReceipts.id,
      ruleSlug: deletionReceipts.ruleSlug,
      ruleName: registryTextSql(sql`${retentionRules.name}`, sql`${retentionRules.nameDe}`, language),
      tableName: deletionReceipts.tableName,
      rowCount: deletionReceipts.rowCount,
      requestNumber: dataSubjectRequests.number,
      details: deletionReceipts.details,
      createdAt: deletionReceipts.createdAt,
    })
    .from(deletionReceipts)
    .leftJoin(retentionRules, eq(retentionRules.id, deletionReceipts.retentionRuleId))
    .leftJoin(dataSubjectRequests, eq(dataSubjectRequests.id, deletionReceipts.requestId))
    .where(eq(deletionReceipts.userId, userId))
    .orderBy(desc(deletionReceipts.createdAt), desc(deletionReceipts.id))
    .limit(limit)
}

/** For the DPO: receipts summed per run, rule and table (per-person receipts are not listed one by one). */
export function summariseDeletionReceipts({ limit = 200, language = FALLBACK_LANGUAGE }: { limit?: number; language?: Language } = {}) {
  return db
    .select({
      runId: deletionReceipts.runId,
      ruleSlug: deletionReceipts.ruleSlug,
      ruleName: registryTextSql(sql`${retentionRules.name}`, sql`${retentionRules.nameDe}`, language),
      tableName: deletionReceipts.tableName,
      rowCount: sql<number>`sum(${deletionReceipts.rowCount})::int`,
      people: sql<number>`count(distinct ${deletionReceipts.userId})::int`,
      at: sql<Date>`max(${deletionReceipts.createdAt})`.mapWith((v: string) => new Date(v)),
      // the request an erasure answered, by the number people know it by
      requestNumber: sql<string | null>`max(${dataSubjectRequests.number})`,
    })
    .from(deletionReceipts)
    .leftJoin(retentionRules, eq(retentionRules.id, deletionReceipts.retentionRuleId))
    .leftJoin(dataSubjectRequests, eq(dataSubjectRequests.id, deletionReceipts.requestId))
    .groupBy(deletionReceipts.runId, deletionReceipts.ruleSlug, retentionRules.name, retentionRules.nameDe, deletionReceipts.tableName)
    .orderBy(desc(sql`max(${deletionReceipts.createdAt})`))
    .limit(limit)
}

/** For the DPO: data kept only under a legal hold, with the date each hold ends. */
export async function listLegalHolds({ limit = 200, language = FALLBACK_LANGUAGE }: { limit?: number; language?: Language } = {}) {
  return db.execute<{
    id: number
    user_id: string | null
    category_slug: string
    category_name: string | null
    rule_name: string | null
    legal_reason: string | null
    ends_at: string | null
    created_at: string
    request_number: string | null
  }>(sql`
    select r.id, r.user_id, r.category_slug, ${registryTextSql(sql`c.name`, sql`c.name_de`, language)} as category_name,
           ${registryTextSql(sql`rr.name`, sql`rr.name_de`, language)} as rule_name, ${registryTextSql(sql`rr.legal_reason`, sql`rr.legal_reason_de`, language)} as legal_reason,
           r.ends_at, r.created_at, d.number as request_number
    from restrictions r
    left join retention_rules rr on rr.id = r.retention_rule_id
    left join data_categories c on c.slug = r.category_slug
    left join data_subject_requests d on d.id = r.request_id
    where r.reason = 'legal_hold' and r.lifted_at is null
    order by r.ends_at nulls last, r.id
    limit ${limit}`)
}
