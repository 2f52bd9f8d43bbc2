// Reads the registry (controller, DPO, supervisory authority, purposes, ...) for pages, exports and emails.
import { asc, eq } from 'drizzle-orm'
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

export type RegistryContact = typeof registryContacts.$inferSelect
export interface RegistryContacts {
  controller: RegistryContact
  dpo: RegistryContact
  supervisoryAuthority: RegistryContact
}

export async function getRegistryContacts(executor: Executor = db): Promise<RegistryContacts> {
  const rows = await executor.select().from(registryContacts)
  const byRole = Object.fromEntries(rows.map((r) => [r.role, r]))
  if (!byRole.controller || !byRole.dpo || !byRole.supervisory_authority) {
    throw new Error('The registry lacks a controller, DPO or supervisory authority row: run `npm run db:seed`.')
  }
  return { controller: byRole.controller, dpo: byRole.dpo, supervisoryAuthority: byRole.supervisory_authority }
}

export async function getRegistrySetting(key: string, executor: Executor = db): Promise<string | undefined> {
  const [row] = await executor.select().from(registrySettings).where(eq(registrySettings.key, key))
  return row?.value
}

export type PurposeWithDetails = Awaited<ReturnType<typeof getPurposes>>[number]

// Every purpose with its legal basis, retention rule, recipients and data categories, in display order.
export async function getPurposes(executor: Executor = db) {
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
      .orderBy(asc(recipients.name)),
  ])
  return purposeRows.map(({ purpose, legalBasis, retention }) => ({
    ...purpose,
    legalBasis,
    retention,
    recipients: recipientRows.filter((r) => r.purposeId === purpose.id).map((r) => r.recipient),
    categories: categoryRows.filter((c) => c.category.purposeId === purpose.id).map((c) => ({ ...c.category, retention: c.retention })),
  }))
}

export function getRecipients(executor: Executor = db) {
  return executor.select().from(recipients).orderBy(asc(recipients.name))
}
