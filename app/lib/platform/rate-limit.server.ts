// Fixed-window rate limits kept in PostgreSQL, so they hold across processes and restarts.
import { createHmac } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { loadEnv } from './env.server'

// Keys are HMACs of the identifier (address, account, email): nothing personal is stored in clear.
export function keyed(kind: string, value: string) {
  return createHmac('sha256', loadEnv().SESSION_SECRET).update(`${kind}:${value.toLowerCase()}`).digest('base64url').slice(0, 32)
}

export interface Limit {
  bucket: string
  max: number
  windowSeconds: number
}

export const LIMITS = {
  // one bucket per account, whichever name (email or username) was typed; see accounts.server.ts
  loginFailuresPerAccount: { bucket: 'login-fail-account', max: 100, windowSeconds: 3600 },
  loginFailuresPerClient: { bucket: 'login-fail-client', max: 50, windowSeconds: 900 },
  signupPerClient: { bucket: 'signup-client', max: 20, windowSeconds: 3600 },
  codeResendPerClient: { bucket: 'code-resend-client', max: 10, windowSeconds: 3600 },
  loginCodesPerAddress: { bucket: 'login-code-address', max: 5, windowSeconds: 3600 },
  loginCodesPerAccount: { bucket: 'login-code-account', max: 5, windowSeconds: 3600 },
  loginCodesPerClient: { bucket: 'login-code-client', max: 10, windowSeconds: 3600 },
} satisfies Record<string, Limit>

function windowStart(limit: Limit, now = Date.now()) {
  return new Date(Math.floor(now / (limit.windowSeconds * 1000)) * limit.windowSeconds * 1000)
}

/**
 * Counts one attempt and returns true when it is over the limit. Counting and deciding are one
 * statement, so parallel requests each get their own number: at most `max` of them are let through.
 * Check with this before the work, never with a separate read.
 */
export async function hit(limit: Limit, key: string): Promise<boolean> {
  const rows = await db.execute<{ count: number }>(sql`
    insert into rate_limits (bucket, key_hash, window_start, count)
    values (${limit.bucket}, ${key}, ${windowStart(limit).toISOString()}, 1)
    on conflict (bucket, key_hash, window_start) do update set count = rate_limits.count + 1
    returning count`)
  return rows[0].count > limit.max
}

/** Gives back an attempt counted by hit() that turned out not to count (a login that succeeded). */
export async function refund(limit: Limit, key: string) {
  await db.execute(sql`
    update rate_limits set count = greatest(count - 1, 0)
    where bucket = ${limit.bucket} and key_hash = ${key} and window_start = ${windowStart(limit).toISOString()}`)
}
