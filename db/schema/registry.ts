// The registry: who processes what, why, on which legal basis, for how long, shared with whom.
// Every page, export and email reads these rows; nothing here is ever a constant in a component.
// Texts a person reads exist in German (*_de, the controller's authoritative language) and English; the
// DPO edits both (decision 065). Required German columns have no default: whoever adds a row writes it.
import { sql } from 'drizzle-orm'
import { languageCheck, type EmailLanguage } from './language'
import {
  boolean,
  index,
  integer,
  interval,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from 'drizzle-orm/pg-core'

export const contactRole = pgEnum('contact_role', ['controller', 'dpo', 'supervisory_authority'])

export const registryContacts = pgTable('registry_contacts', {
  id: serial('id').primaryKey(),
  role: contactRole('role').notNull().unique(),
  name: text('name').notNull(),
  street: text('street').notNull(),
  postalCode: text('postal_code').notNull(),
  city: text('city').notNull(),
  country: text('country').notNull(),
  // German, authoritative ("Deutschland"); empty on a row written before it existed, which then shows the English
  countryDe: text('country_de').notNull().default(''),
  email: text('email').notNull(),
  phone: text('phone'),
  website: text('website'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const legalBases = pgTable('legal_bases', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  article: text('article').notNull(),
  articleDe: text('article_de').notNull(),
  description: text('description').notNull(),
  descriptionDe: text('description_de').notNull(),
})

export const retentionRules = pgTable('retention_rules', {
  id: serial('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nameDe: text('name_de').notNull(),
  description: text('description').notNull(),
  descriptionDe: text('description_de').notNull(),
  // null: no fixed period (e.g. "while registered"); the description says what ends it
  period: interval('period'),
  // the law or reason that requires keeping data this long (legal holds), null for plain purpose limits
  legalReason: text('legal_reason'),
  legalReasonDe: text('legal_reason_de'),
  isLegalHold: boolean('is_legal_hold').notNull().default(false),
})

export const recipientKind = pgEnum('recipient_kind', ['processor', 'third_party', 'partner', 'public'])

export const recipients = pgTable(
  'recipients',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    nameDe: text('name_de').notNull(),
    kind: recipientKind('kind').notNull(),
    service: text('service').notNull(),
    serviceDe: text('service_de').notNull(),
    address: text('address'),
    country: text('country'),
    countryDe: text('country_de'),
    safeguards: text('safeguards'),
    safeguardsDe: text('safeguards_de'),
    privacyUrl: text('privacy_url'),
    // the language its notices under Art. 19 are written in: German, the controller's, unless the DPO chose English
    noticeLanguage: text('notice_language').$type<EmailLanguage>().notNull().default('de'),
  },
  (t) => [languageCheck('recipients', t.noticeLanguage)],
)

export const dataSource = pgEnum('data_source', ['data_subject', 'our_systems', 'affiliate', 'payment_provider'])

export const purposes = pgTable(
  'purposes',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    nameDe: text('name_de').notNull(),
    description: text('description').notNull(),
    descriptionDe: text('description_de').notNull(),
    legalBasisId: integer('legal_basis_id').notNull().references(() => legalBases.id),
    retentionRuleId: integer('retention_rule_id').notNull().references(() => retentionRules.id),
    consentRequired: boolean('consent_required').notNull().default(false),
    // cookie banner category for consent purposes that set cookies: analytics, marketing, external_media
    cookieCategory: text('cookie_category'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('purposes_legal_basis_id_idx').on(t.legalBasisId),
    index('purposes_retention_rule_id_idx').on(t.retentionRuleId),
  ],
)

export const purposeRecipients = pgTable(
  'purpose_recipients',
  {
    purposeId: integer('purpose_id').notNull().references(() => purposes.id, { onDelete: 'cascade' }),
    recipientId: integer('recipient_id').notNull().references(() => recipients.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.purposeId, t.recipientId] }), index('purpose_recipients_recipient_id_idx').on(t.recipientId)],
)

// One row per category of the data inventory; My data, the access package and the privacy notice list these.
export const dataCategories = pgTable(
  'data_categories',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    nameDe: text('name_de').notNull(),
    description: text('description').notNull(),
    descriptionDe: text('description_de').notNull(),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    fieldsDe: text('fields_de').array().notNull().default(sql`'{}'::text[]`),
    purposeId: integer('purpose_id').notNull().references(() => purposes.id),
    retentionRuleId: integer('retention_rule_id').notNull().references(() => retentionRules.id),
    source: dataSource('source').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    index('data_categories_purpose_id_idx').on(t.purposeId),
    index('data_categories_retention_rule_id_idx').on(t.retentionRuleId),
  ],
)

// Tunable numbers the policies promise (cooling-off days, notice periods), edited by the DPO.
export const registrySettings = pgTable('registry_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  description: text('description').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})
