// The cookie gate (§ 25 TDDDG, Art. 6(1)(a) GDPR). A browser's choice lives in one strictly necessary
// first-party cookie (a pseudonymous visitor id, the allowed categories, the cookie notice version and
// when); every choice is also a row in the consent ledger. Code that would set an analytics or
// marketing cookie, or load external media, must ask allowedCookieCategories(request) first.
import { randomBytes } from 'node:crypto'
import { createCookie, type AppLoadContext } from '@remix-run/node'
import { z } from 'zod'
import { db } from '#db/client.server'
import {
  isCookieCategory,
  OPTIONAL_COOKIE_CATEGORIES,
  recordConsents,
  withdrawConsents,
  type ConsentChoice,
  type ConsentMethod,
  type CookieCategory,
} from './consent.server'
import { contentSecurityPolicy } from '../platform/content-security-policy.server'
import { EMBED_ORIGINS } from '../domain/embeds'
import { loadEnv } from '../platform/env.server'
import { currentNoticeLabel } from '../policy/policy.server'
import { hit, type Limit } from '../platform/rate-limit.server'
import { getPurposes, getRegistrySetting } from '../registry/registry.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'

export { isCookieCategory, OPTIONAL_COOKIE_CATEGORIES, type CookieCategory } from './consent.server'

export const CONSENT_COOKIE_NAME = '__Host-consent'
const DEFAULT_MAX_AGE_DAYS = 365
// A cookieless client sending Sec-GPC would otherwise add two ledger rows per request.
const GPC_RECORDS_PER_CLIENT: Limit = { bucket: 'gpc-record-client', max: 30, windowSeconds: 3600 }
// What GPC ("do not sell or share") switches off by default; external media is asked for as usual.
const GPC_CATEGORIES: readonly CookieCategory[] = ['analytics', 'marketing']

// Names the third-party scripts would give their first-party cookies; cleared whenever their category is not allowed.
// External media cookies are set by Google on its own domains, where we can neither read nor remove them.
const CATEGORY_COOKIES: Record<CookieCategory, RegExp[]> = {
  analytics: [/^_ga(_.+)?$/, /^_gid$/, /^_gat(_.+)?$/],
  marketing: [/^_gcl_[a-z]+$/, /^_gac_.+$/],
  external_media: [],
}

const recordSchema = z.object({
  // visitor id: 16 random bytes, base64url
  v: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  c: z.array(z.enum(OPTIONAL_COOKIE_CATEGORIES)).max(OPTIONAL_COOKIE_CATEGORIES.length),
  // the cookie notice version the choice was made under
  n: z.string().max(40),
  // when, in seconds since the epoch
  d: z.number().int().nonnegative(),
  // 'gpc': only the browser's Global Privacy Control default is recorded; the person has not chosen yet
  s: z.enum(['choice', 'gpc']),
  // 1: the browser sent GPC when this record was written, so a choice in it was made knowing the signal
  g: z.literal(1).optional(),
})
type ConsentRecord = z.infer<typeof recordSchema>

function consentCookie(maxAgeDays: number) {
  return createCookie(CONSENT_COOKIE_NAME, {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: maxAgeDays * 86_400,
    secrets: [loadEnv().SESSION_SECRET],
  })
}

function newVisitorId() {
  return randomBytes(16).toString('base64url')
}

export interface CookieConsentState {
  // the person chose under the current cookie notice, and not longer ago than the registry allows
  decided: boolean
  allowed: ReadonlySet<CookieCategory>
  // when the current choice (or GPC default) was recorded
  decidedAt: Date | null
  // the browser's pseudonym; kept across notice versions, new when there is none yet
  visitorId: string | null
  // the request carries Sec-GPC: 1
  gpc: boolean
  // a GPC default is recorded under the current notice
  gpcRecorded: boolean
  // GPC arrived after a choice made without it: these categories the choice allowed are off from now on,
  // and the root loader records that once (recordGpcObjection)
  gpcObjection: CookieCategory[]
  record: ConsentRecord | null
  noticeVersion: string
  maxAgeDays: number
}

// Loaders of one request (root, route) read it once.
const stateOfRequest = new WeakMap<Request, Promise<CookieConsentState>>()

export function readCookieConsent(request: Request): Promise<CookieConsentState> {
  let state = stateOfRequest.get(request)
  if (!state) {
    state = computeState(request)
    stateOfRequest.set(request, state)
  }
  return state
}

async function computeState(request: Request): Promise<CookieConsentState> {
  const [noticeVersion, maxAgeSetting] = await Promise.all([currentNoticeLabel('cookies'), getRegistrySetting('cookie_consent_max_age_days')])
  const maxAgeDays = Number(maxAgeSetting) > 0 ? Number(maxAgeSetting) : DEFAULT_MAX_AGE_DAYS
  const raw = await consentCookie(maxAgeDays).parse(request.headers.get('Cookie'))
  const parsed = recordSchema.safeParse(raw)
  const record: ConsentRecord | null = parsed.success ? parsed.data : null
  const fresh = record !== null && record.n === noticeVersion && record.d * 1000 > Date.now() - maxAgeDays * 86_400_000
  const decided = fresh && record.s === 'choice'
  const gpc = request.headers.get('Sec-GPC')?.trim() === '1'
  const gpcObjection = gpc && decided && record.g !== 1 ? GPC_CATEGORIES.filter((c) => record.c.includes(c)) : []
  return {
    decided,
    allowed: new Set(fresh ? record.c.filter((c) => !gpcObjection.includes(c)) : []),
    decidedAt: fresh ? new Date(record.d * 1000) : null,
    visitorId: record?.v ?? null,
    gpc,
    gpcRecorded: fresh && record.s === 'gpc',
    gpcObjection,
    record,
    noticeVersion,
    maxAgeDays,
  }
}

/**
 * The categories this request's browser has allowed: 'necessary' always, the others only after a choice
 * under the current cookie notice. Every analytics, marketing or embed code path must ask this first.
 */
export async function allowedCookieCategories(request: Request): Promise<ReadonlySet<'necessary' | CookieCategory>> {
  const { allowed } = await readCookieConsent(request)
  return new Set(['necessary' as const, ...allowed])
}

async function serializeRecord(state: CookieConsentState, record: Omit<ConsentRecord, 'n' | 'd' | 'g'>, decidedAt = Math.floor(Date.now() / 1000)) {
  return consentCookie(state.maxAgeDays).serialize({ ...record, n: state.noticeVersion, d: decidedAt, ...(state.gpc ? { g: 1 } : {}) } satisfies ConsentRecord)
}

// Expires cookies of categories that are not allowed, if the browser still sends any ("cleared and not set again").
export function clearDisallowedCookies(request: Request, allowed: ReadonlySet<CookieCategory>) {
  const names = (request.headers.get('Cookie') ?? '')
    .split(';')
    .map((part) => part.split('=')[0].trim())
    .filter(Boolean)
  const disallowed = OPTIONAL_COOKIE_CATEGORIES.filter((c) => !allowed.has(c)).flatMap((c) => CATEGORY_COOKIES[c])
  return names.filter((name) => disallowed.some((pattern) => pattern.test(name))).map((name) => `${name}=; Path=/; Max-Age=0; Secure; SameSite=Lax`)
}

export interface CookieChoiceInput {
  request: Request
  userId: string | null
  method: ConsentMethod
  allowed: readonly CookieCategory[]
  // the categories this choice is about: the banner decides all, a toggle one
  covers?: readonly CookieCategory[]
}

/**
 * Records a choice in the ledger (one row per category it covers) and returns the Set-Cookie headers:
 * the new consent record and the removal of cookies no longer allowed. A browser sending GPC that
 * clicks "Accept all" keeps analytics and marketing off, recorded as the GPC signal's choice; ticking
 * them one by one is an explicit consent and counts. For a logged-in customer, taking back what was
 * allowed is a withdrawal and becomes a request in their history.
 */
export async function saveCookieChoice({ request, userId, method, allowed, covers = OPTIONAL_COOKIE_CATEGORIES }: CookieChoiceInput) {
  const state = await readCookieConsent(request)
  const visitorId = state.visitorId ?? newVisitorId()
  const gpcOverride = state.gpc && method === 'banner_accept_all' ? GPC_CATEGORIES : []
  const after = new Set(state.allowed)
  for (const category of covers) {
    if (allowed.includes(category) && !gpcOverride.includes(category)) after.add(category)
    else after.delete(category)
  }
  const withdrawn = covers.filter((c) => state.allowed.has(c) && !after.has(c))
  const subject = { userId, visitorId }
  const choices = (categories: readonly CookieCategory[]): ConsentChoice[] =>
    categories.map((purpose) => ({ purpose, action: after.has(purpose) ? 'given' : 'withdrawn' }))
  const byMethod = new Map<ConsentMethod, CookieCategory[]>()
  for (const category of covers) {
    const m = gpcOverride.includes(category) ? 'global_privacy_control' : method
    byMethod.set(m, [...(byMethod.get(m) ?? []), category])
  }
  await db.transaction(async (tx) => {
    for (const [m, categories] of byMethod) {
      const withdrawals = userId ? categories.filter((c) => withdrawn.includes(c)) : []
      await recordConsents(tx, { subject, method: m, choices: choices(categories.filter((c) => !withdrawals.includes(c))) })
      if (withdrawals.length > 0) await withdrawConsents(tx, { subject, actor: { type: 'customer', id: userId }, method: m, purposes: withdrawals })
    }
  })
  return [await serializeRecord(state, { v: visitorId, c: [...after], s: 'choice' }), ...clearDisallowedCookies(request, after)]
}

/**
 * A browser that starts sending GPC after a choice that allowed analytics or marketing: the signal is an
 * objection (Art. 21(5) GDPR), so they are withdrawn by 'global_privacy_control', once: the new consent
 * record notes the signal, and a choice made later with the signal on counts as the person's own. For a
 * logged-in customer it is a withdrawal like any other, with a request in their history.
 */
async function recordGpcObjection(state: CookieConsentState, userId: string | null) {
  const record = state.record!
  const subject = { userId, visitorId: record.v }
  await db.transaction(async (tx) => {
    if (userId) {
      await withdrawConsents(tx, { subject, actor: { type: 'customer', id: userId }, method: 'global_privacy_control', purposes: state.gpcObjection })
    } else {
      await recordConsents(tx, { subject, method: 'global_privacy_control', choices: state.gpcObjection.map((purpose) => ({ purpose, action: 'withdrawn' })) })
    }
  })
  // the choice keeps its date: the objection changes what it allows, not when it was made
  return serializeRecord(state, { v: record.v, c: [...state.allowed], s: 'choice' }, record.d)
}

// --- The banner -------------------------------------------------------------------------------

export type CookieCategoryInfo = Awaited<ReturnType<typeof listCookieCategories>>[number]

// The banner's categories with their services, from the registry in the reader's language: necessary first, then the optional ones.
export async function listCookieCategories(language: Language = FALLBACK_LANGUAGE) {
  const purposes = await getPurposes({ language })
  return purposes
    .filter((p) => p.cookieCategory === 'necessary' || isCookieCategory(p.cookieCategory))
    .map((p) => ({
      category: p.cookieCategory as 'necessary' | CookieCategory,
      name: p.name,
      description: p.description,
      legalBasis: p.legalBasis.article,
      retention: p.retention.name,
      recipients: p.recipients.map((r) => ({ name: r.name, service: r.service, country: r.country, privacyUrl: r.privacyUrl })),
    }))
}

export interface CookieBanner {
  gpc: boolean
  categories: CookieCategoryInfo[]
}

/**
 * For the root loader: the banner (null once the browser chose under the current notice, and on the
 * settings page itself), Set-Cookie headers, and the CSP of the document. A GPC browser's default is
 * recorded once, before any choice: analytics and marketing withdrawn by the signal. A browser that
 * allowed external media gets a CSP that lets the embeds' providers be framed, on every document, since
 * client-side navigation keeps the first document's policy.
 */
export async function loadCookieBanner({ request, context, language = FALLBACK_LANGUAGE }: { request: Request; context: AppLoadContext; language?: Language }) {
  const state = await readCookieConsent(request)
  const headers = clearDisallowedCookies(request, state.allowed)
  if (state.gpcObjection.length > 0 && !(await hit(GPC_RECORDS_PER_CLIENT, context.clientKey))) {
    const user = context.auth?.user
    headers.push(await recordGpcObjection(state, user?.role === 'customer' ? user.id : null))
  }
  if (state.gpc && !state.decided && !state.gpcRecorded && !(await hit(GPC_RECORDS_PER_CLIENT, context.clientKey))) {
    const visitorId = state.visitorId ?? newVisitorId()
    await recordConsents(db, {
      subject: { userId: context.auth?.user.id ?? null, visitorId },
      method: 'global_privacy_control',
      choices: GPC_CATEGORIES.map((purpose) => ({ purpose, action: 'withdrawn' })),
    })
    headers.push(await serializeRecord(state, { v: visitorId, c: [], s: 'gpc' }))
  }
  const onSettingsPage = new URL(request.url).pathname === '/cookies'
  const banner: CookieBanner | null = state.decided || onSettingsPage ? null : { gpc: state.gpc, categories: await listCookieCategories(language) }
  const csp = state.allowed.has('external_media') ? contentSecurityPolicy(context.nonce, { frameSrc: EMBED_ORIGINS }) : null
  return { banner, headers, csp }
}
