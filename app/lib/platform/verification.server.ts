// Emailed 6-digit codes that prove control of an address (signup, email change, requests without an
// account, sign-in by code), and decoys that behave like them where a real code would reveal an account.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto'
import { and, eq, isNull, sql } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import { emailVerifications } from '#db/schema'
import { loadEnv } from './env.server'
import { msg } from '~/i18n/translate'

export const CODE_TTL_MINUTES = 15
export const MAX_CODE_ATTEMPTS = 5

type Purpose = (typeof emailVerifications.$inferSelect)['purpose']

function hashCode(id: string, code: string) {
  return createHmac('sha256', loadEnv().SESSION_SECRET).update(`${id}:${code}`).digest('base64url')
}

export function newVerificationId() {
  return randomBytes(18).toString('base64url')
}

export async function createVerificationCode(
  executor: Executor,
  { userId, email, purpose, ttlMinutes = CODE_TTL_MINUTES }: { userId: string | null; email: string; purpose: Purpose; ttlMinutes?: number },
) {
  const id = newVerificationId()
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  // a new code replaces any earlier one for the same purpose
  if (userId) {
    await executor
      .update(emailVerifications)
      .set({ consumedAt: new Date() })
      .where(and(eq(emailVerifications.userId, userId), eq(emailVerifications.purpose, purpose), isNull(emailVerifications.consumedAt)))
  }
  await executor.insert(emailVerifications).values({
    id,
    userId,
    email,
    purpose,
    codeHash: hashCode(id, code),
    expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
  })
  return { id, code }
}

/**
 * A code that was never sent and that no input matches: where a real code would only exist for an
 * account, this one stands in, so wrong tries, the try limit, expiry and resending answer exactly alike.
 * It keeps no address.
 */
export async function createDecoyVerification(executor: Executor, { purpose, ttlMinutes = CODE_TTL_MINUTES }: { purpose: Purpose; ttlMinutes?: number }) {
  const id = newVerificationId()
  await executor.insert(emailVerifications).values({
    id,
    userId: null,
    email: '',
    purpose,
    // random, of the same shape as a real hash: no code hashes to it
    codeHash: randomBytes(32).toString('base64url'),
    expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
  })
  return { id }
}

/** Ends a code before its time (a decoy replaced by the next one, as a real code is). */
export async function consumeVerification(executor: Executor, { id, purpose }: { id: string; purpose: Purpose }) {
  await executor
    .update(emailVerifications)
    .set({ consumedAt: new Date() })
    .where(and(eq(emailVerifications.id, id), eq(emailVerifications.purpose, purpose), isNull(emailVerifications.consumedAt)))
}

export type CodeCheck =
  | { ok: true; userId: string | null; email: string }
  | { ok: false; reason: 'wrong' | 'expired' | 'exhausted' }

// Checks a code and consumes it on success; every wrong try counts against the code.
export async function checkVerificationCode({ id, code, purpose }: { id: string; code: string; purpose: Purpose }): Promise<CodeCheck> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(emailVerifications)
      .where(and(eq(emailVerifications.id, id), eq(emailVerifications.purpose, purpose)))
      .for('update')
    if (!row || row.consumedAt || row.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired' } as const
    if (row.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, reason: 'exhausted' } as const
    const expected = Buffer.from(row.codeHash)
    const given = Buffer.from(hashCode(id, code))
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      await tx
        .update(emailVerifications)
        .set({ attempts: sql`${emailVerifications.attempts} + 1` })
        .where(eq(emailVerifications.id, id))
      return { ok: false, reason: row.attempts + 1 >= MAX_CODE_ATTEMPTS ? 'exhausted' : 'wrong' } as const
    }
    await tx.update(emailVerifications).set({ consumedAt: new Date() }).where(eq(emailVerifications.id, id))
    return { ok: true, userId: row.userId, email: row.email } as const
  })
}

// message keys, put into words in the page's language; the same for a real code and a decoy
export const CODE_MESSAGES: Record<'wrong' | 'expired' | 'exhausted', string> = {
  wrong: msg('auth:codeCheck.wrong'),
  expired: msg('auth:codeCheck.expired'),
  exhausted: msg('auth:codeCheck.exhausted'),
}
