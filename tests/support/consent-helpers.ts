// Helpers for the consent and cookie tests: what the browser holds, and what the ledger recorded.
import type { BrowserContext } from '@playwright/test'
import { createCookie } from '@remix-run/node'
import { and, asc, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { consents, purposes } from '#db/schema'
import { CONSENT_COOKIE_NAME, readCookieConsent } from '~/lib/consent/cookie-consent.server'

// The necessary cookies: the login session and the record of the cookie choice.
export const NECESSARY_COOKIES = ['__Host-session', CONSENT_COOKIE_NAME]
// Remix's own first-party bookkeeping in sessionStorage (scroll positions, route manifest version); never sent anywhere.
export const FRAMEWORK_STORAGE_KEYS = ['positions', 'remix-manifest-version']

// What the portal reads from this browser's consent cookie, decoded the way the portal does.
export async function consentStateOf(context: BrowserContext, baseURL: string) {
  const cookies = await context.cookies(baseURL)
  const header = cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  return readCookieConsent(new Request(baseURL, { headers: { Cookie: header } }))
}

// A consent cookie as an earlier visit would have left it (e.g. under another cookie notice version).
export async function forgeConsentCookie(record: { v: string; c: string[]; n: string; d: number; s: 'choice' | 'gpc' }) {
  const serialized = await createCookie(CONSENT_COOKIE_NAME, { secrets: [process.env.SESSION_SECRET!] }).serialize(record)
  return serialized.split(';')[0].split('=').slice(1).join('=')
}

export async function ledgerRows(where: { visitorId?: string; userId?: string; email?: string }) {
  const conditions = [
    where.visitorId ? eq(consents.visitorId, where.visitorId) : undefined,
    where.userId ? eq(consents.userId, where.userId) : undefined,
    where.email ? sql`lower(${consents.email}) = lower(${where.email})` : undefined,
  ].filter((c) => c !== undefined)
  return db
    .select({ purpose: purposes.slug, action: consents.action, method: consents.method, userId: consents.userId, visitorId: consents.visitorId, email: consents.email, policyVersion: consents.policyVersion })
    .from(consents)
    .innerJoin(purposes, eq(purposes.id, consents.purposeId))
    .where(and(...conditions))
    .orderBy(asc(consents.id))
}
