// The provider's documents with a version history: the privacy notice (generated from the registry),
// the terms of service (seed 000) and the cookie notice. The first privacy notice differs from the
// second, so the public history shows a real diff from the start.
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
  const current = await generatePrivacyNotice(tx)
  const earlierPurposeTexts = Object.fromEntries(Object.entries(current.purposeTexts).map(([slug, text]) => [slug, asIn2024(text)]))
  const v2EffectiveAt = new Date(now.getTime() - 20 * DAY)
  const rows: (typeof policyVersions.$inferInsert)[] = [
    {
      documentId: id('privacy'),
      number: 1,
      status: 'published',
      text: asIn2024(current.text),
      changeSummary: 'First version of this privacy notice.',
      significant: false,
      purposeTexts: earlierPurposeTexts,
      publishedAt: new Date(now.getTime() - 560 * DAY),
      effectiveAt: new Date(now.getTime() - 545 * DAY),
    },
    {
      documentId: id('privacy'),
      number: 2,
      status: 'published',
      text: current.text,
      changeSummary: 'VPN session records are now deleted after 90 days instead of six months, and we describe the archive of original values kept when you change your data.',
      significant: true,
      purposeTexts: current.purposeTexts,
      publishedAt: new Date(v2EffectiveAt.getTime() - 15 * DAY),
      effectiveAt: v2EffectiveAt,
    },
    { documentId: id('terms'), number: 1, status: 'published', text: TERMS_V1, changeSummary: 'First version.', publishedAt: new Date(now.getTime() - 900 * DAY), effectiveAt: new Date(now.getTime() - 890 * DAY) },
    { documentId: id('cookies'), number: 1, status: 'published', text: COOKIES_V1, changeSummary: 'First version.', publishedAt: new Date(now.getTime() - 900 * DAY), effectiveAt: new Date(now.getTime() - 890 * DAY) },
  ]
  const versions = await tx.insert(policyVersions).values(rows).returning()
  // what a consent given at a time records as the privacy notice version shown then
  const privacyLabelAt = (at: Date) => (at.getTime() >= v2EffectiveAt.getTime() ? '2' : '1')
  return { versions, privacyLabelAt }
}
