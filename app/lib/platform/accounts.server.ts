// Customer accounts: sign-up with a confirmed email address, and password login without enumeration.
import { randomUUID } from 'node:crypto'
import { and, eq, or, sql } from 'drizzle-orm'
import { db, type Transaction } from '#db/client.server'
import { emailVerifications, users } from '#db/schema'
import { sendEmail } from './email.server'
import { absoluteUrl } from './env.server'
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password.server'
import { hit, isLimited, keyed, LIMITS } from './rate-limit.server'
import { CODE_TTL_MINUTES, createVerificationCode, newVerificationId } from './verification.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'

const lower = (column: typeof users.username | typeof users.email) => sql`lower(${column})`

export type SignupResult = { ok: true; verificationId: string } | { ok: false; field: 'username'; message: string }

// Taken usernames are said (they are public in the forum anyway); a taken email address is not:
// that person gets an email instead, and the screen looks exactly like a new sign-up.
export async function registerCustomer(input: { username: string; email: string; password: string; language?: Language }): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, username: users.username, email: users.email, language: users.language })
      .from(users)
      .where(or(eq(lower(users.username), input.username.toLowerCase()), eq(lower(users.email), input.email)))
      .limit(2)
    if (existing && existing.username.toLowerCase() === input.username.toLowerCase()) {
      return { ok: false, field: 'username', message: 'This username is taken. Choose another one.' } as const
    }
    if (existing) {
      await sendEmail(tx, {
        to: existing.email,
        userId: existing.id,
        language: existing.language,
        template: 'account-exists',
        props: { username: existing.username, loginUrl: absoluteUrl('/login') },
      })
      return { ok: true, verificationId: newVerificationId() } as const
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
    if (inserted.length === 0) return { ok: false, field: 'username', message: 'This username is taken. Choose another one.' } as const
    const verification = await sendSignupCode(tx, { userId: id, username: input.username, email: input.email, language })
    return { ok: true, verificationId: verification.id } as const
  })
}

async function sendSignupCode(tx: Transaction, user: { userId: string; username: string; email: string; language: Language }) {
  const verification = await createVerificationCode(tx, { userId: user.userId, email: user.email, purpose: 'signup' })
  await sendEmail(tx, {
    to: user.email,
    userId: user.userId,
    language: user.language,
    template: 'verify-email',
    props: { username: user.username, code: verification.code, expiresInMinutes: CODE_TTL_MINUTES, verifyUrl: absoluteUrl('/verify-email') },
  })
  return verification
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

export async function loginWithPassword({ identifier, password, clientKey }: { identifier: string; password: string; clientKey: string }): Promise<LoginResult> {
  // keyed by what was typed, so unknown accounts are limited exactly like real ones
  const accountKey = keyed('account', identifier)
  if ((await isLimited(LIMITS.loginFailuresPerAccount, accountKey)) || (await isLimited(LIMITS.loginFailuresPerClient, clientKey))) {
    return { ok: false, reason: 'limited' }
  }
  const needle = identifier.toLowerCase()
  const [user] = await db
    .select()
    .from(users)
    .where(or(eq(lower(users.email), needle), eq(lower(users.username), needle)))
    .limit(1)
  const valid = user && user.status !== 'cancelled' ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password)
  if (!valid || !user) {
    await Promise.all([hit(LIMITS.loginFailuresPerAccount, accountKey), hit(LIMITS.loginFailuresPerClient, clientKey)])
    return { ok: false, reason: 'invalid' }
  }
  if (!user.emailVerifiedAt) {
    // the password proved ownership, so saying so reveals nothing; send a fresh code
    const verification = await db.transaction((tx) => sendSignupCode(tx, { userId: user.id, username: user.username, email: user.email, language: user.language }))
    return { ok: false, reason: 'unverified', verificationId: verification.id }
  }
  return { ok: true, userId: user.id, role: user.role }
}

// Returns the new verification id, or the old one for a decoy (so the screen never tells the two apart).
export async function resendSignupCode({ verificationId }: { verificationId: string }) {
  const [row] = await db
    .select({ user: users })
    .from(emailVerifications)
    .innerJoin(users, eq(users.id, emailVerifications.userId))
    .where(and(eq(emailVerifications.id, verificationId), eq(emailVerifications.purpose, 'signup')))
  if (!row || row.user.emailVerifiedAt) return verificationId
  const { user } = row
  const verification = await db.transaction((tx) => sendSignupCode(tx, { userId: user.id, username: user.username, email: user.email, language: user.language }))
  return verification.id
}

export async function verifyUserPassword({ userId, password }: { userId: string; password: string }) {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId))
  return user ? verifyPassword(user.passwordHash, password) : false
}
