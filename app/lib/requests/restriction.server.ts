// Restriction of processing (Art. 18): data that is kept but excluded from everything else. Anything that
// processes a person's data beyond storing and showing it (exports to recipients, analytics, retention
// deletion, the DPO's bulk tools) asks isRestricted first; SQL can ask is_restricted(user, category, row).
import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import { restrictions } from '#db/schema'

export type RestrictionReason = (typeof restrictions.$inferSelect)['reason']
export type Restriction = typeof restrictions.$inferSelect

const active = () => and(isNull(restrictions.liftedAt), or(isNull(restrictions.endsAt), gt(restrictions.endsAt, sql`now()`)))

export async function restrict(
  executor: Executor,
  input: { userId: string; categorySlug: string; rowId?: string | null; reason: RestrictionReason; requestId?: number | null; note?: string | null; endsAt?: Date | null },
) {
  const [row] = await executor
    .insert(restrictions)
    .values({
      userId: input.userId,
      categorySlug: input.categorySlug,
      rowId: input.rowId ?? null,
      reason: input.reason,
      requestId: input.requestId ?? null,
      note: input.note ?? null,
      endsAt: input.endsAt ?? null,
    })
    .returning()
  return row
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

