// Restriction of processing (Art. 18): data that is kept but excluded from everything else. Anything that
// processes a person's data beyond storing and showing it (exports to recipients, analytics, retention
// deletion, the DPO's bulk tools) asks isRestricted first; SQL can ask is_restricted(user, category, row).
import { and, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import { restrictions } from '#db/schema'

export type RestrictionReason = (typeof restrictions.$inferSelect)['reason']
export type Restriction = typeof restrictions.$inferSelect

const active = () => and(isNull(restrictions.liftedAt), or(isNull(restrictions.endsAt), gt(restrictions.endsAt, sql`now()`)))

// The restrictions table is written only here (scripts/check-table-owners.ts, decision 090).

export interface NewRestriction {
  /** the account; people without one are restricted under the email address they confirmed */
  userId?: string | null
  email?: string | null
  categorySlug: string
  rowId?: string | null
  reason: RestrictionReason
  requestId?: number | null
  /** a legal hold names the registry's retention rule it keeps the data under */
  retentionRuleId?: number | null
  note?: string | null
  endsAt?: Date | null
  createdAt?: Date
}

function valuesOf(input: NewRestriction) {
  if (!input.userId && !input.email) throw new Error('A restriction needs an account or an email address.')
  return {
    userId: input.userId ?? null,
    email: input.userId ? null : (input.email ?? null),
    categorySlug: input.categorySlug,
    rowId: input.rowId ?? null,
    reason: input.reason,
    requestId: input.requestId ?? null,
    retentionRuleId: input.retentionRuleId ?? null,
    note: input.note ?? null,
    endsAt: input.endsAt ?? null,
    ...(input.createdAt ? { createdAt: input.createdAt } : {}),
  }
}

export async function restrict(executor: Executor, input: NewRestriction) {
  const [row] = await executor.insert(restrictions).values(valuesOf(input)).returning()
  return row
}

/** What an erasure keeps under legal holds (reason legal_hold), blocked for anything else until each ends. */
export async function placeLegalHolds(executor: Executor, holds: (Omit<NewRestriction, 'reason'> & { userId: string })[]) {
  if (holds.length === 0) return 0
  const rows = await executor
    .insert(restrictions)
    .values(holds.map((h) => valuesOf({ ...h, reason: 'legal_hold' })))
    .returning({ id: restrictions.id })
  return rows.length
}

/** The retention job: legal holds whose end date has passed are lifted (the held rows go by their own rule). */
export async function liftEndedLegalHolds(executor: Executor, { now }: { now: Date }) {
  const lifted = await executor
    .update(restrictions)
    .set({ liftedAt: now })
    .where(and(eq(restrictions.reason, 'legal_hold'), isNull(restrictions.liftedAt), lte(restrictions.endsAt, now)))
    .returning({ id: restrictions.id })
  return lifted.length
}

/** An erasure of the whole person: their restrictions go with the data they protected (legal holds are placed anew). */
export async function deleteRestrictionsOf(executor: Executor, { userId, email }: { userId?: string | null; email?: string | null }) {
  const owner = [userId ? eq(restrictions.userId, userId) : undefined, email ? sql`lower(${restrictions.email}) = lower(${email})` : undefined].filter(
    (c): c is NonNullable<typeof c> => c !== undefined,
  )
  if (owner.length === 0) return 0
  const deleted = await executor.delete(restrictions).where(or(...owner)).returning({ id: restrictions.id })
  return deleted.length
}

/** Lifts the active restrictions a request imposed; returns how many. */
export async function liftRestriction(executor: Executor, { requestId, userId }: { requestId: number; userId: string }) {
  const lifted = await executor
    .update(restrictions)
    .set({ liftedAt: new Date() })
    .where(and(eq(restrictions.requestId, requestId), eq(restrictions.userId, userId), isNull(restrictions.liftedAt)))
    .returning({ id: restrictions.id })
  return lifted.length
}

/** Is this item (or its whole category, when rowId is left out) restricted now? */
export async function isRestricted(
  { userId, categorySlug, rowId }: { userId: string; categorySlug: string; rowId?: string | null },
  executor: Executor = db,
) {
  const [row] = await executor
    .select({ id: restrictions.id })
    .from(restrictions)
    .where(
      and(
        eq(restrictions.userId, userId),
        eq(restrictions.categorySlug, categorySlug),
        rowId ? or(isNull(restrictions.rowId), eq(restrictions.rowId, rowId)) : isNull(restrictions.rowId),
        active(),
      ),
    )
    .limit(1)
  return Boolean(row)
}

/** The person's active restrictions, newest first. */
export function listRestrictions({ userId }: { userId: string }, executor: Executor = db) {
  return executor
    .select()
    .from(restrictions)
    .where(and(eq(restrictions.userId, userId), active()))
    .orderBy(desc(restrictions.createdAt), desc(restrictions.id))
}

