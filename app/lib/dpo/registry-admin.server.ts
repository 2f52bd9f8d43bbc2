// The DPO keeps the registry: contacts, legal bases, retention rules (legal holds among them), recipients,
// purposes and settings. Every change is archived by PostgreSQL (db/sql/410_registry_archive.sql, with the
// DPO named as the actor) and appended to the audit chain; every page and email reads the new values at once.
import { and, desc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { db, type Transaction } from '#db/client.server'
import { msg } from '~/i18n/translate'
import {
  archivedChanges,
  legalBases,
  purposeRecipients,
  purposes,
  recipients,
  registryContacts,
  registrySettings,
  retentionRules,
} from '#db/schema'
import { withChangeContext } from '../requests/archive.server'
import { appendAudit } from '../requests/audit.server'
import type { Actor } from '../requests/dsr.server'
import { type RegistrySection, contactSchema, legalBasisSchema, purposeSchema, recipientSchema, REGISTRY_SCHEMAS, REGISTRY_SECTIONS, RECIPIENT_KINDS, retentionRuleSchema, settingSchema } from './registry-forms'

export { isRegistrySection, RECIPIENT_KINDS, REGISTRY_SCHEMAS, REGISTRY_SECTIONS, type RegistrySection } from './registry-forms'

// the forms' list of recipient kinds is the database enum's, in both directions
type DbKind = (typeof recipients.kind.enumValues)[number]
type FormKind = (typeof RECIPIENT_KINDS)[number]
const kindsAgree: [Exclude<DbKind, FormKind>, Exclude<FormKind, DbKind>] extends [never, never] ? true : false = true
void kindsAgree

export const REGISTRY_TABLES = Object.values(REGISTRY_SECTIONS).map((s) => s.table as string).concat(['purpose_recipients'])

// Settings the jobs and notices compute with, and the range each must stay in (decision 082). A value
// outside it would break a promise of the policies or the law, or overflow the date arithmetic.
export const NUMERIC_SETTINGS: Record<string, { min: number; max: number; unit: 'days' }> = {
  // seed 004: 14 days' notice before a significant change
  policy_notice_days_significant: { min: 14, max: 365, unit: 'days' },
  // seed 003: notice before any change takes effect
  policy_notice_days_minor: { min: 1, max: 365, unit: 'days' },
  // erasure must follow within the month of Art. 12(3); the cooling-off period is part of it
  cancellation_cooling_off_days: { min: 1, max: 30, unit: 'days' },
  // a consent to cookies is asked again after 13 months at the latest (EDPB / CNIL guidance)
  cookie_consent_max_age_days: { min: 1, max: 395, unit: 'days' },
  dsr_unverified_close_days: { min: 1, max: 90, unit: 'days' },
}
// any other setting counted in days
const OTHER_DAYS = { min: 0, max: 3650, unit: 'days' } as const

export function numericSettingRange(key: string) {
  return NUMERIC_SETTINGS[key] ?? (key.endsWith('_days') ? OTHER_DAYS : null)
}

export type SettingCheck = { ok: true; value: string } | { ok: false; message: string }

/** The value to store for a setting: numbers as plain ASCII digits within their range, stored without leading zeros. */
export function checkSettingValue(key: string, value: string): SettingCheck {
  const range = numericSettingRange(key)
  if (!range) return { ok: true, value }
  const message = msg('dpo:registryEdit.errors.settingRange', { min: range.min, max: range.max })
  // ASCII digits only: no sign, exponent, decimal point, separators or other scripts' digits
  if (!/^[0-9]{1,6}$/.test(value)) return { ok: false, message }
  const n = Number(value)
  if (n < range.min || n > range.max) return { ok: false, message }
  return { ok: true, value: String(n) }
}

export type RegistryValues<S extends RegistrySection> = z.infer<(typeof REGISTRY_SCHEMAS)[S]>

// --- Reading -----------------------------------------------------------------------------------

export async function loadRegistrySection(section: RegistrySection) {
  switch (section) {
    case 'contacts':
      return { section, rows: await db.select().from(registryContacts).orderBy(registryContacts.id) }
    case 'legal-bases':
      return { section, rows: await db.select().from(legalBases).orderBy(legalBases.id) }
    case 'retention-rules':
      return { section, rows: await db.select().from(retentionRules).orderBy(retentionRules.id) }
    case 'recipients':
      return { section, rows: await db.select().from(recipients).orderBy(recipients.name) }
    case 'purposes': {
      const [rows, links, bases, rules, allRecipients] = await Promise.all([
        db.select().from(purposes).orderBy(purposes.sortOrder, purposes.id),
        db.select().from(purposeRecipients),
        db.select({ id: legalBases.id, label: legalBases.article, labelDe: legalBases.articleDe }).from(legalBases).orderBy(legalBases.id),
        db.select({ id: retentionRules.id, label: retentionRules.name, labelDe: retentionRules.nameDe }).from(retentionRules).orderBy(retentionRules.id),
        db.select({ id: recipients.id, label: recipients.name, labelDe: recipients.nameDe }).from(recipients).orderBy(recipients.name),
      ])
      return {
        section,
        rows: rows.map((p) => ({ ...p, recipientIds: links.filter((l) => l.purposeId === p.id).map((l) => l.recipientId) })),
        options: { legalBases: bases, retentionRules: rules, recipients: allRecipients },
      }
    }
    case 'settings':
      return { section, rows: await db.select().from(registrySettings).orderBy(registrySettings.key) }
  }
}

/** The archive of registry changes, newest first: who changed what, from which value to which. */
export function listRegistryHistory({ limit = 50 }: { limit?: number } = {}) {
  return db
    .select()
    .from(archivedChanges)
    .where(inArray(archivedChanges.tableName, REGISTRY_TABLES))
    .orderBy(desc(archivedChanges.id))
    .limit(limit)
}

// --- Changing ----------------------------------------------------------------------------------

export type RegistryChangeResult = { ok: true; message: string } | { ok: false; field: string; message: string }

const NOT_FOUND: RegistryChangeResult = { ok: false, field: 'form', message: msg('dpo:registryEdit.errors.notFound') }

// The archive trigger names the DPO and the reason; the audit chain gets a hash of what changed.
async function inRegistryChange(actor: Actor, what: string, change: (tx: Transaction) => Promise<RegistryChangeResult>) {
  return db.transaction(async (tx) => {
    await withChangeContext(tx, { actor, reason: `Registry: ${what}, edited by the data protection officer` })
    const result = await change(tx)
    if (result.ok) await appendAudit(tx, { kind: 'registry_changed', actor, payload: { what } })
    return result
  })
}

const changed = (n: number, message: string): RegistryChangeResult => (n > 0 ? { ok: true, message } : NOT_FOUND)

/** Saves one registry row. `key` is the row's id, or the setting's key. Values must have passed the section's schema. */
export async function updateRegistryEntry({
  section,
  key,
  values,
  recipientIds = [],
  actor,
}: {
  section: RegistrySection
  key: string
  values: Record<string, unknown>
  recipientIds?: number[]
  actor: Actor
}): Promise<RegistryChangeResult> {
  const id = /^\d{1,9}$/.test(key) ? Number(key) : null
  if (section !== 'settings' && id === null) return NOT_FOUND
  const now = new Date()
  return inRegistryChange(actor, `${section} ${key}`, async (tx) => {
    switch (section) {
      case 'contacts': {
        const v = contactSchema.parse(values)
        const rows = await tx.update(registryContacts).set({ ...v, updatedAt: now }).where(eq(registryContacts.id, id!)).returning({ id: registryContacts.id })
        return changed(rows.length, 'dpo:registryEdit.saved.contact')
      }
      case 'legal-bases': {
        const rows = await tx.update(legalBases).set(legalBasisSchema.parse(values)).where(eq(legalBases.id, id!)).returning({ id: legalBases.id })
        return changed(rows.length, 'dpo:registryEdit.saved.legalBasis')
      }
      case 'retention-rules': {
        const rows = await tx.update(retentionRules).set(retentionRuleSchema.parse(values)).where(eq(retentionRules.id, id!)).returning({ id: retentionRules.id })
        return changed(rows.length, 'dpo:registryEdit.saved.retentionRule')
      }
      case 'recipients': {
        const rows = await tx.update(recipients).set(recipientSchema.parse(values)).where(eq(recipients.id, id!)).returning({ id: recipients.id })
        return changed(rows.length, 'dpo:registryEdit.saved.recipient')
      }
      case 'purposes': {
        const v = purposeSchema.parse(values)
        const [basis] = await tx.select({ id: legalBases.id }).from(legalBases).where(eq(legalBases.id, v.legalBasisId))
        if (!basis) return { ok: false, field: 'legalBasisId', message: msg('dpo:registryEdit.errors.legalBasisFromList') }
        const [rule] = await tx.select({ id: retentionRules.id }).from(retentionRules).where(eq(retentionRules.id, v.retentionRuleId))
        if (!rule) return { ok: false, field: 'retentionRuleId', message: msg('dpo:registryEdit.errors.retentionRuleFromList') }
        const known = recipientIds.length ? await tx.select({ id: recipients.id }).from(recipients).where(inArray(recipients.id, recipientIds)) : []
        if (known.length !== new Set(recipientIds).size) return { ok: false, field: 'recipientIds', message: msg('dpo:registryEdit.errors.recipientsFromList') }
        const rows = await tx.update(purposes).set(v).where(eq(purposes.id, id!)).returning({ id: purposes.id })
        if (rows.length === 0) return NOT_FOUND
        const current = await tx.select({ recipientId: purposeRecipients.recipientId }).from(purposeRecipients).where(eq(purposeRecipients.purposeId, id!))
        const wanted = new Set(recipientIds)
        const had = new Set(current.map((c) => c.recipientId))
        const removed = [...had].filter((r) => !wanted.has(r))
        const added = [...wanted].filter((r) => !had.has(r))
        if (removed.length) await tx.delete(purposeRecipients).where(and(eq(purposeRecipients.purposeId, id!), inArray(purposeRecipients.recipientId, removed)))
        if (added.length) await tx.insert(purposeRecipients).values(added.map((recipientId) => ({ purposeId: id!, recipientId })))
        return { ok: true, message: 'dpo:registryEdit.saved.purpose' }
      }
      case 'settings': {
        const checked = checkSettingValue(key, settingSchema.parse(values).value)
        if (!checked.ok) return { ok: false, field: 'value', message: checked.message }
        const rows = await tx.update(registrySettings).set({ value: checked.value, updatedAt: now }).where(eq(registrySettings.key, key)).returning({ key: registrySettings.key })
        return changed(rows.length, 'dpo:registryEdit.saved.setting')
      }
    }
  })
}

/** Adds a recipient or a retention rule (legal holds included); other sections have a fixed set of rows. */
export async function createRegistryEntry({ section, values, actor }: { section: 'recipients' | 'retention-rules'; values: Record<string, unknown>; actor: Actor }): Promise<RegistryChangeResult> {
  return inRegistryChange(actor, `${section} new`, async (tx) => {
    if (section === 'recipients') {
      const v = recipientSchema.parse(values)
      await tx.insert(recipients).values({ ...v, slug: await uniqueSlug(tx, 'recipients', v.name) })
      return { ok: true, message: 'dpo:registryEdit.saved.recipientAdded' }
    }
    const v = retentionRuleSchema.parse(values)
    await tx.insert(retentionRules).values({ ...v, slug: await uniqueSlug(tx, 'retention-rules', v.name) })
    return { ok: true, message: 'dpo:registryEdit.saved.retentionRuleAdded' }
  })
}

// Slugs are how code refers to seeded rows; a new row gets one from its name that no other row has.
async function uniqueSlug(tx: Transaction, section: 'recipients' | 'retention-rules', name: string) {
  const base = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 50) || 'entry'
  const table = section === 'recipients' ? recipients : retentionRules
  const taken = new Set((await tx.select({ slug: table.slug }).from(table)).map((r) => r.slug))
  let slug = base
  for (let i = 2; taken.has(slug); i++) slug = `${base}_${i}`
  return slug
}
