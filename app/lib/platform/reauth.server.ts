// Sensitive steps (download a copy, change the email, cancel the account) ask for the password again
// (Art. 12(6): identity, without ID documents). A confirmation counts for REAUTH_MINUTES.
import type { AppLoadContext } from '@remix-run/node'
import { verifyUserPassword } from './accounts.server'
import { markReauthenticated } from './auth.server'
import { hit, keyed, refund, type Limit } from './rate-limit.server'
import { msg } from '~/i18n/translate'

export const REAUTH_MINUTES = 5
const REAUTH_FAILURES: Limit = { bucket: 'reauth-fail-account', max: 10, windowSeconds: 900 }

export function hasRecentReauth(context: AppLoadContext) {
  const at = context.auth?.session.reauthenticatedAt
  return Boolean(at && Date.now() - new Date(at).getTime() < REAUTH_MINUTES * 60_000)
}

// `reason` lets each page put the refusal into its own words; `message` is a catalogue key (validation:reauth.*)
export type PasswordCheck = { ok: true } | { ok: false; reason: 'logged_out' | 'locked' | 'wrong'; message: string }

// Checks the password typed into a sensitive form; wrong tries are limited per account.
export async function confirmPassword(context: AppLoadContext, password: string): Promise<PasswordCheck> {
  if (!context.auth) return { ok: false, reason: 'logged_out', message: msg('validation:reauth.loggedOut') }
  const key = keyed('reauth', context.auth.user.id)
  // the slot is taken before the check, so parallel tries cannot all pass a separate read
  if (await hit(REAUTH_FAILURES, key)) return { ok: false, reason: 'locked', message: msg('validation:reauth.locked') }
  if (!(await verifyUserPassword({ userId: context.auth.user.id, password }))) return { ok: false, reason: 'wrong', message: msg('validation:reauth.wrong') }
  await refund(REAUTH_FAILURES, key)
  await markReauthenticated(context.auth.session.id)
  return { ok: true }
}
