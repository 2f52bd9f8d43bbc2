// The archive of original values (seed 004). PostgreSQL writes it (db/sql/100_archive_on_change.sql); the
// portal tells the trigger who changes data and why, and shows a person the history of their own data.
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm'
import { db, type Executor } from '#db/client.server'
import { archivedChanges, dataCategories, retentionRules } from '#db/schema'
import type { Actor } from './dsr.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { registryText } from '../registry/registry.server'
import { formatDateTime } from '../domain/format'
import { PERSONAL_DATA_TABLES, personalDataTable } from './personal-data-tables'

// The retention job's reason: the trigger does not archive the end of a retention period (decision 040).
export const RETENTION_REASON = 'retention'

export interface ChangeContext {
  actor: Actor
  reason: string
}

/**
 * Call first in a transaction that changes personal data: the archive trigger records this actor and
 * reason for every row the transaction changes. Transaction-local, so a pooled connection never carries
 * it into someone else's change. Outside a transaction the settings would end with the statement.
 */
export async function withChangeContext(executor: Executor, { actor, reason }: ChangeContext) {
  await executor.execute(
    sql`select set_config('app.actor_type', ${actor.type}, true), set_config('app.actor_id', ${actor.id ?? ''}, true), set_config('app.change_reason', ${reason}, true)`,
  )
}

export interface HistoryChange {
  field: string
  label: string
  // for a setting (a row per key): which one
  settingKey?: string
  oldValue: string
  newValue: string
}

// How values are written for the reader: dates in their language, yes and no in their words.
export interface HistoryDisplay {
  language: Language
  yes: string
  no: string
}

const ENGLISH: HistoryDisplay = { language: 'en', yes: 'yes', no: 'no' }

export interface HistoryEntry {
  id: number
  changedAt: Date
  table: string
  categorySlug: string
  operation: 'UPDATE' | 'DELETE'
  actorType: Actor['type']
  actorLabel: string
  // the change was made by this person themselves
  actorIsSelf: boolean
  reason: string | null
  changes: HistoryChange[]
}

// Bookkeeping columns that say nothing to the person about what changed.
const HIDDEN_COLUMNS = new Set(['id', 'user_id', 'updated_at'])

const LABELS: Record<string, Record<string, string>> = {
  users: {
    username: 'Username',
    email: 'Email address',
    status: 'Account status',
    account_expires_at: 'Account expires on',
    subscription_active: 'Subscription active',
    email_verified_at: 'Email address confirmed on',
    erased_at: 'Erased on',
  },
  forum_posts: { author_name: 'Forum display name', author_email: 'Email address', title: 'Title', body: 'Text' },
  contact_messages: { name: 'Name', email: 'Email address', message: 'Message' },
  payments: { paid_at: 'Payment date', transaction_number: 'Transaction number', provider_id: 'Payment provider', amount_cents: 'Amount (cents)' },
  vpn_sessions: { client_ip: 'IP address', server_id: 'VPN server', started_at: 'Start time', ended_at: 'End time' },
  traffic_usage: { bytes_used: 'Data used (bytes)' },
  referrals: { affiliate_partner_id: 'Affiliate partner', referred_at: 'Referred on' },
  restrictions: { lifted_at: 'Restriction lifted on' },
  data_subject_requests: { details: 'Request details', subject: 'Request subject' },
}

function humanise(column: string) {
  const words = column.replace(/_at$/, '_on').replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function labelOf(table: string, column: string, oldRow: Record<string, unknown>) {
  // a setting is a row per key: the key is what the person knows as the field
  if (table === 'user_settings' && column === 'value') return `Setting “${String(oldRow.key)}”`
  return LABELS[table]?.[column] ?? humanise(column)
}

export function displayValue(value: unknown, display: HistoryDisplay = ENGLISH): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'boolean') return value ? display.yes : display.no
  if (typeof value === 'object') return JSON.stringify(value)
  // timestamps come out of jsonb as ISO text
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value, display.language)
  return String(value)
}

function changesOf(
  table: string,
  operation: 'UPDATE' | 'DELETE',
  oldRow: Record<string, unknown>,
  newRow: Record<string, unknown> | null,
  display: HistoryDisplay,
): HistoryChange[] {
  const columns = Object.keys(oldRow).filter((c) => !HIDDEN_COLUMNS.has(c))
  const changed = operation === 'DELETE' || !newRow ? columns : columns.filter((c) => JSON.stringify(oldRow[c]) !== JSON.stringify(newRow[c]))
  return changed.map((field) => ({
    field,
    label: labelOf(table, field, oldRow),
    ...(table === 'user_settings' && field === 'value' ? { settingKey: String(oldRow.key) } : {}),
    oldValue: displayValue(oldRow[field], display),
    newValue: operation === 'DELETE' || !newRow ? '' : displayValue(newRow[field], display),
  }))
}

function categoryOf(table: string, oldRow: Record<string, unknown>): string {
  const known = personalDataTable(table)
  return known?.categorySlug ?? String(oldRow.category_slug ?? 'other')
}

function actorLabel(actorType: Actor['type'], actorId: string | null, userId: string) {
  switch (actorType) {
    case 'customer':
      return actorId === userId ? 'You' : 'Another account'
    case 'data_subject':
      return 'You (confirmed by email)'
    case 'dpo':
      return 'Data protection officer'
    default:
      return 'System'
  }
}

// Tables whose rows carry their category in a column, so filtering by category must look inside the row.
const TABLES_WITH_OWN_CATEGORY = PERSONAL_DATA_TABLES.filter((t) => t.archivedOnChange && t.categorySlug === null).map((t) => t.table)

export const HISTORY_PAGE_SIZE = 100

/** The archive of one person's data, newest first; `before` pages on by archive id. */
export async function listArchiveHistory({
  userId,
  categorySlug,
  before,
  limit = HISTORY_PAGE_SIZE,
  executor = db,
  display = ENGLISH,
}: {
  userId: string
  categorySlug?: string | null
  before?: number | null
  limit?: number | null
  executor?: Executor
  display?: HistoryDisplay
}): Promise<HistoryEntry[]> {
  const conditions = [eq(archivedChanges.userId, userId)]
  if (before) conditions.push(lt(archivedChanges.id, before))
  if (categorySlug) {
    const tables = PERSONAL_DATA_TABLES.filter((t) => t.categorySlug === categorySlug).map((t) => t.table)
    conditions.push(
      sql`(${tables.length ? inArray(archivedChanges.tableName, tables) : sql`false`} or (${inArray(archivedChanges.tableName, TABLES_WITH_OWN_CATEGORY)} and ${archivedChanges.oldRow} ->> 'category_slug' = ${categorySlug}))`,
    )
  }
  const query = executor
    .select()
    .from(archivedChanges)
    .where(and(...conditions))
    .orderBy(desc(archivedChanges.id))
  const rows = limit ? await query.limit(limit) : await query
  return rows.map((row) => {
    const oldRow = row.oldRow as Record<string, unknown>
    const newRow = (row.newRow as Record<string, unknown> | null) ?? null
    return {
      id: row.id,
      changedAt: row.changedAt,
      table: row.tableName,
      categorySlug: categoryOf(row.tableName, oldRow),
      operation: row.operation,
      actorType: row.actorType,
      actorLabel: actorLabel(row.actorType, row.actorId, userId),
      actorIsSelf: row.actorType === 'data_subject' || (row.actorType === 'customer' && row.actorId === userId),
      reason: row.reason,
      changes: changesOf(row.tableName, row.operation, oldRow, newRow, display),
    }
  })
}

// The archive itself and cookies are never changed in place, nor completed by a statement.
const WITHOUT_HISTORY = new Set(['archive', 'cookies'])

/** The categories the history can be filtered by, named as the registry names them. */
export async function listHistoryCategories(executor: Executor = db, language: Language = FALLBACK_LANGUAGE) {
  // statements and restrictions are archived under the category they are about, so nearly every category can have history
  const rows = await executor
    .select({ slug: dataCategories.slug, name: dataCategories.name, nameDe: dataCategories.nameDe })
    .from(dataCategories)
    .orderBy(asc(dataCategories.sortOrder), asc(dataCategories.id))
  return [...rows.filter((r) => !WITHOUT_HISTORY.has(r.slug)).map((r) => ({ slug: r.slug, name: registryText(r.name, r.nameDe, language) })), { slug: 'requests', name: 'Your requests' }]
}

/** How long the archive is kept: the registry's rule for the archive category. */
export async function getArchiveRetention(executor: Executor = db, language: Language = FALLBACK_LANGUAGE) {
  const [found] = await executor
    .select({ name: retentionRules.name, nameDe: retentionRules.nameDe, description: retentionRules.description, descriptionDe: retentionRules.descriptionDe })
    .from(dataCategories)
    .innerJoin(retentionRules, eq(retentionRules.id, dataCategories.retentionRuleId))
    .where(eq(dataCategories.slug, 'archive'))
  return found ? { name: registryText(found.name, found.nameDe, language), description: registryText(found.description, found.descriptionDe, language) } : null
}
