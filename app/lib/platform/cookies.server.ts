import { createCookie } from '@remix-run/node'
import { loadEnv } from './env.server'

// Which pending email verification this browser is completing (the id only; the code is in the email).
export function pendingVerificationCookie() {
  return createCookie('__Host-verify', {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 30 * 60,
    secrets: [loadEnv().SESSION_SECRET],
  })
}
