import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { consents, outboxMessages, policyDocuments, policyNotices, policyVersions, purposes } from '#db/schema'
import {
  acknowledgeNotice,
  createDraft,
  earliestEffectiveAt,
  publishVersion,
  purposesNeedingReconsent,
  drainPolicyCampaign,
  versionInForce,
  type DocumentSlug,
} from '~/lib/policy/policy.server'
import { parseLocalDateTime } from '~/lib/domain/time-zone'
import { adminDb } from '../support/admin-db'
import { createUser } from '../support/fixtures'

// A document of its own, so these versions never show on the real pages other tests read.
async function scratchDocument() {
  const slug = `test-${randomBytes(4).toString('hex')}`
  const [doc] = await db.insert(policyDocuments).values({ slug, name: `scratch ${slug}` }).returning()
  const publish = async (number: number, effectiveAt: Date) =>
    (
      await db
        .insert(policyVersions)
        .values({ documentId: doc.id, number, status: 'published', text: `v${number}`, textDe: `F${number}`, changeSummary: `v${number}`, changeSummaryDe: `F${number}`, publishedAt: new Date(0), effectiveAt })
        .returning()
    )[0]
  return { slug: slug as DocumentSlug, doc, publish }
}

test('the version in force switches exactly at effective_at, also across a daylight saving change', async () => {
  const { slug, publish } = await scratchDocument()
  await publish(1, new Date('2026-01-01T00:00:00Z'))
  // 29 March 2026, 03:00 in Berlin: the first minute of summer time
  const switchAt = parseLocalDateTime('2026-03-29T03:00', 'Europe/Berlin')!
  expect(switchAt.toISOString()).toBe('2026-03-29T01:00:00.000Z')
  await publish(2, switchAt)
  const at = async (iso: string | Date) => (await versionInForce({ document: slug, at: new Date(iso) }))?.number
  expect(await at(new Date(switchAt.getTime() - 1000))).toBe(1)
  expect(await at(switchAt)).toBe(2)
  expect(await at('2025-12-31T23:59:59Z')).toBeUndefined()
  // autumn: 25 October 2026, 02:30 happens twice; 03:00 CET is one instant
  const autumn = parseLocalDateTime('2026-10-25T03:00', 'Europe/Berlin')!
  expect(autumn.toISOString()).toBe('2026-10-25T02:00:00.000Z')
  await publish(3, autumn)
  expect(await at(new Date(autumn.getTime() - 1000))).toBe(2)
  expect(await at(autumn)).toBe(3)
})

test('a wall time skipped by the clock change or a malformed one is refused', () => {
  expect(parseLocalDateTime('2026-03-29T02:30', 'Europe/Berlin')).toBeNull()
  expect(parseLocalDateTime('2026-02-30T10:00', 'Europe/Berlin')).toBeNull()
  expect(parseLocalDateTime('yesterday', 'Europe/Berlin')).toBeNull()
})

test('publishing inside the notice period is refused with the earliest allowed time, and publishes nothing', async () => {
  const dpo = await createUser({ role: 'dpo' })
  const draft = await createDraft({ document: 'terms', text: 'Changed terms for a test.', textDe: 'Für einen Test geänderte Bedingungen.', changeSummary: 'test', changeSummaryDe: 'Test', significant: true, actorId: dpo.id })
  const now = new Date()
  const earliest = await earliestEffectiveAt({ significant: true, now })
  expect(earliest.getTime() - now.getTime()).toBeGreaterThanOrEqual(14 * 86_400_000)
  const tooSoon = await publishVersion({ versionId: draft.id, effectiveAt: new Date(earliest.getTime() - 60_000), now })
  expect(tooSoon).toMatchObject({ ok: false, field: 'effectiveAt' })
  expect(!tooSoon.ok && tooSoon.message).toMatch(/at the earliest on/)
  const [after] = await db.select().from(policyVersions).where(eq(policyVersions.id, draft.id))
  expect(after.status).toBe('draft')
  expect(await db.select().from(policyNotices).where(eq(policyNotices.versionId, draft.id))).toHaveLength(0)
  await db.delete(policyVersions).where(eq(policyVersions.id, draft.id))
})

test('a published change reaches every active customer through the outbox, with their name and a link that acknowledges once', async () => {
  const dpo = await createUser({ role: 'dpo' })
  const customer = await createUser()
  const draft = await createDraft({ document: 'cookies', text: 'Cookie notice changed for a test.', textDe: 'Für einen Test geänderter Cookie-Hinweis.', changeSummary: 'Test change.', changeSummaryDe: 'Teständerung.', significant: false, actorId: dpo.id })
  const now = new Date()
  const result = await publishVersion({ versionId: draft.id, effectiveAt: await earliestEffectiveAt({ significant: false, now }), now })
  expect(result.ok).toBe(true)
  expect(result.ok && result.noticeCount).toBeGreaterThan(0)
  // in small batches, as the job does; a second pass queues only customers who became active after the first
  // one started (other tests add customers meanwhile), never anyone twice
  const [{ firstPassAt }] = await db.execute<{ firstPassAt: string }>(sql`select now()::text as "firstPassAt"`)
  expect(await drainPolicyCampaign({ versionId: draft.id, batchSize: 2 })).toBeGreaterThanOrEqual(3)
  const [{ secondPassAt }] = await db.execute<{ secondPassAt: string }>(sql`select clock_timestamp()::text as "secondPassAt"`)
  await drainPolicyCampaign({ versionId: draft.id, batchSize: 2 })
  const [{ requeued }] = await db.execute<{ requeued: number }>(sql`
    select count(*)::int as requeued from policy_notices n join users u on u.id = n.user_id
    where n.version_id = ${draft.id} and n.queued_at >= ${secondPassAt}::timestamptz and u.created_at < ${firstPassAt}::timestamptz`)
  expect(requeued).toBe(0)
  // every customer active when it was published has exactly one notice (other tests add customers meanwhile)
  const [{ missing }] = await db.execute<{ missing: number }>(sql`
    select count(*)::int as missing from users u
    where u.role = 'customer' and u.status = 'active' and u.email_verified_at is not null and u.erased_at is null
      and u.created_at <= ${now.toISOString()}
      and (select count(*) from policy_notices n where n.version_id = ${draft.id} and n.user_id = u.id) <> 1`)
  expect(missing).toBe(0)
  const [notice] = await db.select().from(policyNotices).where(sql`${policyNotices.versionId} = ${draft.id} and ${policyNotices.userId} = ${customer.id}`)
  const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, notice.outboxId!))
  expect(mail.toAddress).toBe(customer.email)
  expect(mail.text).toContain(`Hello ${customer.username}`)
  expect(mail.html).not.toContain('PLACEHOLDER')
  const token = mail.text.match(/\/cookies\/history\/\d+\?ack=([0-9a-f-]{36})/)![1]
  expect(await acknowledgeNotice(token)).toBe(true)
  expect(await acknowledgeNotice(token)).toBe(false)
  expect(await acknowledgeNotice('00000000-0000-0000-0000-000000000000')).toBe(false)
  // the published version stays upcoming for everyone else's tests: take it back out
  await adminDb.delete(policyVersions).where(eq(policyVersions.id, draft.id))
})

test('campaign passes running at the same time (publishing and the scheduled job) send each customer one email with a working link', async () => {
  const dpo = await createUser({ role: 'dpo' })
  for (let i = 0; i < 6; i++) await createUser()
  const marker = `parallel-${randomBytes(6).toString('hex')}`
  const draft = await createDraft({ document: 'cookies', text: `Cookie notice changed (${marker}).`, textDe: `Cookie-Hinweis geändert (${marker}).`, changeSummary: marker, changeSummaryDe: marker, significant: false, actorId: dpo.id })
  const now = new Date()
  expect((await publishVersion({ versionId: draft.id, effectiveAt: await earliestEffectiveAt({ significant: false, now }), now })).ok).toBe(true)
  await Promise.all(Array.from({ length: 4 }, (_, i) => drainPolicyCampaign({ versionId: draft.id, batchSize: i + 1 })))
  // every email of this campaign has its ledger row: a second email would carry a link that acknowledges nothing
  const [counts] = await db.execute<{ mails: number; recipients: number; notices: number }>(sql`
    select (select count(*)::int from outbox_messages where template = 'policy-change' and text like ${'%' + marker + '%'}) as mails,
           (select count(distinct user_id)::int from outbox_messages where template = 'policy-change' and text like ${'%' + marker + '%'}) as recipients,
           (select count(*)::int from policy_notices where version_id = ${draft.id}) as notices`)
  expect(counts.notices).toBeGreaterThanOrEqual(6)
  expect(counts.mails).toBe(counts.notices)
  expect(counts.recipients).toBe(counts.notices)
  await adminDb.delete(policyVersions).where(eq(policyVersions.id, draft.id))
})

test('only consents given under a purpose text that changed are asked again', async () => {
  const [contactForm] = await db.select().from(purposes).where(eq(purposes.slug, 'contact_form'))
  const [forum] = await db.select().from(purposes).where(eq(purposes.slug, 'forum'))
  const texts = (await versionInForce({ document: 'privacy' }))!.purposeTexts!
  // a document of its own: version 1 described the contact form differently, the forum the same
  const { slug, doc } = await scratchDocument()
  await db.insert(policyVersions).values([
    { documentId: doc.id, number: 1, status: 'published', text: 'v1', textDe: 'F1', changeSummary: 'v1', changeSummaryDe: 'F1', purposeTexts: { ...texts, contact_form: 'an older description of the contact form' }, publishedAt: new Date(0), effectiveAt: new Date('2000-01-01T00:00:00Z') },
    { documentId: doc.id, number: 2, status: 'published', text: 'v2', textDe: 'F2', changeSummary: 'v2', changeSummaryDe: 'F2', purposeTexts: texts, publishedAt: new Date(0), effectiveAt: new Date('2001-01-01T00:00:00Z') },
  ])
  const changed = await createUser()
  const unchanged = await createUser()
  await db.insert(consents).values([
    { userId: changed.id, purposeId: contactForm.id, action: 'given', method: 'contact_form', policyVersion: '1' },
    { userId: unchanged.id, purposeId: forum.id, action: 'given', method: 'forum_signup', policyVersion: '1' },
  ])
  expect(await purposesNeedingReconsent({ userId: changed.id, document: slug })).toEqual([{ slug: 'contact_form', name: contactForm.name }])
  expect(await purposesNeedingReconsent({ userId: unchanged.id, document: slug })).toEqual([])
  // giving it again under the version in force settles it
  await db.insert(consents).values({ userId: changed.id, purposeId: contactForm.id, action: 'given', method: 'settings_toggle', policyVersion: '2' })
  expect(await purposesNeedingReconsent({ userId: changed.id, document: slug })).toEqual([])
})
