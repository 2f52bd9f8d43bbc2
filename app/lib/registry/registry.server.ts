// Reads the registry (controller, DPO, supervisory authority, purposes, ...) for pages, exports and emails.
// Texts come in the reader's language: each row holds German (*_de, authoritative) and English (decision 065).
import { asc, eq, sql, type SQL } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import {
  dataCategories,
  legalBases,
  purposeRecipients,
  purposes,
  recipients,
  registryContacts,
  registrySettings,
  retentionRules,
} from '#db/schema'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'

type RegistryContactRow = typeof registryContacts.$inferSelect
/** A contact as its reader reads it: the country in the reader's language; name and address as spelled. */
export type RegistryContact = Omit<RegistryContactRow, 'countryDe'>
export interface RegistryContacts {
  controller: RegistryContact
  dpo: RegistryContact
  supervisoryAuthority: RegistryContact
}

export function localizeContact({ countryDe, ...row }: RegistryContactRow, language: Language): RegistryContact {
  return { ...row, country: registryText(row.country, countryDe, language) }
}

/** The controller, the DPO and the supervisory authority, in the reader's language. */
export async function getRegistryContacts(language: Language, executor: Executor = db): Promise<RegistryContacts> {
  const rows = await executor.select().from(registryContacts)
  const byRole = Object.fromEntries(rows.map((r) => [r.role, localizeContact(r, language)]))
  if (!byRole.controller || !byRole.dpo || !byRole.supervisory_authority) {
    throw new Error('The registry lacks a controller, DPO or supervisory authority row: run `npm run db:seed`.')
  }
  return { controller: byRole.controller, dpo: byRole.dpo, supervisoryAuthority: byRole.supervisory_authority }
}

export async function getRegistrySetting(key: string, executor: Executor = db): Promise<string | undefined> {
  const [row] = await executor.select().from(registrySettings).where(eq(registrySettings.key, key))
  return row?.value
}

// --- Texts in the reader's language ----------------------------------------------------------------

export interface RegistryReadOptions {
  executor?: Executor
  language?: Language
}

// The DPO's editor requires both languages and db/seed.ts fills every seeded row, so German is there; a
// row added some other way without it shows its English until the DPO writes the German.
/** A registry text in the reader's language: the German column, or the English one where it is empty. */
export function registryText(en: string, de: string, language: Language) {
  return language === 'de' && de.trim() !== '' ? de : en
}

/** A data category's name in the reader's language, or null for a slug the registry does not know. */
export async function categoryNameOf(slug: string, language: Language = FALLBACK_LANGUAGE, executor: Executor = db) {
  const [row] = await executor.select({ name: dataCategories.name, nameDe: dataCategories.nameDe }).from(dataCategories).where(eq(dataCategories.slug, slug))
  return row ? registryText(row.name, row.nameDe, language) : null
}

/** registryText in SQL, for queries that read registry columns directly. */
export function registryTextSql(en: SQL, de: SQL, language: Language) {
  return sql<string | null>`${language === 'de' ? sql`coalesce(nullif(${de}, ''), ${en})` : en}`
}

function optionalText(en: string | null, de: string | null, language: Language) {
  return en === null ? null : registryText(en, de ?? '', language)
}

type LegalBasisRow = typeof legalBases.$inferSelect
type RetentionRuleRow = typeof retentionRules.$inferSelect
type RecipientRow = typeof recipients.$inferSelect
type PurposeRow = typeof purposes.$inferSelect
type DataCategoryRow = typeof dataCategories.$inferSelect

export function localizeLegalBasis({ articleDe, descriptionDe, ...row }: LegalBasisRow, language: Language) {
  return { ...row, article: registryText(row.article, articleDe, language), description: registryText(row.description, descriptionDe, language) }
}

export function localizeRetentionRule({ nameDe, descriptionDe, legalReasonDe, ...row }: RetentionRuleRow, language: Language) {
  return {
    ...row,
    name: registryText(row.name, nameDe, language),
    description: registryText(row.description, descriptionDe, language),
    legalReason: optionalText(row.legalReason, legalReasonDe, language),
  }
}

export function localizeRecipient({ nameDe, serviceDe, countryDe, safeguardsDe, ...row }: RecipientRow, language: Language) {
  return {
    ...row,
    name: registryText(row.name, nameDe, language),
    service: registryText(row.service, serviceDe, language),
    country: optionalText(row.country, countryDe, language),
    safeguards: optionalText(row.safeguards, safeguardsDe, language),
  }
}

export function localizePurpose({ nameDe, descriptionDe, ...row }: PurposeRow, language: Language) {
  return { ...row, name: registryText(row.name, nameDe, language), description: registryText(row.description, descriptionDe, language) }
}

export function localizeDataCategory({ nameDe, descriptionDe, fieldsDe, ...row }: DataCategoryRow, language: Language) {
  const german = language === 'de' && fieldsDe.length === row.fields.length
  return {
    ...row,
    name: registryText(row.name, nameDe, language),
    description: registryText(row.description, descriptionDe, language),
    fields: german ? fieldsDe : row.fields,
  }
}

// Alphabetical in the reader's language, by the database's collation as before there were two languages.
function recipientOrder(language: Language) {
  return asc(registryTextSql(sql`${recipients.name}`, sql`${recipients.nameDe}`, language))
}

export type LegalBasis = ReturnType<typeof localizeLegalBasis>
export type RetentionRule = ReturnType<typeof localizeRetentionRule>
export type Recipient = ReturnType<typeof localizeRecipient>
export type PurposeWithDetails = Awaited<ReturnType<typeof getPurposes>>[number]

/** Every purpose with its legal basis, retention rule, recipients and data categories, in display order. */
export async function getPurposes({ executor = db, language = FALLBACK_LANGUAGE }: RegistryReadOptions = {}) {
  const [purposeRows, categoryRows, recipientRows] = await Promise.all([
    executor
      .select({ purpose: purposes, legalBasis: legalBases, retention: retentionRules })
      .from(purposes)
      .innerJoin(legalBases, eq(purposes.legalBasisId, legalBases.id))
      .innerJoin(retentionRules, eq(purposes.retentionRuleId, retentionRules.id))
      .orderBy(asc(purposes.sortOrder), asc(purposes.id)),
    executor
      .select({ category: dataCategories, retention: retentionRules })
      .from(dataCategories)
      .innerJoin(retentionRules, eq(dataCategories.retentionRuleId, retentionRules.id))
      .orderBy(asc(dataCategories.sortOrder), asc(dataCategories.id)),
    executor
      .select({ purposeId: purposeRecipients.purposeId, recipient: recipients })
      .from(purposeRecipients)
      .innerJoin(recipients, eq(purposeRecipients.recipientId, recipients.id))
      .orderBy(recipientOrder(language)),
  ])
  const localRecipients = recipientRows.map((r) => ({ purposeId: r.purposeId, recipient: localizeRecipient(r.recipient, language) }))
  return purposeRows.map(({ purpose, legalBasis, retention }) => ({
    ...localizePurpose(purpose, language),
    legalBasis: localizeLegalBasis(legalBasis, language),
    retention: localizeRetentionRule(retention, language),
    recipients: localRecipients.filter((r) => r.purposeId === purpose.id).map((r) => r.recipient),
    categories: categoryRows
      .filter((c) => c.category.purposeId === purpose.id)
      .map((c) => ({ ...localizeDataCategory(c.category, language), retention: localizeRetentionRule(c.retention, language) })),
  }))
}

/** Every recipient, in alphabetical order of its name in that language. */
export async function getRecipients({ executor = db, language = FALLBACK_LANGUAGE }: RegistryReadOptions = {}) {
  const rows = await executor.select().from(recipients).orderBy(recipientOrder(language))
  return rows.map((r) => localizeRecipient(r, language))
}
