// Every table that holds personal data, and how its rows belong to a person. The archive trigger list in
// db/sql/100_archive_on_change.sql (personal_data_tables()) must name exactly the tables marked
// archivedOnChange here; tests/integration/archive.spec.ts holds the two together.
import type { DataCategorySlug, RetentionRuleSlug } from '#db/schema'

export interface PersonalDataTable {
  table: string
  /** the data category of My data; 'requests' for the request records; null: the row's own category_slug says */
  categorySlug: DataCategorySlug | 'requests' | null
  /** how a row is tied to a person: the user id column (the users row itself: 'id'), and/or an email column for people without an account */
  userIdColumn: string | null
  emailColumn: string | null
  /** rows kept after cancellation or erasure, blocked, under this retention rule (a legal hold); null: deleted with the account */
  legalHold: RetentionRuleSlug | null
  /** an archive-on-change trigger copies the row before every UPDATE or DELETE */
  archivedOnChange: boolean
}

export const PERSONAL_DATA_TABLES: readonly PersonalDataTable[] = [
  // the row stays as a tombstone (erased_at) so that legal holds keep their owner
  { table: 'users', categorySlug: 'account', userIdColumn: 'id', emailColumn: 'email', legalHold: null, archivedOnChange: true },
  { table: 'payments', categorySlug: 'payments', userIdColumn: 'user_id', emailColumn: null, legalHold: 'statutory_tax', archivedOnChange: true },
  { table: 'vpn_sessions', categorySlug: 'vpn_sessions', userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: true },
  { table: 'traffic_usage', categorySlug: 'traffic', userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: true },
  { table: 'user_settings', categorySlug: 'settings', userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: true },
  { table: 'referrals', categorySlug: 'affiliate', userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: true },
  { table: 'contact_messages', categorySlug: 'contact_messages', userIdColumn: 'user_id', emailColumn: 'email', legalHold: null, archivedOnChange: true },
  { table: 'forum_posts', categorySlug: 'forum_posts', userIdColumn: 'user_id', emailColumn: 'author_email', legalHold: null, archivedOnChange: true },
  { table: 'feed_subscriptions', categorySlug: 'feed_subscriptions', userIdColumn: 'user_id', emailColumn: 'email', legalHold: null, archivedOnChange: true },
  { table: 'supplementary_statements', categorySlug: null, userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: true },
  { table: 'restrictions', categorySlug: null, userIdColumn: 'user_id', emailColumn: 'email', legalHold: null, archivedOnChange: true },
  { table: 'data_subject_requests', categorySlug: 'requests', userIdColumn: 'user_id', emailColumn: 'email', legalHold: 'requests_records', archivedOnChange: true },
  { table: 'account_cancellations', categorySlug: 'account', userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: true },
  // append-only or derived records: no archive trigger (nothing in them is ever changed in place)
  { table: 'consents', categorySlug: 'consents', userIdColumn: 'user_id', emailColumn: 'email', legalHold: 'consent_proof', archivedOnChange: false },
  { table: 'archived_changes', categorySlug: 'archive', userIdColumn: 'user_id', emailColumn: null, legalHold: 'archive_conflict_resolution', archivedOnChange: false },
  { table: 'recipient_notifications', categorySlug: 'requests', userIdColumn: 'user_id', emailColumn: null, legalHold: 'requests_records', archivedOnChange: false },
  { table: 'deletion_receipts', categorySlug: 'requests', userIdColumn: 'user_id', emailColumn: null, legalHold: 'requests_records', archivedOnChange: false },
  { table: 'sessions', categorySlug: null, userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: false },
  { table: 'email_verifications', categorySlug: null, userIdColumn: 'user_id', emailColumn: 'email', legalHold: null, archivedOnChange: false },
  { table: 'outbox_messages', categorySlug: null, userIdColumn: 'user_id', emailColumn: 'to_address', legalHold: null, archivedOnChange: false },
  { table: 'policy_notices', categorySlug: null, userIdColumn: 'user_id', emailColumn: null, legalHold: null, archivedOnChange: false },
]

export const ARCHIVED_TABLES = PERSONAL_DATA_TABLES.filter((t) => t.archivedOnChange).map((t) => t.table)

export function personalDataTable(table: string) {
  return PERSONAL_DATA_TABLES.find((t) => t.table === table) ?? null
}

// Categories the customer cannot edit (our systems or a payment provider made them): a correction goes to the DPO
// as a request, and the data is restricted until it is decided.
export const CORRECTION_CATEGORIES = ['payments', 'vpn_sessions', 'traffic', 'affiliate'] as const satisfies readonly DataCategorySlug[]
export type CorrectionCategory = (typeof CORRECTION_CATEGORIES)[number]
// Of those, the ones whose records are single rows that a request can name.
export const CORRECTABLE_ROW_CATEGORIES: readonly CorrectionCategory[] = ['payments', 'vpn_sessions']

// Tables with a column that looks personal (user_id, an email, an actor) whose rows are nevertheless no
// customer's personal data to erase, and why. tests/integration/cancellation.spec.ts fails on any table
// with such a column that is in neither list, so a new table must be classified here before it lands.
export const NOT_PERSONAL_DATA_TABLES: Readonly<Record<string, string>> = {
  affiliate_partners: 'the business contact of a partner company, not of a customer',
  registry_contacts: 'the controller, DPO and supervisory authority as published in the privacy notice',
  audit_log: 'ids, kinds and hashes only: the chain must outlive the rows it speaks of',
  audit_anchors: "the audit chain's head, signed; actor_id names the DPO who took a checkpoint, as staff",
  dsr_events: 'part of the request records: tied to a person only through data_subject_requests, deleted with it (on delete cascade)',
  policy_versions: 'created_by_id names the DPO who wrote a version, as staff, not as a data subject',
}
