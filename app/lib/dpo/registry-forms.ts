// The registry's forms: one schema per section, for the DPO's form in the browser and for the server
// (registry-admin.server.ts parses the values again before writing). No server code here.
import { z } from 'zod'
import { editFormSchema } from '../domain/validation/edit-form'
import { msg } from '~/i18n/translate'
import { email, multiLine, singleLine } from '../domain/validation/form'
import { parsePeriod, periodInterval } from '../domain/period'

export const REGISTRY_SECTIONS = {
  contacts: { title: 'dpo:registry.section.contacts', table: 'registry_contacts' },
  'legal-bases': { title: 'dpo:registry.section.legalBases', table: 'legal_bases' },
  'retention-rules': { title: 'dpo:registry.section.retentionRules', table: 'retention_rules' },
  recipients: { title: 'dpo:registry.section.recipients', table: 'recipients' },
  purposes: { title: 'dpo:registry.section.purposes', table: 'purposes' },
  settings: { title: 'dpo:registry.section.settings', table: 'registry_settings' },
} as const

export type RegistrySection = keyof typeof REGISTRY_SECTIONS

// the database enum recipient_kind (db/schema/registry.ts); registry-admin.server.ts checks that they agree
export const RECIPIENT_KINDS = ['processor', 'third_party', 'partner', 'public'] as const

// the languages a recipient's notices can be written in; German, the controller's, unless the DPO chose English
export const NOTICE_LANGUAGES = ['de', 'en'] as const

export function isRegistrySection(value: string | undefined): value is RegistrySection {
  return value !== undefined && Object.hasOwn(REGISTRY_SECTIONS, value)
}

// An empty optional field clears the value.
function optional<T extends z.ZodTypeAny>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), schema.nullable())
}

const httpsUrl = z
  .string()
  .trim()
  .max(500, msg('validation:tooLong', { max: 500 }))
  .url(msg('dpo:registryEdit.errors.url'))
  .refine((v) => /^https?:\/\//.test(v), msg('dpo:registryEdit.errors.httpOnly'))

// A retention period as the DPO writes it, in German or English ("90 Tage", "6 months"), stored as the
// interval PostgreSQL reads ("90 days"); the form shows it back in the reader's words (domain/period.ts).
const period = singleLine('the period', 30)
  .refine((v) => parsePeriod(v) !== null, msg('dpo:registryEdit.errors.period'))
  .transform((v) => periodInterval(parsePeriod(v)!))

// a form sends "on" or nothing; already parsed values pass through again unchanged
const checkbox = z.preprocess((v) => v === 'on' || v === true, z.boolean())

// Every text a person reads is written in German (authoritative) and English (decision 065): a required
// text in both, an optional one in both or in neither.
type Issue = { path: string; message: string }
function bothOrNeither(pairs: [english: string, german: string][]) {
  return (v: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const issues: Issue[] = []
    for (const [english, german] of pairs) {
      if (v[english] !== null && v[german] === null) issues.push({ path: german, message: msg('dpo:registryEdit.errors.germanToo') })
      if (v[english] === null && v[german] !== null) issues.push({ path: english, message: msg('dpo:registryEdit.errors.englishToo') })
    }
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message })
  }
}

const contactShape = {
  name: singleLine('the name', 200),
  street: singleLine('the street', 200),
  postalCode: singleLine('the postal code', 20),
  city: singleLine('the city', 100),
  country: singleLine('the country', 100),
  countryDe: singleLine('the country in German', 100),
  email,
  phone: optional(singleLine('the phone number', 50)),
  website: optional(httpsUrl),
}

const legalBasisShape = {
  article: singleLine('the article', 100),
  articleDe: singleLine('the article in German', 100),
  description: multiLine('the description', 4000),
  descriptionDe: multiLine('the description in German', 4000),
}

const retentionRuleShape = {
  name: singleLine('the name', 200),
  nameDe: singleLine('the name in German', 200),
  description: multiLine('the description', 4000),
  descriptionDe: multiLine('the description in German', 4000),
  period: optional(period),
  legalReason: optional(multiLine('the legal reason', 4000)),
  legalReasonDe: optional(multiLine('the legal reason in German', 4000)),
  isLegalHold: checkbox,
}

// a legal reason in both languages or in neither; a legal hold needs one
const legalReasonInBoth = bothOrNeither([['legalReason', 'legalReasonDe']])
const legalHoldNeedsReason = (v: { isLegalHold: boolean; legalReason: string | null }, ctx: z.RefinementCtx) => {
  if (v.isLegalHold && !v.legalReason) ctx.addIssue({ code: 'custom', path: ['legalReason'], message: msg('dpo:registryEdit.errors.holdNeedsReason') })
}

const recipientShape = {
  name: singleLine('the name', 200),
  nameDe: singleLine('the name in German', 200),
  kind: z.enum(RECIPIENT_KINDS, { errorMap: () => ({ message: msg('dpo:registryEdit.errors.kind') }) }),
  service: multiLine('the service', 2000),
  serviceDe: multiLine('the service in German', 2000),
  address: optional(singleLine('the address', 500)),
  country: optional(singleLine('the country', 200)),
  countryDe: optional(singleLine('the country in German', 200)),
  safeguards: optional(multiLine('the safeguards', 4000)),
  safeguardsDe: optional(multiLine('the safeguards in German', 4000)),
  privacyUrl: optional(httpsUrl),
  noticeLanguage: z.enum(NOTICE_LANGUAGES, { errorMap: () => ({ message: msg('dpo:registryEdit.errors.noticeLanguage') }) }),
}

const countryAndSafeguardsInBoth = bothOrNeither([
  ['country', 'countryDe'],
  ['safeguards', 'safeguardsDe'],
])

const idField = (message: string) => z.coerce.number({ invalid_type_error: message }).int(message).positive(message)

const purposeShape = {
  name: singleLine('the name', 200),
  nameDe: singleLine('the name in German', 200),
  description: multiLine('the description', 4000),
  descriptionDe: multiLine('the description in German', 4000),
  legalBasisId: idField(msg('dpo:registryEdit.errors.chooseLegalBasis')),
  retentionRuleId: idField(msg('dpo:registryEdit.errors.chooseRetentionRule')),
}

const settingShape = { value: singleLine('the value', 200) }

export const contactSchema = z.object(contactShape)
export const legalBasisSchema = z.object(legalBasisShape)
export const retentionRuleSchema = z.object(retentionRuleShape).superRefine(legalReasonInBoth).superRefine(legalHoldNeedsReason)
export const recipientSchema = z.object(recipientShape).superRefine(countryAndSafeguardsInBoth)
export const purposeSchema = z.object(purposeShape)
export const settingSchema = z.object(settingShape)

export const REGISTRY_SCHEMAS = {
  contacts: contactSchema,
  'legal-bases': legalBasisSchema,
  'retention-rules': retentionRuleSchema,
  recipients: recipientSchema,
  purposes: purposeSchema,
  settings: settingSchema,
} satisfies Record<RegistrySection, z.ZodTypeAny>

// What every entry's form sends besides its section's fields: the entry (absent when adding one); the button's intent.
const entryKey = { key: z.string().regex(/^[a-z0-9_]{1,64}$/).optional() }
const recipientIds = z.array(z.string().regex(/^\d{1,9}$/, msg('dpo:registryEdit.errors.recipientsFromList'))).optional()

/** The form of one entry of a section: its fields and nothing else (no mass assignment), the same rules as the server's. */
export const REGISTRY_FORM_SCHEMAS = {
  contacts: editFormSchema({ ...contactShape, ...entryKey }),
  'legal-bases': editFormSchema({ ...legalBasisShape, ...entryKey }),
  'retention-rules': editFormSchema({ ...retentionRuleShape, ...entryKey }).superRefine(legalReasonInBoth).superRefine(legalHoldNeedsReason),
  recipients: editFormSchema({ ...recipientShape, ...entryKey }).superRefine(countryAndSafeguardsInBoth),
  purposes: editFormSchema({ ...purposeShape, ...entryKey, recipientIds }),
  settings: editFormSchema({ ...settingShape, ...entryKey }),
} satisfies Record<RegistrySection, z.ZodTypeAny>
