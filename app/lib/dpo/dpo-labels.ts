// The words the DPO workspace shows for the codes it stores (event kinds, statuses, request types, actors,
// table names, registry fields): never the code itself. Each map names its keys literally so that the
// catalogue check (tests/integration/i18n-catalogues.spec.ts) sees every one of them.
import type { TFunction } from 'i18next'
import type { ActorType, DsrStatus, DsrType } from '../requests/dsr.server'
import type { RequestEventKind } from '../domain/request-events'
import type { DocumentSlug } from '../policy/policy.server'
import { formatDate } from '../domain/format'

export const DSR_TYPE_KEYS: Record<DsrType, string> = {
  access: 'dpo:type.access',
  portability: 'dpo:type.portability',
  rectification: 'dpo:type.rectification',
  erasure: 'dpo:type.erasure',
  restriction: 'dpo:type.restriction',
  objection: 'dpo:type.objection',
  consent_withdrawal: 'dpo:type.consentWithdrawal',
  other: 'dpo:type.other',
}

export const DSR_STATUS_KEYS: Record<DsrStatus, string> = {
  identity_unverified: 'dpo:status.identityUnverified',
  received: 'dpo:status.received',
  in_progress: 'dpo:status.inProgress',
  awaiting_clarification: 'dpo:status.awaitingClarification',
  completed: 'dpo:status.completed',
  denied: 'dpo:status.denied',
  withdrawn: 'dpo:status.withdrawn',
}

export const ACTOR_KEYS: Record<ActorType, string> = {
  dpo: 'dpo:actor.dpo',
  customer: 'dpo:actor.customer',
  data_subject: 'dpo:actor.dataSubject',
  system: 'dpo:actor.system',
}

export const DOCUMENT_KEYS: Record<DocumentSlug, string> = {
  privacy: 'dpo:policies.document.privacy',
  terms: 'dpo:policies.document.terms',
  cookies: 'dpo:policies.document.cookies',
}

// Request events and audit-chain entries: every kind any capability records (grep "kind:" and "action:" in app/lib).
const EVENT_KEYS: Record<RequestEventKind | 'registry_changed', string> = {
  received: 'dpo:event.received',
  identity_verified: 'dpo:event.identityVerified',
  status_changed: 'dpo:event.statusChanged',
  started: 'dpo:event.started',
  extended: 'dpo:event.extended',
  denied: 'dpo:event.denied',
  clarification_requested: 'dpo:event.clarificationRequested',
  clarification_answered: 'dpo:event.clarificationAnswered',
  marked_manifestly_unfounded: 'dpo:event.markedManifestlyUnfounded',
  note_added: 'dpo:event.noteAdded',
  completed: 'dpo:event.completed',
  withdrawn: 'dpo:event.withdrawn',
  closed_unverified: 'dpo:event.closedUnverified',
  reminder_sent: 'dpo:event.reminderSent',
  restriction_lifted: 'dpo:event.restrictionLifted',
  restricted: 'dpo:event.restricted',
  data_deleted: 'dpo:event.dataDeleted',
  data_anonymised: 'dpo:event.dataAnonymised',
  erasure_held: 'dpo:event.erasureHeld',
  cancellation_scheduled: 'dpo:event.cancellationScheduled',
  cancellation_undone: 'dpo:event.cancellationUndone',
  account_erased: 'dpo:event.accountErased',
  email_change_reported: 'dpo:event.emailChangeReported',
  reported_not_made_by_holder: 'dpo:event.reportedNotMadeByHolder',
  sessions_ended: 'dpo:event.sessionsEnded',
  rectification_decided: 'dpo:event.rectificationDecided',
  consent_withdrawn: 'dpo:event.consentWithdrawn',
  access_package_prepared: 'dpo:event.accessPackagePrepared',
  package_delivered: 'dpo:event.packageDelivered',
  package_download_interrupted: 'dpo:event.packageDownloadInterrupted',
  username_changed: 'dpo:event.usernameChanged',
  email_changed: 'dpo:event.emailChanged',
  settings_changed: 'dpo:event.settingsChanged',
  forum_name_changed: 'dpo:event.forumNameChanged',
  forum_post_edited: 'dpo:event.forumPostEdited',
  closed_account_erased: 'dpo:event.closedAccountErased',
  contact_details_changed: 'dpo:event.contactDetailsChanged',
  supplementary_statement_added: 'dpo:event.supplementaryStatementAdded',
  registry_changed: 'dpo:event.registryChanged',
}

export function eventKey(kind: string) {
  return Object.hasOwn(EVENT_KEYS, kind) ? EVENT_KEYS[kind as keyof typeof EVENT_KEYS] : 'dpo:event.other'
}

// The change reported as not made by the account holder points to the report: by its number in the step's data,
// or, written before that, in the note "See DSR-….".
const OLD_SEE_NOTE = /^See (DSR-[0-9]+-[0-9]+)\.$/

/** A step's note as the DPO reads it: the portal's own pointer in the DPO's words, anything else as written. */
export function eventNoteFor(t: TFunction, event: { kind: string; note: string | null; data: unknown }) {
  if (event.kind === 'reported_not_made_by_holder') {
    const data = event.data as { reportNumber?: unknown } | null
    const number = typeof data?.reportNumber === 'string' ? data.reportNumber : OLD_SEE_NOTE.exec(event.note ?? '')?.[1]
    if (number) return t('dpo:request.seeReport', { number })
  }
  return event.note
}

const TABLE_KEYS: Record<string, string> = {
  account_cancellations: 'dpo:table.accountCancellations',
  affiliate_partners: 'dpo:table.affiliatePartners',
  archived_changes: 'dpo:table.archivedChanges',
  audit_log: 'dpo:table.auditLog',
  consents: 'dpo:table.consents',
  contact_messages: 'dpo:table.contactMessages',
  data_categories: 'dpo:table.dataCategories',
  data_subject_requests: 'dpo:table.dataSubjectRequests',
  deletion_receipts: 'dpo:table.deletionReceipts',
  dsr_events: 'dpo:table.dsrEvents',
  email_verifications: 'dpo:table.emailVerifications',
  feed_subscriptions: 'dpo:table.feedSubscriptions',
  forum_posts: 'dpo:table.forumPosts',
  legal_bases: 'dpo:table.legalBases',
  outbox_messages: 'dpo:table.outboxMessages',
  payments: 'dpo:table.payments',
  policy_documents: 'dpo:table.policyDocuments',
  policy_notices: 'dpo:table.policyNotices',
  policy_versions: 'dpo:table.policyVersions',
  purpose_recipients: 'dpo:table.purposeRecipients',
  purposes: 'dpo:table.purposes',
  rate_limits: 'dpo:table.rateLimits',
  recipient_notifications: 'dpo:table.recipientNotifications',
  recipients: 'dpo:table.recipients',
  referrals: 'dpo:table.referrals',
  registry_contacts: 'dpo:table.registryContacts',
  registry_settings: 'dpo:table.registrySettings',
  restrictions: 'dpo:table.restrictions',
  retention_rules: 'dpo:table.retentionRules',
  sessions: 'dpo:table.sessions',
  supplementary_statements: 'dpo:table.supplementaryStatements',
  traffic_usage: 'dpo:table.trafficUsage',
  user_settings: 'dpo:table.userSettings',
  users: 'dpo:table.users',
  vpn_sessions: 'dpo:table.vpnSessions',
}

export function tableKey(table: string) {
  return Object.hasOwn(TABLE_KEYS, table) ? TABLE_KEYS[table] : 'dpo:table.other'
}

// Columns of the registry tables, as the registry editor names them.
const REGISTRY_FIELD_KEYS: Record<string, string> = {
  address: 'dpo:registry.field.address',
  article: 'dpo:registry.field.article',
  city: 'dpo:registry.field.city',
  consent_required: 'dpo:registry.field.consentRequired',
  cookie_category: 'dpo:registry.field.cookieCategory',
  country: 'dpo:registry.field.country',
  data_source: 'dpo:registry.field.dataSource',
  description: 'dpo:registry.field.description',
  email: 'dpo:registry.field.email',
  fields: 'dpo:registry.field.fields',
  id: 'dpo:registry.field.id',
  is_legal_hold: 'dpo:registry.field.isLegalHold',
  key: 'dpo:registry.field.key',
  kind: 'dpo:registry.field.kind',
  legal_basis_id: 'dpo:registry.field.legalBasisId',
  legal_reason: 'dpo:registry.field.legalReason',
  name: 'dpo:registry.field.name',
  period: 'dpo:registry.field.period',
  phone: 'dpo:registry.field.phone',
  postal_code: 'dpo:registry.field.postalCode',
  privacy_url: 'dpo:registry.field.privacyUrl',
  purpose_id: 'dpo:registry.field.purposeId',
  recipient_id: 'dpo:registry.field.recipientId',
  retention_rule_id: 'dpo:registry.field.retentionRuleId',
  role: 'dpo:registry.field.role',
  safeguards: 'dpo:registry.field.safeguards',
  service: 'dpo:registry.field.service',
  slug: 'dpo:registry.field.slug',
  sort_order: 'dpo:registry.field.sortOrder',
  source: 'dpo:registry.field.source',
  street: 'dpo:registry.field.street',
  value: 'dpo:registry.field.value',
  website: 'dpo:registry.field.website',
}

export function registryFieldKey(column: string) {
  return Object.hasOwn(REGISTRY_FIELD_KEYS, column) ? REGISTRY_FIELD_KEYS[column] : 'dpo:registry.field.other'
}

/**
 * A result message from the DPO's actions ("dpo:result.extended|{"date":"2026-…Z"}") as key and parameters, with
 * every ISO date parameter written as a date in the reader's language, ready for redirectWithToast or a field.
 */
export function localiseResult(message: string, language: 'de' | 'en'): { key: string; params?: Record<string, string | number> } {
  const bar = message.indexOf('|')
  if (bar === -1) return { key: message }
  let params: Record<string, string | number> = {}
  try {
    params = JSON.parse(message.slice(bar + 1)) as Record<string, string | number>
  } catch {
    params = {}
  }
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' && ISO_INSTANT.test(value)) params[name] = formatDate(value, language)
  }
  return { key: message.slice(0, bar), params }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
