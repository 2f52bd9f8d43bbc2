// Account cancellation: the customer sees what will be deleted and what is kept (legal holds, from the
// registry and their actual rows), confirms with the password, and may undo it during a cooling-off
// period. Then one transaction ends every session, deletes list 1 through the erasure engine
// (erasure.server.ts, the same code as every other erasure), restricts list 2, closes the account's other
// open requests, writes the final email to the address on file and only then erases that address. A crash
// rolls all of it back; a rerun finds nothing left to do.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import { db, type Executor, type Transaction } from '#db/client.server'
import { accountCancellations, dataCategories, dataSubjectRequests, dsrEvents, retentionRules, users } from '#db/schema'
import { RETENTION_REASON, withChangeContext } from '../requests/archive.server'
import { eraseOwnedRows } from './erasure.server'
import { isErasureMode, type ErasureMode } from '../domain/erasure'
import { closeOpenRequestsOfErasedAccount, createRequest, recordEvent, transitionRequest, type Actor } from '../requests/dsr.server'
import { rowsOwnedBy } from '../requests/ownership.server'
import { sendEmail } from '../platform/email.server'
import { absoluteUrl } from '../platform/env.server'
import { formatDate, formatDateTime } from '../domain/format'
import { fixedT } from '../platform/i18n.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { PERSONAL_DATA_TABLES, type PersonalDataTable } from '../requests/personal-data-tables'
import { getRegistrySetting, localizeRetentionRule, registryText } from '../registry/registry.server'
import { placeLegalHolds } from '../requests/restriction.server'
import { holdEndsAt, RETENTION_TIME_ZONE, SYSTEM_ACTOR } from './retention.server'

export const DEFAULT_COOLING_OFF_DAYS = 14
export const CANCELLATION_RECEIPT_RULE = 'account_cancellation'
// what a cancelled account's row keeps instead of a password hash: no password ever matches it
const ERASED_PASSWORD_HASH = '!erased'

// Records linked to the account that belong to no data category of the registry.
const OTHER_RECORD_LABELS: Record<string, string> = {
  sessions: 'Sign-in sessions',
  email_verifications: 'Confirmation codes',
  outbox_messages: 'Copies of emails we sent you',
  policy_notices: 'Records of the policy-change notices we sent you',
  supplementary_statements: 'Your supplementary statements',
  restrictions: 'Restrictions of processing',
}
const REQUEST_RECORDS_LABEL = 'Your privacy requests, their history and the receipts of deletions'
// The same records in the emails, in the customer's language.
const RECORD_LABEL_KEYS: Record<string, string> = {
  sessions: 'emails:cancellation.records.sessions',
  email_verifications: 'emails:cancellation.records.email_verifications',
  outbox_messages: 'emails:cancellation.records.outbox_messages',
  policy_notices: 'emails:cancellation.records.policy_notices',
  supplementary_statements: 'emails:cancellation.records.supplementary_statements',
  restrictions: 'emails:cancellation.records.restrictions',
  requests: 'emails:cancellation.records.requests',
}

// --- The three lists ---------------------------------------------------------------------------------

export interface PlanItem {
  label: string
  rows: number
  /** the label's message key, where the label is ours rather than a registry category's name */
  labelKey?: string
  /** the data category, or the table for records outside the categories */
  categorySlug?: string
  anonymised?: boolean
}

export interface PlanHold {
  ruleId: number
  ruleSlug: string
  name: string
  description: string
  legalReason: string | null
  period: string | null
  /** the latest moment anything kept under this hold is deleted; null when the rule names no period */
  until: Date | null
  items: (PlanItem & { categorySlug: string })[]
}

export interface CancellationPlan {
  toDelete: PlanItem[]
  toKeep: PlanHold[]
}

interface Person {
  userId: string
  email: string
}

function labelOf(t: PersonalDataTable, categoryNames: Map<string, string>) {
  if (t.categorySlug === 'requests') return REQUEST_RECORDS_LABEL
  if (t.categorySlug) return categoryNames.get(t.categorySlug) ?? t.categorySlug
  return OTHER_RECORD_LABELS[t.table] ?? t.table.replace(/_/g, ' ')
}

function labelKeyOf(t: PersonalDataTable) {
  return t.categorySlug === 'requests' ? RECORD_LABEL_KEYS.requests : t.categorySlug ? undefined : RECORD_LABEL_KEYS[t.table]
}

// The registry's rules and category names in the reader's language (the German columns, English where they are empty).
async function loadRegistry(executor: Executor, language: Language = FALLBACK_LANGUAGE) {
  const [rules, categories] = await Promise.all([
    executor.select().from(retentionRules),
    executor.select({ slug: dataCategories.slug, name: dataCategories.name, nameDe: dataCategories.nameDe }).from(dataCategories).orderBy(asc(dataCategories.sortOrder)),
  ])
  return {
    rules: new Map(rules.map((r) => [r.slug, localizeRetentionRule(r, language)])),
    categoryNames: new Map(categories.map((c) => [c.slug, registryText(c.name, c.nameDe, language)])),
  }
}

type Registry = Awaited<ReturnType<typeof loadRegistry>>

// A table is kept when the classification names a legal hold AND the registry still marks that rule as one.
function holdOf(t: PersonalDataTable, registry: Registry) {
  const rule = t.legalHold ? registry.rules.get(t.legalHold) : undefined
  return rule?.isLegalHold ? rule : null
}

/**
 * The lists the customer sees before confirming, from the registry and their actual rows. `holdsOnly`: count
 * just the kept tables (the erasure itself counts what it deletes).
 */
export async function planCancellation(
  executor: Executor,
  { person, effectiveAt, holdsOnly = false, language = FALLBACK_LANGUAGE }: { person: Person; effectiveAt: Date; holdsOnly?: boolean; language?: Language },
): Promise<CancellationPlan> {
  const registry = await loadRegistry(executor, language)
  const counts = new Map<string, number>()
  for (const t of PERSONAL_DATA_TABLES) {
    if (holdsOnly && !holdOf(t, registry)) continue
    const [{ n }] = await executor.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t.table)} where ${rowsOwnedBy(t, person)}`)
    counts.set(t.table, n)
  }
  const toKeep = new Map<string, PlanHold>()
  for (const t of PERSONAL_DATA_TABLES) {
    const rule = holdOf(t, registry)
    const n = counts.get(t.table) ?? 0
    if (!rule || n === 0) continue
    const hold =
      toKeep.get(rule.slug) ??
      ({
        ruleId: rule.id,
        ruleSlug: rule.slug,
        name: rule.name,
        description: rule.description,
        legalReason: rule.legalReason,
        period: rule.period,
        until: await holdEndsAt(executor, { ruleSlug: rule.slug, period: rule.period, since: effectiveAt }),
        items: [],
      } satisfies PlanHold)
    const label = labelOf(t, registry.categoryNames)
    const item = hold.items.find((i) => i.label === label)
    if (item) item.rows += n
    else hold.items.push({ label, labelKey: labelKeyOf(t), rows: n, categorySlug: t.categorySlug ?? t.table })
    toKeep.set(rule.slug, hold)
  }
  return { toDelete: deletionList(counts, registry), toKeep: [...toKeep.values()] }
}

// Rows per table, grouped as the customer reads them (data categories, then other records).
function deletionList(counts: Map<string, number>, registry: Registry): PlanItem[] {
  const toDelete = new Map<string, PlanItem>()
  for (const t of PERSONAL_DATA_TABLES) {
    const n = counts.get(t.table) ?? 0
    if (n === 0 || holdOf(t, registry)) continue
    const label = labelOf(t, registry.categoryNames)
    const item = toDelete.get(label) ?? { label, labelKey: labelKeyOf(t), rows: 0, categorySlug: t.categorySlug ?? t.table }
    // the account counts once, whatever else (the cancellation itself) is filed under its category
    item.rows += t.categorySlug === 'account' && t.table !== 'users' ? 0 : n
    toDelete.set(label, item)
  }
  return [...toDelete.values()]
}

// The plan was made in the customer's language; our own record labels are put into it too.
function describeForEmail(plan: CancellationPlan, language: Language) {
  const t = fixedT(language)
  const what = (i: PlanItem) => (i.labelKey ? t(i.labelKey) : i.label)
  return {
    deleted: plan.toDelete.map((i) => ({ what: what(i), rows: i.rows, anonymised: i.anonymised })),
    kept: plan.toKeep.flatMap((h) => h.items.map((i) => ({ what: what(i), rows: i.rows, until: h.until, rule: h.description, reason: h.legalReason ?? h.description }))),
  }
}

// --- Scheduling and undoing ----------------------------------------------------------------------------

export async function getCoolingOffDays(executor: Executor = db) {
  const value = Number(await getRegistrySetting('cancellation_cooling_off_days', executor))
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_COOLING_OFF_DAYS
}

async function effectiveDate(executor: Executor, now: Date, days: number) {
  const [row] = await executor.execute<{ at: string }>(
    sql`select retention_end(${now.toISOString()}::timestamptz, make_interval(days => ${days}), ${RETENTION_TIME_ZONE}) as at`,
  )
  return new Date(row.at)
}

function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

async function pendingOf(executor: Executor, userId: string) {
  const [row] = await executor
    .select({ cancellation: accountCancellations, requestNumber: dataSubjectRequests.number })
    .from(accountCancellations)
    .leftJoin(dataSubjectRequests, eq(dataSubjectRequests.id, accountCancellations.requestId))
    .where(and(eq(accountCancellations.userId, userId), isNull(accountCancellations.undoneAt)))
    .orderBy(asc(accountCancellations.id))
    .limit(1)
  return row ?? null
}

async function requireCustomer(executor: Executor, userId: string, { lock = false } = {}) {
  const query = executor.select().from(users).where(and(eq(users.id, userId), eq(users.role, 'customer'), isNull(users.erasedAt)))
  const [user] = lock ? await query.for('update') : await query
  if (!user) throw new Error(`No customer account ${userId}`)
  return user
}

/** What /account/cancel shows: a pending cancellation, or the lists for cancelling now. */
export async function getCancellationOverview({ userId, now = new Date(), language = FALLBACK_LANGUAGE }: { userId: string; now?: Date; language?: Language }) {
  return db.transaction(async (tx) => {
    const user = await requireCustomer(tx, userId)
    const pending = await pendingOf(tx, userId)
    const coolingOffDays = await getCoolingOffDays(tx)
    const effectiveAt = pending?.cancellation.effectiveAt ?? (await effectiveDate(tx, now, coolingOffDays))
    const plan = await planCancellation(tx, { person: { userId, email: user.email }, effectiveAt, language })
    return {
      coolingOffDays,
      effectiveAt,
      pending: pending ? { effectiveAt: pending.cancellation.effectiveAt, requestNumber: pending.requestNumber } : null,
      plan,
    }
  })
}

export type ScheduleResult = { ok: true; effectiveAt: Date; requestNumber: string } | { ok: false; reason: 'pending' }

/** Call after the password was confirmed. Emails the undo link; nothing is deleted yet. */
export async function scheduleCancellation({
  userId,
  forumMode = 'delete',
  actor,
  now = new Date(),
}: {
  userId: string
  forumMode?: ErasureMode
  actor: Actor
  now?: Date
}): Promise<ScheduleResult> {
  return db.transaction(async (tx) => {
    const user = await requireCustomer(tx, userId, { lock: true })
    if (user.status !== 'active' || (await pendingOf(tx, userId))) return { ok: false, reason: 'pending' } as const
    const coolingOffDays = await getCoolingOffDays(tx)
    const effectiveAt = await effectiveDate(tx, now, coolingOffDays)
    const token = randomBytes(32).toString('base64url')
    const request = await createRequest(tx, { userId, type: 'erasure', status: 'in_progress', subject: 'Account cancellation', receivedAt: now, actor })
    await recordEvent(tx, {
      requestId: request.id,
      kind: 'cancellation_scheduled',
      actor,
      note: `The account is erased on ${formatDateTime(effectiveAt)} unless the cancellation is undone before.`,
      data: { effectiveAt: effectiveAt.toISOString(), coolingOffDays, forumMode },
    })
    await tx.insert(accountCancellations).values({ userId, requestId: request.id, requestedAt: now, effectiveAt, undoTokenHash: hashToken(token) })
    await withChangeContext(tx, { actor, reason: `Account cancellation requested (${request.number})` })
    await tx.update(users).set({ status: 'cancellation_pending', updatedAt: now }).where(eq(users.id, userId))
    const plan = await planCancellation(tx, { person: { userId, email: user.email }, effectiveAt, language: user.language })
    await sendEmail(tx, {
      to: user.email,
      userId,
      language: user.language,
      template: 'cancellation-scheduled',
      props: {
        username: user.username,
        effectiveAt,
        coolingOffDays,
        undoUrl: absoluteUrl(`/account/cancel/undo/${token}`),
        requestNumber: request.number,
        ...describeForEmail(plan, user.language),
      },
    })
    return { ok: true, effectiveAt, requestNumber: request.number } as const
  })
}

export type UndoState = { state: 'pending'; effectiveAt: Date } | { state: 'invalid' | 'used' | 'ended' }

async function findByToken(executor: Executor, token: string, { lock = false } = {}) {
  if (!TOKEN_SHAPE.test(token)) return null
  const hash = hashToken(token)
  const query = executor.select().from(accountCancellations).where(eq(accountCancellations.undoTokenHash, hash))
  const [row] = lock ? await query.for('update') : await query
  // the lookup was by hash already; comparing again in constant time costs nothing
  if (!row || !timingSafeEqual(Buffer.from(row.undoTokenHash), Buffer.from(hash))) return null
  return row
}

function stateOf(row: typeof accountCancellations.$inferSelect | null, now: Date): UndoState {
  if (!row) return { state: 'invalid' }
  if (row.undoneAt) return { state: 'used' }
  if (row.effectiveAt.getTime() <= now.getTime()) return { state: 'ended' }
  return { state: 'pending', effectiveAt: row.effectiveAt }
}

/** What the undo link points at, without changing anything (mail scanners open links too). */
export async function checkUndoToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<UndoState> {
  return stateOf(await findByToken(db, token), now)
}

async function undo(tx: Transaction, row: typeof accountCancellations.$inferSelect, actor: Actor, now: Date) {
  await tx.update(accountCancellations).set({ undoneAt: now }).where(eq(accountCancellations.id, row.id))
  await withChangeContext(tx, { actor, reason: 'Account cancellation undone' })
  await tx.update(users).set({ status: 'active', updatedAt: now }).where(eq(users.id, row.userId))
  if (row.requestId) {
    await recordEvent(tx, { requestId: row.requestId, kind: 'cancellation_undone', actor })
    await transitionRequest(tx, { requestId: row.requestId, to: 'withdrawn', actor })
  }
}

/** The link in the email: works once, and only before the cancellation takes effect. */
export async function undoCancellationByToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<UndoState> {
  return db.transaction(async (tx) => {
    const row = await findByToken(tx, token, { lock: true })
    const state = stateOf(row, now)
    if (state.state !== 'pending' || !row) return state
    // whoever holds the link controls the mailbox of the account
    await undo(tx, row, { type: 'customer', id: row.userId }, now)
    return state
  })
}

/** The same from the logged-in account page. */
export async function undoOwnCancellation({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<UndoState> {
  return db.transaction(async (tx) => {
    const pending = await pendingOf(tx, userId)
    if (!pending) return { state: 'invalid' } as const
    const [row] = await tx.select().from(accountCancellations).where(eq(accountCancellations.id, pending.cancellation.id)).for('update')
    const state = stateOf(row ?? null, now)
    if (state.state !== 'pending') return state
    await undo(tx, row, { type: 'customer', id: userId }, now)
    return state
  })
}

// --- Completion ---------------------------------------------------------------------------------------

async function forumModeOf(tx: Transaction, requestId: number | null): Promise<ErasureMode> {
  if (!requestId) return 'delete'
  const [event] = await tx
    .select({ data: dsrEvents.data })
    .from(dsrEvents)
    .where(and(eq(dsrEvents.requestId, requestId), eq(dsrEvents.kind, 'cancellation_scheduled')))
    .limit(1)
  const mode = (event?.data as { forumMode?: unknown } | null)?.forumMode
  return isErasureMode(mode) ? mode : 'delete'
}

async function cancellationRequest(tx: Transaction, cancellation: typeof accountCancellations.$inferSelect, now: Date) {
  const [request] = cancellation.requestId
    ? await tx.select({ id: dataSubjectRequests.id, number: dataSubjectRequests.number }).from(dataSubjectRequests).where(eq(dataSubjectRequests.id, cancellation.requestId))
    : []
  if (request) return request
  const created = await createRequest(tx, { userId: cancellation.userId, type: 'erasure', status: 'in_progress', subject: 'Account cancellation', receivedAt: now, actor: SYSTEM_ACTOR })
  return { id: created.id, number: created.number }
}

export type CompletionResult = { completed: true; userId: string; deleted: Record<string, number> } | { completed: false }

/**
 * Erases one account whose cooling-off period has ended, in ONE transaction. Idempotent: an undone,
 * completed, not yet due or concurrently handled cancellation is left alone.
 */
export async function completeCancellation({ cancellationId, now = new Date() }: { cancellationId: number; now?: Date }): Promise<CompletionResult> {
  return db.transaction(async (tx) => {
    const [cancellation] = await tx
      .select()
      .from(accountCancellations)
      .where(
        and(
          eq(accountCancellations.id, cancellationId),
          isNull(accountCancellations.undoneAt),
          lte(accountCancellations.effectiveAt, now),
        ),
      )
      .for('update', { skipLocked: true })
    if (!cancellation) return { completed: false } as const
    const user = await requireCustomer(tx, cancellation.userId)
    const person = { userId: user.id, email: user.email }
    const actor = SYSTEM_ACTOR
    // the request the erasure carries out: the one filed when it was scheduled (made anew if retention removed it)
    const request = await cancellationRequest(tx, cancellation, now)
    const requestId = request.id
    // erasure is the end of the data's storage: the archive keeps no copy of it (decision 050)
    await withChangeContext(tx, { actor, reason: RETENTION_REASON })

    // nobody is left to answer the account's other open requests: they close with the reason, not overdue
    await closeOpenRequestsOfErasedAccount(tx, {
      userId: user.id,
      except: requestId,
      actor,
      reason: `Closed without a decision: the account was erased on ${formatDate(now)} when its cancellation (${request.number}) took effect, so no data is left to act on and nobody to answer.`,
    })

    const plan = await planCancellation(tx, { person, effectiveAt: now, holdsOnly: true })
    const forumMode = await forumModeOf(tx, requestId)
    const registry = await loadRegistry(tx)
    const deleted: Record<string, number> = {}
    for (const t of PERSONAL_DATA_TABLES) {
      // the account row becomes a tombstone below, after the final email has been written
      if (t.table === 'users' || holdOf(t, registry)) continue
      // with the sessions gone nobody is logged in any more; with the tombstone below nobody can log in again
      const { rows } = await eraseOwnedRows(tx, { owner: person, table: t.table, mode: forumMode, requestId, actor, receiptRule: CANCELLATION_RECEIPT_RULE })
      deleted[t.table] = rows
    }
    // what was deleted, in the registry's words of the records (English) and of the email (the customer's language)
    const deletedList = (names: Registry) =>
      deletionList(new Map([...Object.entries(deleted), ['users', 1]]), names).map((item) =>
        forumMode === 'anonymise' && item.label === names.categoryNames.get('forum_posts') ? { ...item, anonymised: true } : item,
      )
    plan.toDelete = deletedList(registry)
    const mailPlan =
      user.language === FALLBACK_LANGUAGE
        ? plan
        : { toDelete: deletedList(await loadRegistry(tx, user.language)), toKeep: (await planCancellation(tx, { person, effectiveAt: now, holdsOnly: true, language: user.language })).toKeep }

    // list 2: kept, blocked for any other processing, shown to the DPO with its end date
    await placeLegalHolds(
      tx,
      plan.toKeep.flatMap((hold) =>
        [...new Set(hold.items.map((i) => i.categorySlug))].map((categorySlug) => ({
          userId: user.id,
          categorySlug,
          requestId,
          retentionRuleId: hold.ruleId,
          endsAt: hold.until,
          note: hold.name,
          createdAt: now,
        })),
      ),
    )

    // written before the address is erased, delivered by the outbox afterwards (then purged by retention)
    await sendEmail(tx, {
      to: user.email,
      userId: user.id,
      language: user.language,
      template: 'cancellation-completed',
      props: { username: user.username, requestNumber: request.number, ...describeForEmail(mailPlan, user.language) },
    })

    await tx
      .update(users)
      .set({
        username: `erased-${user.id}`,
        email: `${user.id}@erased.invalid`,
        passwordHash: ERASED_PASSWORD_HASH,
        status: 'cancelled',
        erasedAt: now,
        emailVerifiedAt: null,
        accountExpiresAt: null,
        subscriptionActive: false,
        updatedAt: now,
      })
      .where(eq(users.id, user.id))

    await recordEvent(tx, {
      requestId,
      kind: 'account_erased',
      actor,
      data: { deleted, kept: plan.toKeep.map((h) => ({ rule: h.ruleSlug, until: h.until?.toISOString() ?? null, items: h.items })) },
    })
    await transitionRequest(tx, { requestId, to: 'completed', actor })
    return { completed: true, userId: user.id, deleted } as const
  })
}

/** The scheduled job: every cancellation whose cooling-off period has ended, each in its own transaction. */
export async function completeDueCancellations({ now = new Date() }: { now?: Date; runId?: string } = {}) {
  const due = await db
    .select({ id: accountCancellations.id })
    .from(accountCancellations)
    .where(and(isNull(accountCancellations.undoneAt), lte(accountCancellations.effectiveAt, now)))
    .orderBy(asc(accountCancellations.effectiveAt))
  let completed = 0
  for (const { id } of due) {
    if ((await completeCancellation({ cancellationId: id, now })).completed) completed++
  }
  return { due: due.length, completed }
}
