// Issue 12: the registry's texts and the policy versions exist in German (authoritative) and English, in
// every row; the read functions answer in the language asked for; a database seeded before the German
// columns existed gets the German texts on the next start, without touching what the DPO wrote.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { db } from '#db/client.server'
import { migrateDatabase } from '#db/migrate'
import { projectRoot } from '#db/runtime'
import * as schema from '#db/schema'
import { seedDatabase } from '#db/seed'
import { DATA_CATEGORIES, LEGAL_BASES, PURPOSES, RECIPIENTS, RETENTION_RULES } from '#db/seed-data/registry'
import { getPurposes, getRecipients } from '~/lib/registry/registry.server'
import { createDraft, drainPolicyCampaign, earliestEffectiveAt, generatePrivacyNotice, publishVersion, versionInForce } from '~/lib/policy/policy.server'
import { adminDb } from '../support/admin-db'
import { createUser } from '../support/fixtures'

const { dataCategories, legalBases, outboxMessages, policyDocuments, policyNotices, policyVersions, purposes, recipients, retentionRules, archivedChanges, users } = schema

const blank = (v: string | null) => v === null || v.trim() === ''

test('every registry row has its texts in German: purposes, data categories, legal bases, retention rules, recipients', async () => {
  const problems: string[] = []
  for (const r of await db.select().from(purposes)) {
    if (blank(r.nameDe) || blank(r.descriptionDe)) problems.push(`purpose ${r.slug}`)
  }
  for (const r of await db.select().from(dataCategories)) {
    if (blank(r.nameDe) || blank(r.descriptionDe) || r.fieldsDe.length !== r.fields.length || r.fieldsDe.some(blank)) problems.push(`data category ${r.slug}`)
  }
  for (const r of await db.select().from(legalBases)) {
    if (blank(r.articleDe) || blank(r.descriptionDe)) problems.push(`legal basis ${r.slug}`)
  }
  for (const r of await db.select().from(retentionRules)) {
    if (blank(r.nameDe) || blank(r.descriptionDe) || (r.legalReason !== null && blank(r.legalReasonDe))) problems.push(`retention rule ${r.slug}`)
  }
  for (const r of await db.select().from(recipients)) {
    if (blank(r.nameDe) || blank(r.serviceDe) || (r.country !== null && blank(r.countryDe)) || (r.safeguards !== null && blank(r.safeguardsDe))) problems.push(`recipient ${r.slug}`)
  }
  expect(problems).toEqual([])
  // and they are German, not copies of the English
  const [lawful] = await db.select().from(legalBases).where(eq(legalBases.slug, 'art6_1_a'))
  expect(lawful.articleDe).toBe('Art. 6 Abs. 1 lit. a DSGVO')
  expect(lawful.descriptionDe).toContain('Einwilligung')
})

test('the read functions answer in the language asked for; English stays the default', async () => {
  const [english, german] = await Promise.all([getPurposes(), getPurposes({ language: 'de' })])
  const seeded = new Map<string, (typeof PURPOSES)[number]>(PURPOSES.map((p) => [p.slug, p]))
  const analytics = german.find((p) => p.slug === 'analytics')!
  expect(analytics.name).toBe(seeded.get('analytics')!.nameDe)
  expect(analytics.legalBasis.article).toBe('Art. 6 Abs. 1 lit. a DSGVO')
  expect(analytics.retention.name).toBe('Laufzeit des jeweiligen Cookies')
  expect(analytics.recipients.map((r) => r.country)).toEqual(['Irland; Daten können in die Vereinigten Staaten übermittelt werden'])
  const account = german.find((p) => p.slug === 'account_management')!
  expect(account.categories[0].fields).toContain('Benutzername')
  expect(english.find((p) => p.slug === 'analytics')!.legalBasis.article).toBe('Art. 6(1)(a) GDPR')
  expect((await getRecipients({ language: 'de' })).map((r) => r.name)).toContain('Die Öffentlichkeit (Leserinnen und Leser des Forums)')
})

test('the privacy notice is generated in both languages, and the seeded versions carry the German text', async () => {
  const notice = await generatePrivacyNotice()
  expect(notice.textDe).toContain('## Was wir verarbeiten, warum und wie lange')
  expect(notice.textDe).toContain('- Rechtsgrundlage: Art. 6 Abs. 1 lit. b DSGVO')
  expect(notice.textDe).toContain('- Auskunft (Art. 15 DSGVO)')
  expect(notice.textDe).not.toMatch(/\bGDPR\b|Legal basis|How long/)
  expect(Object.keys(notice.purposeTextsDe).sort()).toEqual(Object.keys(notice.purposeTexts).sort())
  for (const document of ['privacy', 'terms', 'cookies'] as const) {
    const version = (await versionInForce({ document }))!
    expect(version.textDe.trim(), document).not.toBe('')
    expect(version.changeSummaryDe.trim(), document).not.toBe('')
  }
})

// A database of its own on the same server: created, migrated, seeded, and dropped again.
async function scratchDatabase() {
  const name = `i18n_registry_${randomBytes(4).toString('hex')}`
  await adminDb.execute(sql.raw(`create database ${name}`))
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${name}`
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} })
  return {
    url: url.toString(),
    db: drizzle(client, { schema }),
    async drop() {
      await client.end()
      await adminDb.execute(sql.raw(`drop database if exists ${name} with (force)`))
    },
  }
}

test('an existing database seeded before the German columns: the migration keeps its rows, the next start fills the German texts, and never overwrites the DPO', async () => {
  test.setTimeout(240_000)
  const scratch = await scratchDatabase()
  try {
    // the migrations before this change, then a registry row as it was: English only
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'))
    fs.cpSync(path.join(projectRoot, 'db', 'migrations'), folder, { recursive: true })
    const journalPath = path.join(folder, 'meta', '_journal.json')
    const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
    const ours = journal.entries.findIndex((e) => e.tag.includes('registry_and_policies_in_german'))
    expect(ours).toBeGreaterThan(0)
    journal.entries = journal.entries.slice(0, ours)
    fs.writeFileSync(journalPath, JSON.stringify(journal))
    await migrate(scratch.db, { migrationsFolder: folder })
    fs.rmSync(folder, { recursive: true, force: true })
    await scratch.db.execute(sql`insert into legal_bases (slug, article, description) values ('old_row', 'Art. 6(1)(b) GDPR', 'Contract.')`)
    await migrateDatabase(scratch.url)
    const [old] = await scratch.db.select().from(legalBases).where(eq(legalBases.slug, 'old_row'))
    expect(old).toMatchObject({ article: 'Art. 6(1)(b) GDPR', articleDe: '', descriptionDe: '' })
    // new rows must bring their German text: the column has no default any more
    await expect(scratch.db.execute(sql`insert into legal_bases (slug, article, description) values ('no_german', 'x', 'y')`)).rejects.toThrow()
    await scratch.db.delete(legalBases).where(eq(legalBases.slug, 'old_row'))

    // a registry and policies as an older seed left them: every German text empty
    await seedDatabase(scratch.url, { reset: true, demo: false })
    const d = scratch.db
    await d.update(legalBases).set({ articleDe: '', descriptionDe: '' })
    await d.update(retentionRules).set({ nameDe: '', descriptionDe: '', legalReasonDe: null })
    await d.update(recipients).set({ nameDe: '', serviceDe: '', countryDe: null, safeguardsDe: null })
    await d.update(purposes).set({ nameDe: '', descriptionDe: '' })
    await d.update(dataCategories).set({ nameDe: '', descriptionDe: '', fieldsDe: [] })
    await d.update(policyVersions).set({ textDe: '', changeSummaryDe: '', purposeTextsDe: null })
    // what the DPO wrote meanwhile, and a version the DPO published in English only
    await d.update(purposes).set({ nameDe: 'Kontaktformular (vom DSB formuliert)' }).where(eq(purposes.slug, 'contact_form'))
    const [terms] = await d.select().from(policyDocuments).where(eq(policyDocuments.slug, 'terms'))
    await d.insert(policyVersions).values({ documentId: terms.id, number: 2, status: 'draft', text: 'A DPO draft.', textDe: '', changeSummary: 'Draft.', changeSummaryDe: '' })

    const result = await seedDatabase(scratch.url, { reset: false })
    expect(result.seeded).toBe(false)
    expect(result.counts).toMatchObject({ purposes: PURPOSES.length, legal_bases: LEGAL_BASES.length, policy_versions: 4 })

    const byslug = <T extends { slug: string }>(rows: T[]) => new Map(rows.map((r) => [r.slug, r]))
    const purposeRows = byslug(await d.select().from(purposes))
    for (const p of PURPOSES) {
      expect(purposeRows.get(p.slug)!.descriptionDe).toBe(p.descriptionDe)
      if (p.slug !== 'contact_form') expect(purposeRows.get(p.slug)!.nameDe).toBe(p.nameDe)
    }
    expect(purposeRows.get('contact_form')!.nameDe).toBe('Kontaktformular (vom DSB formuliert)')
    const categoryRows = byslug(await d.select().from(dataCategories))
    for (const c of DATA_CATEGORIES) expect(categoryRows.get(c.slug)).toMatchObject({ nameDe: c.nameDe, fieldsDe: c.fieldsDe })
    const basisRows = byslug(await d.select().from(legalBases))
    for (const b of LEGAL_BASES) expect(basisRows.get(b.slug)).toMatchObject({ articleDe: b.articleDe, descriptionDe: b.descriptionDe })
    const ruleRows = byslug(await d.select().from(retentionRules))
    for (const r of RETENTION_RULES) expect(ruleRows.get(r.slug)).toMatchObject({ nameDe: r.nameDe, legalReasonDe: r.legalReasonDe })
    const recipientRows = byslug(await d.select().from(recipients))
    for (const r of RECIPIENTS) expect(recipientRows.get(r.slug)).toMatchObject({ serviceDe: r.serviceDe, countryDe: r.countryDe, safeguardsDe: r.safeguardsDe })

    const versions = await d.select({ version: policyVersions, slug: policyDocuments.slug }).from(policyVersions).innerJoin(policyDocuments, eq(policyDocuments.id, policyVersions.documentId))
    for (const { version, slug } of versions) {
      if (version.status === 'draft') {
        // the DPO's own text: its German must come from the DPO
        expect(version.textDe).toBe('')
        continue
      }
      expect(version.textDe, `${slug} ${version.number}`).not.toBe('')
      expect(version.changeSummaryDe, `${slug} ${version.number}`).not.toBe('')
    }
    const privacy = versions.filter((v) => v.slug === 'privacy').map((v) => v.version)
    expect(privacy.find((v) => v.number === 2)!.textDe).toContain('90 Tage nach Beginn der Sitzung')
    expect(privacy.find((v) => v.number === 1)!.textDe).toContain('sechs Monate nach Beginn der Sitzung')
    expect(privacy.find((v) => v.number === 1)!.textDe).not.toContain('### Archiv der Änderungen')
    expect(privacy.every((v) => v.purposeTextsDe !== null)).toBe(true)

    // the fill is the registry's archive's business like any change, by the system; a second start finds nothing to do
    const filled = await d
      .select()
      .from(archivedChanges)
      .where(and(eq(archivedChanges.tableName, 'purposes'), eq(archivedChanges.reason, 'Registry: German texts added from the seed data')))
    expect(filled).toHaveLength(PURPOSES.length)
    expect(filled.every((a) => a.actorType === 'system')).toBe(true)
    const again = await seedDatabase(scratch.url, { reset: false })
    expect(again.counts).toEqual({})
  } finally {
    await scratch.drop()
  }
})

test("a policy change's notice email carries the change summary in the customer's language", async () => {
  const dpo = await createUser({ role: 'dpo' })
  const [german, english] = [await createUser(), await createUser()]
  await db.update(users).set({ language: 'de' }).where(eq(users.id, german.id))
  const draft = await createDraft({
    document: 'cookies',
    text: 'Cookie notice changed for a language test.',
    textDe: 'Cookie-Hinweis, für einen Sprachtest geändert.',
    changeSummary: 'We changed the cookie notice for a test.',
    changeSummaryDe: 'Wir haben den Cookie-Hinweis für einen Test geändert.',
    significant: false,
    actorId: dpo.id,
  })
  try {
    const now = new Date()
    expect((await publishVersion({ versionId: draft.id, effectiveAt: await earliestEffectiveAt({ significant: false, now }), now })).ok).toBe(true)
    await drainPolicyCampaign({ versionId: draft.id })
    const mailOf = async (userId: string) => {
      const [row] = await db
        .select({ text: outboxMessages.text })
        .from(policyNotices)
        .innerJoin(outboxMessages, eq(outboxMessages.id, policyNotices.outboxId))
        .where(and(eq(policyNotices.versionId, draft.id), eq(policyNotices.userId, userId)))
      return row.text
    }
    const [de, en] = [await mailOf(german.id), await mailOf(english.id)]
    expect(de).toContain('Wir haben den Cookie-Hinweis für einen Test geändert.')
    expect(de).not.toContain('We changed the cookie notice')
    expect(en).toContain('We changed the cookie notice for a test.')
  } finally {
    // the published version would be upcoming for everyone else's tests: take it back out
    await adminDb.delete(policyVersions).where(eq(policyVersions.id, draft.id))
  }
})
