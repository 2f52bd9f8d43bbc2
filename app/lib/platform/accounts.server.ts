// Customer accounts: sign-up with a confirmed email address, and password login without enumeration.
import { randomUUID } from 'node:crypto'
import { and, eq, isNotNull, ne, or, sql } from 'drizzle-orm'
import { db, type Transaction } from '#db/client.server'
import { emailVerifications, users } from '#db/schema'
import { renderEmail, sendEmail } from './email.server'
import { absoluteUrl } from './env.server'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.server'
import { hit, keyed, LIMITS, refund } from './rate-limit.server'
import { checkVerificationCode, CODE_TTL_MINUTES, consumeVerification, createDecoyVerification, createVerificationCode } from './verification.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { msg } from '~/i18n/translate'

const lower = (column: typeof users.username | typeof users.email) => sql`lower(${column})`

export type SignupResult = { ok: true; verificationId: string } | { ok: false; field: 'username'; message: string }

// Taken usernames are said (they are public in the forum anyway); a taken email address is not:
// that person gets an email instead, and every later screen (wrong code, too many tries, a new code)
// answers as for a new sign-up, because a decoy code stands in for the one never sent.
export async function registerCustomer(input: { username: string; email: string; password: string; language?: Language }): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const matches = await tx
      .select({ id: users.id, username: users.username, email: users.email, language: users.language })
      .from(users)
      .where(or(eq(lower(users.username), input.username.toLowerCase()), eq(lower(users.email), input.email)))
      .limit(2)
    // the username first, whoever holds the address: otherwise a taken address would silence this answer
    if (matches.some((m) => m.username.toLowerCase() === input.username.toLowerCase())) {
      return { ok: false, field: 'username', message: USERNAME_TAKEN } as const
    }
    const existing = matches[0]
    if (existing) {
      await sendEmail(tx, {
        to: existing.email,
        userId: existing.id,
        language: existing.language,
        template: 'account-exists',
        props: { username: existing.username, loginUrl: absoluteUrl('/login') },
      })
      const decoy = await createDecoyVerification(tx, { purpose: 'signup' })
      return { ok: true, verificationId: decoy.id } as const
    }
    const id = randomUUID()
    const now = new Date()
    // emails go out in the language of the page the customer signed up on (decision 015)
    const language = input.language ?? FALLBACK_LANGUAGE
    // a concurrent sign-up with the same name loses on the unique index instead of a duplicate
    const inserted = await tx
      .insert(users)
      .values({ id, username: input.username, email: input.email, passwordHash, role: 'customer', ageConfirmedAt: now, language })
      .onConflictDoNothing()
      .returning({ id: users.id })
    if (inserted.length === 0) return { ok: false, field: 'username', message: USERNAME_TAKEN } as const
    const verification = await sendSignupCode(tx, { userId: id, username: input.username, email: input.email, language })
    return { ok: true, verificationId: verification.id } as const
  })
}

// a message key, put into words in the page's language (app/locales/*/auth.json)
const USERNAME_TAKEN = msg('auth:signup.usernameTaken')

async function sendSignupCode(tx: Transaction, user: { userId: string; username: string; email: string; language: Language }) {
  const verification = await createVerificationCode(tx, { userId: user.userId, email: user.email, purpose: 'signup' })
  await sendEmail(tx, {
    to: user.email,
    userId: user.userId,
    language: user.language,
    template: 'verify-email',
    props: signupCodeProps({ username: user.username, code: verification.code }),
  })
  return verification
}

function signupCodeProps({ username, code }: { username: string; code: string }) {
  return { username, code, expiresInMinutes: CODE_TTL_MINUTES, verifyUrl: absoluteUrl('/verify-email') }
}

export async function confirmSignupEmail(userId: string) {
  await db
    .update(users)
    .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
    .where(eq(users.id, userId))
}

export type LoginResult =
  | { ok: true; userId: string; role: 'customer' | 'dpo' }
  | { ok: false; reason: 'invalid' | 'limited' }
  | { ok: false; reason: 'unverified'; verificationId: string }

const normalisedIdentifier = (identifier: string) => identifier.trim().toLowerCase()

function findAccountByIdentifier(identifier: string) {
  const needle = normalisedIdentifier(identifier)
  return db
    .select()
    .from(users)
    .where(or(eq(lower(users.email), needle), eq(lower(users.username), needle)))
    .limit(1)
    .then((rows) => rows[0] ?? null)
}

// One bucket per account, whichever of its names was typed, so hammering the email also closes the
// username. A name without an account gets a bucket of its own, limited exactly like an account.
function loginBucketOf(account: { id: string } | null, identifier: string) {
  return account ? keyed('login-account', account.id) : keyed('login-name', normalisedIdentifier(identifier))
}

export async function loginWithPassword({ identifier, password, clientKey }: { identifier: string; password: string; clientKey: string }): Promise<LoginResult> {
  const user = await findAccountByIdentifier(identifier)
  const accountKey = loginBucketOf(user, identifier)
  // each attempt takes its slot before the password is checked: parallel attempts cannot all slip through.
  // The address first, so that one address over its limit does not also use up the account's tries.
  if (await hit(LIMITS.loginFailuresPerClient, clientKey)) return { ok: false, reason: 'limited' }
  if (await hit(LIMITS.loginFailuresPerAccount, accountKey)) {
    await refund(LIMITS.loginFailuresPerClient, clientKey)
    return { ok: false, reason: 'limited' }
  }
  const valid = user && user.status !== 'cancelled' ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
  if (!valid || !user) return { ok: false, reason: 'invalid' }
  // a right password is not a failure: give the slots back
  await Promise.all([refund(LIMITS.loginFailuresPerAccount, accountKey), refund(LIMITS.loginFailuresPerClient, clientKey)])
  if (!user.emailVerifiedAt) {
    // the password proved ownership, so saying so reveals nothing; send a fresh code
    const verification = await db.transaction((tx) => sendSignupCode(tx, { userId: user.id, username: user.username, email: user.email, language: user.language }))
    return { ok: false, reason: 'unverified', verificationId: verification.id }
  }
  return { ok: true, userId: user.id, role: user.role }
}

// --- Sign-in with an emailed code: the way in while the password is locked or forgotten ----------

export const LOGIN_CODE_TTL_MINUTES = 10

export type LoginCodeRequest = { ok: true; verificationId: string } | { ok: false; reason: 'limited' }

/**
 * Emails a sign-in code when the address belongs to an active, confirmed account; otherwise a decoy
 * stands in. Either way the caller gets a verification id and shows the same page.
 */
export async function requestLoginCode({ email, clientKey }: { email: string; clientKey: string }): Promise<LoginCodeRequest> {
  const address = email.trim().toLowerCase()
  if ((await hit(LIMITS.loginCodesPerClient, clientKey)) || (await hit(LIMITS.loginCodesPerAddress, keyed('login-code-address', address)))) {
    return { ok: false, reason: 'limited' }
  }
  const [user] = await db
    .select({ id: users.id, username: users.username, email: users.email, language: users.language })
    .from(users)
    .where(and(eq(lower(users.email), address), ne(users.status, 'cancelled'), isNotNull(users.emailVerifiedAt)))
  // the same count as the address bucket unless the address changed meanwhile, so it tells nothing more
  if (user && (await hit(LIMITS.loginCodesPerAccount, keyed('login-code-account', user.id)))) return { ok: false, reason: 'limited' }
  return db.transaction(async (tx) => {
    if (!user) {
      // render the email all the same, so the answer takes as long as a real one
      await renderEmail(tx, 'login-code', loginCodeProps({ username: 'someone', code: '000000' }), FALLBACK_LANGUAGE)
      const decoy = await createDecoyVerification(tx, { purpose: 'login', ttlMinutes: LOGIN_CODE_TTL_MINUTES })
      return { ok: true, verificationId: decoy.id } as const
    }
    const verification = await createVerificationCode(tx, { userId: user.id, email: user.email, purpose: 'login', ttlMinutes: LOGIN_CODE_TTL_MINUTES })
    await sendEmail(tx, {
      to: user.email,
      userId: user.id,
      language: user.language,
      template: 'login-code',
      props: loginCodeProps({ username: user.username, code: verification.code }),
    })
    return { ok: true, verificationId: verification.id } as const
  })
}

function loginCodeProps({ username, code }: { username: string; code: string }) {
  return { username, code, expiresInMinutes: LOGIN_CODE_TTL_MINUTES, loginUrl: absoluteUrl('/login?with=code') }
}

export type LoginCodeResult = { ok: true; userId: string; role: 'customer' | 'dpo' } | { ok: false; reason: 'wrong' | 'expired' | 'exhausted' }

/** Checks a sign-in code (single use, limited tries, 10 minutes); the password's lockout does not apply. */
export async function loginWithCode({ verificationId, code }: { verificationId: string; code: string }): Promise<LoginCodeResult> {
  const check = await checkVerificationCode({ id: verificationId, code, purpose: 'login' })
  if (!check.ok) return check
  const [user] = await db
    .select({ id: users.id, role: users.role, status: users.status, emailVerifiedAt: users.emailVerifiedAt, email: users.email })
    .from(users)
    .where(eq(users.id, check.userId ?? ''))
  // cancelled or moved to another address since the code was sent: the code is spent and opens nothing
  if (!user || user.status === 'cancelled' || !user.emailVerifiedAt || user.email.toLowerCase() !== check.email.toLowerCase()) {
    return { ok: false, reason: 'expired' }
  }
  return { ok: true, userId: user.id, role: user.role }
}

// Returns the id of the new code; a decoy is replaced by a new decoy, so the two never differ.
export async function resendSignupCode({ verificationId }: { verificationId: string }) {
  const [row] = await db
    .select({ user: users })
    .from(emailVerifications)
    .leftJoin(users, eq(users.id, emailVerifications.userId))
    .where(and(eq(emailVerifications.id, verificationId), eq(emailVerifications.purpose, 'signup')))
  if (!row) return verificationId
  const { user } = row
  if (user?.emailVerifiedAt) return verificationId
  return db.transaction(async (tx) => {
    if (!user) {
      await consumeVerification(tx, { id: verificationId, purpose: 'signup' })
      // render the email all the same, so the answer takes as long as a real one
      await renderEmail(tx, 'verify-email', signupCodeProps({ username: 'someone', code: '000000' }), FALLBACK_LANGUAGE)
      return (await createDecoyVerification(tx, { purpose: 'signup' })).id
    }
    return (await sendSignupCode(tx, { userId: user.id, username: user.username, email: user.email, language: user.language })).id
  })
}

export async function verifyUserPassword({ userId, password }: { userId: string; password: string }) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
  return user ? verifyPassword(user.passwordHash, password) : false
}
