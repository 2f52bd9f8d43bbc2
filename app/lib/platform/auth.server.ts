// Authentication. lucia lives in this module and nowhere else (docs/decisions/002-lucia-behind-one-module.md).
import { DrizzlePostgreSQLAdapter } from '@lucia-auth/adapter-drizzle'
import { redirect, type AppLoadContext } from '@remix-run/node'
import { and, eq, ne } from 'drizzle-orm'
import { Cookie, Lucia, TimeSpan } from 'lucia'
import { db } from '#db/client.server'
import { sessions, users } from '#db/schema'
import { msg } from '~/i18n/translate'

export const IDLE_TIMEOUT_MINUTES = 30
export const ABSOLUTE_TIMEOUT_HOURS = 12
export const SESSION_COOKIE = '__Host-session'

const lucia = new Lucia(new DrizzlePostgreSQLAdapter(db, sessions, users), {
  sessionExpiresIn: new TimeSpan(IDLE_TIMEOUT_MINUTES, 'm'),
  sessionCookie: {
    name: SESSION_COOKIE,
    // lucia turns `expires: false` into Max-Age of 400 days; sessionCookieFor() drops it
    expires: false,
    // Secure always: the __Host- prefix requires it, and browsers accept it on http://localhost
    attributes: { secure: true, sameSite: 'lax', path: '/' },
  },
  getUserAttributes: (a) => ({
    username: a.username,
    email: a.email,
    role: a.role,
    status: a.status,
    emailVerifiedAt: a.emailVerifiedAt,
  }),
  getSessionAttributes: (a) => ({ createdAt: a.createdAt, userAgent: a.userAgent, reauthenticatedAt: a.reauthenticatedAt }),
})

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia
    DatabaseUserAttributes: Pick<typeof users.$inferSelect, 'username' | 'email' | 'role' | 'status' | 'emailVerifiedAt'>
    DatabaseSessionAttributes: Pick<typeof sessions.$inferSelect, 'createdAt' | 'userAgent' | 'reauthenticatedAt'>
  }
}

export type AuthUser = { id: string; username: string; email: string; role: 'customer' | 'dpo' }
export type AuthSession = { id: string; createdAt: Date; reauthenticatedAt: Date | null }
export type Auth = { user: AuthUser; session: AuthSession } | null

// A browser-session cookie: no Max-Age, no Expires, so closing the browser ends it. The idle (30 min)
// and absolute (12 h) lifetimes are enforced on the server, where a copied cookie cannot extend them.
function sessionCookieFor(sessionId: string) {
  const { name, value, attributes } = lucia.createSessionCookie(sessionId)
  return new Cookie(name, value, { ...attributes, maxAge: undefined, expires: undefined }).serialize()
}

// Validates the session cookie of a request. Returns the auth state and any Set-Cookie to send
// (a refreshed idle expiry, or a blank cookie when the session is gone).
export async function authenticate(cookieHeader: string | undefined): Promise<{ auth: Auth; setCookie?: string }> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? '')
  if (!sessionId) return { auth: null }
  const { session, user } = await lucia.validateSession(sessionId)
  if (!session || !user) return { auth: null, setCookie: lucia.createBlankSessionCookie().serialize() }
  // lucia v3 only knows the idle timeout; the absolute lifetime is ours
  const absoluteEnd = session.createdAt.getTime() + ABSOLUTE_TIMEOUT_HOURS * 3600_000
  if (Date.now() >= absoluteEnd || user.status === 'cancelled' || !user.emailVerifiedAt) {
    await lucia.invalidateSession(session.id)
    return { auth: null, setCookie: lucia.createBlankSessionCookie().serialize() }
  }
  return {
    auth: {
      user: { id: user.id, username: user.username, email: user.email, role: user.role },
      session: { id: session.id, createdAt: session.createdAt, reauthenticatedAt: session.reauthenticatedAt },
    },
    setCookie: session.fresh ? sessionCookieFor(session.id) : undefined,
  }
}

export async function createUserSession(userId: string, userAgent: string | null) {
  const now = new Date()
  const session = await lucia.createSession(userId, { createdAt: now, userAgent, reauthenticatedAt: now })
  return sessionCookieFor(session.id)
}

export async function endSession(sessionId: string) {
  await lucia.invalidateSession(sessionId)
  return lucia.createBlankSessionCookie().serialize()
}

export async function endAllSessionsOfUser(userId: string) {
  await lucia.invalidateUserSessions(userId)
}

export function listSessions({ userId }: { userId: string }) {
  return db
    .select({ id: sessions.id, createdAt: sessions.createdAt, expiresAt: sessions.expiresAt, userAgent: sessions.userAgent })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(sessions.createdAt)
}

// Scoped to the owner: a session id of another user deletes nothing.
export async function endOwnSession({ userId, sessionId }: { userId: string; sessionId: string }) {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    .returning({ id: sessions.id })
  return deleted.length > 0
}

export async function endOtherSessions({ userId, currentSessionId }: { userId: string; currentSessionId: string }) {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, currentSessionId)))
    .returning({ id: sessions.id })
  return deleted.length
}

export async function markReauthenticated(sessionId: string) {
  await db.update(sessions).set({ reauthenticatedAt: new Date() }).where(eq(sessions.id, sessionId))
}

// Guards: the first line of every loader and action that needs them.

export function requireUser(context: AppLoadContext, request: Request): AuthUser {
  if (!context.auth) {
    const url = new URL(request.url)
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  }
  return context.auth.user
}

export function requireCustomer(context: AppLoadContext, request: Request): AuthUser {
  const user = requireUser(context, request)
  if (user.role !== 'customer') throw new Response('This page is for customers.', { status: 403 })
  return user
}

export function requireDpo(context: AppLoadContext, request: Request): AuthUser {
  const user = requireUser(context, request)
  if (user.role !== 'dpo') throw new Response(msg('common:errors.dpoOnly'), { status: 403 })
  return user
}

export function requireAnonymous(context: AppLoadContext) {
  if (context.auth) throw redirect(homeFor(context.auth.user))
}

export function homeFor(user: Pick<AuthUser, 'role'>) {
  return user.role === 'dpo' ? '/dpo' : '/account'
}
