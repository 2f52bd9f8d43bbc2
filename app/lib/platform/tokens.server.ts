// Signed single-purpose tokens for links that must work without logging in (feed confirmation,
// unsubscribe). A token names its purpose and subject and carries its expiry; the HMAC key is
// derived per purpose, so a token minted for one purpose never verifies for another. Single use is
// enforced by the state the token points at (a confirmed or deleted subscription), not by the token.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { loadEnv } from './env.server'

export type TokenPurpose = 'feed-confirm' | 'feed-unsubscribe' | 'email-change-report'

export type TokenCheck = { ok: true; subject: string } | { ok: false; reason: 'invalid' | 'expired' }

// Tokens are short strings in URLs; anything longer is not one of ours.
const MAX_TOKEN_LENGTH = 200
const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/

function signature(purpose: TokenPurpose, payload: string) {
  const key = createHmac('sha256', loadEnv().SESSION_SECRET).update(`token-key:${purpose}`).digest()
  return createHmac('sha256', key).update(payload).digest('base64url')
}

export function signToken({ purpose, subject, expiresAt }: { purpose: TokenPurpose; subject: string; expiresAt: Date }) {
  const payload = Buffer.from(JSON.stringify({ s: subject, e: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url')
  return `${payload}.${signature(purpose, payload)}`
}

export function verifyToken({ purpose, token, now = new Date() }: { purpose: TokenPurpose; token: string | null | undefined; now?: Date }): TokenCheck {
  if (!token || token.length > MAX_TOKEN_LENGTH || !TOKEN_SHAPE.test(token)) return { ok: false, reason: 'invalid' }
  const [payload, given] = token.split('.')
  const expected = Buffer.from(signature(purpose, payload))
  const actual = Buffer.from(given)
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return { ok: false, reason: 'invalid' }
  let claims: unknown
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
  } catch {
    return { ok: false, reason: 'invalid' }
  }
  if (!isClaims(claims)) return { ok: false, reason: 'invalid' }
  if (claims.e * 1000 <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, subject: claims.s }
}

function isClaims(value: unknown): value is { s: string; e: number } {
  if (typeof value !== 'object' || value === null) return false
  const { s, e } = value as Record<string, unknown>
  return typeof s === 'string' && typeof e === 'number' && Number.isSafeInteger(e)
}
