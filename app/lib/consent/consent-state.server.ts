// The current state of each consent of a customer, as one function, so that every page shows the same
// truth (/consents, /my-data). Cookie purposes are a choice per browser: what this browser allows now
// (the cookie gate decides by it); every other purpose is the account's latest ledger row.
import { isCookieCategory, latestConsents, latestConsentsOfVisitor, listConsentPurposes, type ConsentMethod, type CookieCategory, type LatestConsent } from './consent.server'
import { readCookieConsent } from './cookie-consent.server'
import { purposesNeedingReconsent } from '../policy/policy.server'
import { getLanguage } from '../platform/i18n.server'

export type ConsentState = 'given' | 'withdrawn' | 'none'

export interface PurposeConsent {
  slug: string
  name: string
  description: string
  legalBasis: string
  recipients: string[]
  // the cookie category; null for purposes consented to by the account
  cookieCategory: CookieCategory | null
  state: ConsentState
  // the ledger row behind the state, when there is one
  since: Date | null
  method: ConsentMethod | null
  policyVersion: string | null
  // given under a purpose text that has since changed (issue 8)
  needsReconsent: boolean
}

export async function loadConsentStates({ request, user }: { request: Request; user: { id: string; email: string } }): Promise<PurposeConsent[]> {
  const owner = { userId: user.id, email: user.email }
  const [cookieState, language] = await Promise.all([readCookieConsent(request), getLanguage(request)])
  const [purposes, latest, ofBrowser, reconsent] = await Promise.all([
    // names, descriptions and legal bases in the page's language
    listConsentPurposes({ language }),
    latestConsents(owner),
    cookieState.visitorId ? latestConsentsOfVisitor(cookieState.visitorId) : Promise.resolve(new Map<string, LatestConsent>()),
    purposesNeedingReconsent({ userId: user.id }),
  ])
  return purposes.map((p) => {
    const category = isCookieCategory(p.cookieCategory) ? p.cookieCategory : null
    const cookie = category !== null
    const row = cookie ? ofBrowser.get(p.slug) : latest.get(p.slug)
    const given = category ? cookieState.allowed.has(category) : row?.action === 'given'
    // a browser's row counts only once it chose under the current cookie notice
    const state: ConsentState = given ? 'given' : row && (!cookie || cookieState.decided) ? 'withdrawn' : 'none'
    const shown = row && state !== 'none' ? row : null
    return {
      slug: p.slug,
      name: p.name,
      description: p.description,
      legalBasis: p.legalBasis.article,
      recipients: p.recipients.map((r) => r.name),
      cookieCategory: category,
      state,
      since: shown?.createdAt ?? null,
      method: shown?.method ?? null,
      policyVersion: shown?.policyVersion ?? null,
      needsReconsent: reconsent.some((r) => r.slug === p.slug),
    }
  })
}
