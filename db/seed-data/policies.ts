// The provider's documents with a version history: the privacy notice (generated from the registry),
// the terms of service (seed 000) and the cookie notice, each in German (authoritative, decision 066)
// and English. The first privacy notice differs from the second, so the public history shows a real
// diff from the start.
import { and, eq, or } from 'drizzle-orm'
import { generatePrivacyNotice } from '../../app/lib/policy/policy.server'
import type { Transaction } from '../client.server'
import { policyDocuments, policyVersions } from '../schema'

const DAY = 86_400_000

// What the 2024 notice said differently: longer session storage, no archive of changes yet.
function asIn2024(text: string) {
  return text
    .replace(/VPN session records are deleted automatically 90 days after the session started\./g, 'VPN session records are deleted automatically six months after the session started.')
    .replace(/\n\n### Archive of changes[\s\S]*?(?=\n\n(###|##) )/, '')
}

function asIn2024De(text: string) {
  return text
    .replace(/Aufzeichnungen über VPN-Sitzungen werden 90 Tage nach Beginn der Sitzung automatisch gelöscht\./g, 'Aufzeichnungen über VPN-Sitzungen werden sechs Monate nach Beginn der Sitzung automatisch gelöscht.')
    .replace(/\n\n### Archiv der Änderungen[\s\S]*?(?=\n\n(###|##) )/, '')
}

const mapValues = (texts: Record<string, string>, f: (text: string) => string) => Object.fromEntries(Object.entries(texts).map(([slug, text]) => [slug, f(text)]))

const TERMS_V1 = [
  '## Your account',
  'An account is personal: you may not share your login with others. You must be of legal age to open one.',
  '## Payment and refunds',
  'Accounts are paid in advance for the period you choose. If you are not satisfied, we refund the full price when you ask within 7 days of the payment.',
  '## Cancelling a subscription',
  'Subscriptions paid through PayPal renew automatically until you cancel them in your PayPal account or ask us to cancel them. Cancelling stops the next renewal; the period already paid stays usable.',
  '## Fair use',
  'The service is meant for personal use. To keep it fast for everyone we may limit accounts that put an unusual load on our servers over a long time, after telling you.',
].join('\n\n')

const TERMS_V1_DE = [
  '## Ihr Konto',
  'Ein Konto ist persönlich: Sie dürfen Ihre Zugangsdaten nicht an andere weitergeben. Um ein Konto zu eröffnen, müssen Sie volljährig sein.',
  '## Zahlung und Erstattung',
  'Konten werden für den von Ihnen gewählten Zeitraum im Voraus bezahlt. Wenn Sie nicht zufrieden sind, erstatten wir den vollen Preis, sofern Sie innerhalb von 7 Tagen nach der Zahlung darum bitten.',
  '## Kündigung eines Abonnements',
  'Über PayPal bezahlte Abonnements verlängern sich automatisch, bis Sie sie in Ihrem PayPal-Konto kündigen oder uns bitten, sie zu kündigen. Die Kündigung verhindert die nächste Verlängerung; der bereits bezahlte Zeitraum bleibt nutzbar.',
  '## Faire Nutzung',
  'Der Dienst ist für die persönliche Nutzung bestimmt. Damit er für alle schnell bleibt, können wir Konten, die unsere Server über längere Zeit ungewöhnlich stark belasten, nach vorheriger Mitteilung an Sie einschränken.',
].join('\n\n')

const COOKIES_V1 = [
  '## Necessary cookies',
  'A session cookie keeps you logged in, and a consent cookie remembers your choice in the cookie banner. They are needed for the site to work and are set without consent (§ 25(2) TDDDG).',
  '## Analytics',
  'Google Analytics measures how the site is used. Set only with your consent.',
  '## Marketing',
  'Google AdWords conversion tracking and Remarketing measure and target advertising. Set only with your consent.',
  '## External media',
  'YouTube videos and Google Maps are loaded from Google only after you allow external media; until then a placeholder is shown.',
].join('\n\n')

const COOKIES_V1_DE = [
  '## Notwendige Cookies',
  'Ein Sitzungs-Cookie hält Sie angemeldet, und ein Einwilligungs-Cookie speichert Ihre Auswahl im Cookie-Banner. Sie sind für das Funktionieren der Website erforderlich und werden ohne Einwilligung gesetzt (§ 25 Abs. 2 TDDDG).',
  '## Analyse',
  'Google Analytics misst, wie die Website genutzt wird. Diese Cookies werden nur mit Ihrer Einwilligung gesetzt.',
  '## Werbung',
  'Das Conversion-Tracking und das Remarketing von Google AdWords messen und steuern Werbung. Diese Cookies werden nur mit Ihrer Einwilligung gesetzt.',
  '## Externe Medien',
  'YouTube-Videos und Google Maps werden erst von Google geladen, nachdem Sie externe Medien erlaubt haben; bis dahin wird ein Platzhalter angezeigt.',
].join('\n\n')

const FIRST_VERSION = { changeSummary: 'First version.', changeSummaryDe: 'Erste Fassung.' }

type VersionTexts = Pick<typeof policyVersions.$inferInsert, 'text' | 'textDe' | 'changeSummary' | 'changeSummaryDe' | 'purposeTexts' | 'purposeTextsDe'>

// The seeded versions' texts in both languages, by document and number; the privacy notice from the registry as it is now.
async function seededVersionTexts(tx: Transaction): Promise<Record<'privacy' | 'terms' | 'cookies', Record<number, VersionTexts>>> {
  const current = await generatePrivacyNotice(tx)
  return {
    privacy: {
      1: {
        text: asIn2024(current.text),
        textDe: asIn2024De(current.textDe),
        changeSummary: 'First version of this privacy notice.',
        changeSummaryDe: 'Erste Fassung dieser Datenschutzerklärung.',
        purposeTexts: mapValues(current.purposeTexts, asIn2024),
        purposeTextsDe: mapValues(current.purposeTextsDe, asIn2024De),
      },
      2: {
        text: current.text,
        textDe: current.textDe,
        changeSummary:
          'VPN session records are now deleted after 90 days instead of six months, and we describe the archive of original values kept when you change your data.',
        changeSummaryDe:
          'Aufzeichnungen über VPN-Sitzungen werden jetzt nach 90 Tagen statt nach sechs Monaten gelöscht, und wir beschreiben das Archiv der ursprünglichen Werte, das angelegt wird, wenn Sie Ihre Daten ändern.',
        purposeTexts: current.purposeTexts,
        purposeTextsDe: current.purposeTextsDe,
      },
    },
    terms: { 1: { text: TERMS_V1, textDe: TERMS_V1_DE, ...FIRST_VERSION } },
    cookies: { 1: { text: COOKIES_V1, textDe: COOKIES_V1_DE, ...FIRST_VERSION } },
  }
}

export async function seedPolicies(tx: Transaction, now: Date) {
  const docs = await tx
    .insert(policyDocuments)
    .values([
      { slug: 'privacy', name: 'privacy notice' },
      { slug: 'terms', name: 'terms of service' },
      { slug: 'cookies', name: 'cookie notice' },
    ])
    .returning()
  const id = (slug: string) => docs.find((d) => d.slug === slug)!.id
  const texts = await seededVersionTexts(tx)
  const v2EffectiveAt = new Date(now.getTime() - 20 * DAY)
  const rows: (typeof policyVersions.$inferInsert)[] = [
    {
      ...texts.privacy[1],
      documentId: id('privacy'),
      number: 1,
      status: 'published',
      significant: false,
      publishedAt: new Date(now.getTime() - 560 * DAY),
      effectiveAt: new Date(now.getTime() - 545 * DAY),
    },
    {
      ...texts.privacy[2],
      documentId: id('privacy'),
      number: 2,
      status: 'published',
      significant: true,
      publishedAt: new Date(v2EffectiveAt.getTime() - 15 * DAY),
      effectiveAt: v2EffectiveAt,
    },
    { ...texts.terms[1], documentId: id('terms'), number: 1, status: 'published', publishedAt: new Date(now.getTime() - 900 * DAY), effectiveAt: new Date(now.getTime() - 890 * DAY) },
    { ...texts.cookies[1], documentId: id('cookies'), number: 1, status: 'published', publishedAt: new Date(now.getTime() - 900 * DAY), effectiveAt: new Date(now.getTime() - 890 * DAY) },
  ]
  const versions = await tx.insert(policyVersions).values(rows).returning()
  // what a consent given at a time records as the privacy notice version shown then
  const privacyLabelAt = (at: Date) => (at.getTime() >= v2EffectiveAt.getTime() ? '2' : '1')
  return { versions, privacyLabelAt }
}

// jsonb keeps its keys in its own order: compare entry by entry
function sameTexts(a: Record<string, string> | null, b: Record<string, string> | null | undefined) {
  if (!a || !b) return a === (b ?? null)
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k])
}

/**
 * A database seeded before versions had a German text: the seeded versions get theirs where their
 * English is still exactly the seed's (a version the DPO wrote is left as it is: its German must come
 * from the DPO). Returns how many versions got German text.
 */
export async function fillGermanPolicyTexts(tx: Transaction) {
  const missing = await tx
    .select({ version: policyVersions, slug: policyDocuments.slug })
    .from(policyVersions)
    .innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    .where(or(eq(policyVersions.textDe, ''), eq(policyVersions.changeSummaryDe, '')))
  if (missing.length === 0) return 0
  const seeded = await seededVersionTexts(tx)
  let filled = 0
  for (const { version, slug } of missing) {
    const seed = (seeded as Record<string, Record<number, VersionTexts> | undefined>)[slug]?.[version.number]
    if (!seed) continue
    const set: Partial<typeof policyVersions.$inferInsert> = {}
    if (version.textDe === '' && version.text === seed.text) set.textDe = seed.textDe
    if (version.changeSummaryDe === '' && version.changeSummary === seed.changeSummary) set.changeSummaryDe = seed.changeSummaryDe
    if (version.purposeTextsDe === null && version.purposeTexts !== null && sameTexts(version.purposeTexts, seed.purposeTexts)) set.purposeTextsDe = seed.purposeTextsDe
    if (Object.keys(set).length === 0) continue
    await tx.update(policyVersions).set(set).where(and(eq(policyVersions.id, version.id)))
    filled++
  }
  return filled
}
