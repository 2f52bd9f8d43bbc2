// The access package (Art. 15(3) and 20 GDPR): a ZIP with data.json (+ schema.json), one CSV per
// category and an index.html, streamed straight from one database snapshot. Every section is read
// through a cursor and written as it arrives, so memory stays flat however large the account is.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { open, unlink, type FileHandle } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { AppLoadContext } from '@remix-run/node'
import type { ReservedSql } from 'postgres'
import { and, eq, exists, lt, sql } from 'drizzle-orm'
import { db, getConnection, type Transaction } from '#db/client.server'
import { DATA_CATEGORY_SLUGS, dataSubjectRequests, dsrEvents, type DataCategorySlug } from '#db/schema'
import { csvRow } from '../domain/csv'
import { loadEnv } from '../platform/env.server'
import { createRequest, lockRequest, recordEvent, transitionRequest, type Actor } from '../requests/dsr.server'
import { DISPLAY_TIME_ZONE, formatDateTime } from '../domain/format'
import { fixedT } from '../platform/i18n.server'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import type { TFunction } from 'i18next'
import {
  CATEGORY_SPECS,
  DELETE_AT_FIELD_KEY,
  rowCells,
  getCategoryRegistry,
  RECORD_SPECS,
  sectionFields,
  streamSection,
  type CategoryMeta,
  type FieldSpec,
  type FieldType,
  type JsonValue,
  type RecordKey,
  type SectionSpec,
} from './my-data.server'
import { cellText } from './my-data-view.server'
import { actorKey, EVENT_KEYS, STATUS_KEYS, TYPE_KEYS } from '../requests/request-words'
import type { DsrStatus, DsrType } from '../requests/dsr.server'
import { keyed } from '../platform/rate-limit.server'
import { hasRecentReauth } from '../platform/reauth.server'
import { getPurposes, getRecipients, getRegistryContacts, type RegistryContact } from '../registry/registry.server'
import { AUTOMATED_DECISIONS_STATEMENT, RIGHTS } from '../domain/rights'
import { toReadableStream, zipStream, type StreamStop, type ZipEntry } from './zip-stream.server'

export const PACKAGE_FORMAT = 'privacy-portal-access-package'
export const PACKAGE_FORMAT_VERSION = 1

// Each running package holds one pooled connection (ACCESS_PACKAGE_CONCURRENCY at most at once).
let packagesRunning = 0

// --- The download ticket -----------------------------------------------------------------------

// Ties the download link to this login session, so that a link from elsewhere starts nothing.
export function downloadTicket(context: AppLoadContext) {
  return context.auth ? keyed('access-package', context.auth.session.id) : ''
}

/** The password was re-entered within the last minutes, and the link was made for this session. */
export function mayDownloadPackage(context: AppLoadContext, ticket: string | null) {
  if (!context.auth || !ticket || !hasRecentReauth(context)) return false
  const expected = Buffer.from(downloadTicket(context))
  const given = Buffer.from(ticket)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

// --- What the package says about the processing (Art. 15(1)) -----------------------------------

interface PackageContext {
  userId: string
  username: string
  requestNumber: string
  generatedAt: Date
  /** index.html, README.txt and the texts in data.json are in the customer's language; keys stay technical */
  language: Language
  t: TFunction
  connection: ReservedSql
  // the snapshot is open until data.json has read every section
  inTransaction: boolean
  categories: CategoryMeta[]
  information: Awaited<ReturnType<typeof loadInformation>>
  counts: Record<string, number>
  // the CSV rows and HTML table rows of every section, written while data.json is (see Spool)
  csv: Spool
  html: Spool
  csvSlices: Map<string, Slice>
  htmlSlices: Map<string, Slice>
}

function contactJson(contact: RegistryContact) {
  const { name, street, postalCode, city, country, email, phone, website } = contact
  return { name, street, postalCode, city, country, email, phone, website }
}

async function loadInformation(t: TFunction, language: Language) {
  const [contacts, purposes, recipients] = await Promise.all([getRegistryContacts(language), getPurposes({ language }), getRecipients({ language })])
  return {
    controller: contactJson(contacts.controller),
    dataProtectionOfficer: contactJson(contacts.dpo),
    supervisoryAuthority: contactJson(contacts.supervisoryAuthority),
    purposes: purposes.map((p) => ({
      key: p.slug,
      name: p.name,
      description: p.description,
      legalBasis: { article: p.legalBasis.article, description: p.legalBasis.description },
      retention: { name: p.retention.name, description: p.retention.description, legalReason: p.retention.legalReason },
      recipients: p.recipients.map((r) => r.name),
      categories: p.categories.map((c) => c.slug),
    })),
    recipients: recipients.map((r) => ({
      name: r.name,
      kind: r.kind,
      service: r.service,
      address: r.address,
      country: r.country,
      safeguards: r.safeguards,
      privacyUrl: r.privacyUrl,
    })),
    // the law's rights (app/lib/domain/rights.ts) in the customer's language
    rights: RIGHTS.map((r) => ({
      article: t(`emails:package.rights.${r.key}.article`),
      name: t(`emails:package.rights.${r.key}.name`),
      description: t(`emails:package.rights.${r.key}.description`),
    })),
    automatedDecisionMaking: t('emails:package.automatedDecisionsStatement'),
    complaint: t('emails:package.complaint'),
  }
}

function categoryHeader(meta: CategoryMeta) {
  return {
    name: meta.name,
    description: meta.description,
    storedFields: meta.storedFields,
    purpose: meta.purpose,
    legalBasis: meta.legalBasis,
    source: meta.source,
    recipients: meta.recipients,
    retention: meta.retention,
  }
}

// What each record is, in the customer's language (emails:package.records.<key>).
function recordTitle(t: TFunction, key: RecordKey) {
  return { title: t(`emails:package.records.${key}.title`), description: t(`emails:package.records.${key}.description`) }
}

// A column's name in index.html; data.json and the CSV files keep the field's key.
function fieldLabel(t: TFunction, section: Section, field: FieldSpec) {
  return field.key === DELETE_AT_FIELD_KEY ? t('emails:package.fields.deleteAt') : t(`emails:package.fields.${section.key}.${field.key}`)
}

const RECORD_KEYS = Object.keys(RECORD_SPECS) as RecordKey[]

// --- Sections, whatever the format ----------------------------------------------------------------

interface Section {
  key: string
  spec: SectionSpec
  fields: FieldSpec[]
}

function sections(ctx: PackageContext): { categories: (Section & { meta: CategoryMeta })[]; records: (Section & { recordKey: RecordKey })[] } {
  return {
    categories: ctx.categories.map((meta) => ({ key: meta.slug, meta, spec: CATEGORY_SPECS[meta.slug], fields: sectionFields(CATEGORY_SPECS[meta.slug]) })),
    records: RECORD_KEYS.map((recordKey) => ({
      key: RECORD_SPECS[recordKey].key,
      recordKey,
      spec: RECORD_SPECS[recordKey],
      fields: sectionFields(RECORD_SPECS[recordKey]),
    })),
  }
}

// --- One pass, three formats ------------------------------------------------------------------------

interface Slice {
  start: number
  end: number
}

/**
 * A scratch file for the CSV and HTML versions of the rows while data.json streams, so that the
 * database is read once. It is unlinked as soon as it is opened: no name, no other reader, and the
 * system frees it when it is closed or the process ends, however it ends.
 */
class Spool {
  size = 0
  private constructor(private readonly file: FileHandle) {}

  static async create() {
    const file = path.join(os.tmpdir(), `dsr-access-package-${randomBytes(12).toString('hex')}`)
    const handle = await open(file, 'wx+', 0o600)
    await unlink(file)
    return new Spool(handle)
  }

  async write(text: string) {
    const buffer = Buffer.from(text, 'utf8')
    let written = 0
    while (written < buffer.length) {
      const { bytesWritten } = await this.file.write(buffer, written, buffer.length - written, this.size + written)
      written += bytesWritten
    }
    this.size += buffer.length
  }

  async *read({ start, end }: Slice) {
    for (let at = start; at < end; ) {
      const buffer = Buffer.alloc(Math.min(SPOOL_CHUNK, end - at))
      const { bytesRead } = await this.file.read(buffer, 0, buffer.length, at)
      if (bytesRead === 0) throw new Error('The access package scratch file ended early')
      at += bytesRead
      yield buffer.subarray(0, bytesRead)
    }
  }

  close() {
    return this.file.close()
  }
}

const SPOOL_CHUNK = 64 * 1024

// Each item as a JSON object, its keys written once per section rather than per value.
function jsonObjectWriter(fields: FieldSpec[]) {
  const prefixes = fields.map((f, i) => `${i ? ',' : '{'}${JSON.stringify(f.key)}:`)
  return (values: JsonValue[]) => {
    let out = ''
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      out += prefixes[i] + (v === null ? 'null' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v))
    }
    return `${out}}`
  }
}

// Reads a section once: yields its JSON lines, and writes its CSV rows and HTML rows to the spools.
async function* readSection(ctx: PackageContext, section: Section, retentionName?: string) {
  const csvStart = ctx.csv.size
  const htmlStart = ctx.html.size
  await ctx.csv.write(csvRow(section.fields.map((f) => f.key)))
  const toJson = jsonObjectWriter(section.fields)
  const words = cellWordsOf(ctx.t, section.key)
  let count = 0
  for await (const batch of streamSection({ connection: ctx.connection, spec: section.spec, userId: ctx.userId, language: ctx.language })) {
    let json = ''
    let csv = ''
    let html = ''
    for (const values of batch) {
      json += `${count++ ? ',' : ''}\n${toJson(values)}`
      csv += csvRow(values)
      html += htmlRow(section.fields, values, retentionName, ctx.language, words)
    }
    await Promise.all([ctx.csv.write(csv), ctx.html.write(html)])
    yield json
  }
  ctx.counts[section.key] = count
  ctx.csvSlices.set(section.key, { start: csvStart, end: ctx.csv.size })
  ctx.htmlSlices.set(section.key, { start: htmlStart, end: ctx.html.size })
}

// --- data.json ------------------------------------------------------------------------------------

// Written piece by piece: a header, then each section's items one per line as the cursor yields them.
async function* dataJson(ctx: PackageContext) {
  const { categories, records } = sections(ctx)
  const header = {
    $schema: './schema.json',
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    generatedAt: ctx.generatedAt.toISOString(),
    requestNumber: ctx.requestNumber,
    dataSubject: { userId: ctx.userId, username: ctx.username },
    controller: ctx.information.controller,
    dataProtectionOfficer: ctx.information.dataProtectionOfficer,
    supervisoryAuthority: ctx.information.supervisoryAuthority,
    information: {
      purposes: ctx.information.purposes,
      recipients: ctx.information.recipients,
      rights: ctx.information.rights,
      automatedDecisionMaking: ctx.information.automatedDecisionMaking,
      complaint: ctx.information.complaint,
    },
  }
  yield `${JSON.stringify(header).slice(0, -1)},\n"categories":{`
  for (const [index, section] of categories.entries()) {
    yield `${index ? ',' : ''}\n${JSON.stringify(section.key)}:${JSON.stringify(categoryHeader(section.meta)).slice(0, -1)},"items":[`
    yield* readSection(ctx, section, section.meta.retention.name)
    yield `\n]}`
  }
  yield `\n},\n"records":{`
  for (const [index, section] of records.entries()) {
    const { title, description } = recordTitle(ctx.t, section.recordKey)
    yield `${index ? ',' : ''}\n${JSON.stringify(section.recordKey)}:{"title":${JSON.stringify(title)},"description":${JSON.stringify(description)},"items":[`
    yield* readSection(ctx, section)
    yield `\n]}`
  }
  yield `\n}}\n`
  await endSnapshot(ctx)
}

// --- schema.json ----------------------------------------------------------------------------------

const RFC3339 = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$'
const TYPE_SCHEMA: Record<FieldType, Record<string, unknown>> = {
  text: { type: 'string' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
  'date-time': { type: 'string', format: 'date-time', pattern: RFC3339 },
  date: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
  ip: { type: 'string', description: 'An IPv4 or IPv6 address.', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
  json: { type: 'object' },
}

function fieldSchema(f: FieldSpec) {
  const base = TYPE_SCHEMA[f.type]
  const type = f.nullable ? [base.type, 'null'] : base.type
  const description = f.unit ? `${f.description} (unit: ${f.unit})` : f.description
  return { ...base, type, title: f.label, description }
}

function itemsSchema(fields: FieldSpec[]) {
  return {
    type: 'array',
    description: 'Newest first.',
    items: {
      type: 'object',
      additionalProperties: false,
      required: fields.map((f) => f.key),
      properties: Object.fromEntries(fields.map((f) => [f.key, fieldSchema(f)])),
    },
  }
}

const nullableString = { type: ['string', 'null'] }
const contactSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'street', 'postalCode', 'city', 'country', 'email', 'phone', 'website'],
  properties: {
    name: { type: 'string' },
    street: { type: 'string' },
    postalCode: { type: 'string' },
    city: { type: 'string' },
    country: { type: 'string' },
    email: { type: 'string' },
    phone: nullableString,
    website: nullableString,
  },
}
const textPair = (required: string[], optional: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  required: [...required, ...optional],
  properties: Object.fromEntries([...required.map((k) => [k, { type: 'string' }]), ...optional.map((k) => [k, nullableString])]),
})
const stringArray = { type: 'array', items: { type: 'string' } }

/** The JSON Schema (2020-12) of data.json, generated from the same description that writes it. */
export function buildPackageSchema(categories: CategoryMeta[]) {
  const categorySchema = (meta: CategoryMeta) => ({
    type: 'object',
    title: meta.name,
    description: meta.description,
    additionalProperties: false,
    required: ['name', 'description', 'storedFields', 'purpose', 'legalBasis', 'source', 'recipients', 'retention', 'items'],
    properties: {
      name: { type: 'string' },
      description: { type: 'string' },
      storedFields: { ...stringArray, description: 'What the registry says this category holds.' },
      purpose: textPair(['slug', 'name', 'description']),
      legalBasis: { ...textPair(['article', 'description']), description: 'Art. 6 GDPR basis, with its article and in words.' },
      source: { ...textPair(['code', 'description']), description: 'Where the data came from (Art. 14(2)(f) GDPR).' },
      recipients: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'kind', 'service', 'country', 'safeguards'],
          properties: { name: { type: 'string' }, kind: { type: 'string' }, service: { type: 'string' }, country: nullableString, safeguards: nullableString },
        },
      },
      retention: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'description', 'legalReason', 'isLegalHold'],
        properties: { name: { type: 'string' }, description: { type: 'string' }, legalReason: nullableString, isLegalHold: { type: 'boolean' } },
      },
      items: itemsSchema(sectionFields(CATEGORY_SPECS[meta.slug])),
    },
  })
  // the format's description for programmers: English, whatever the language of the copy
  const recordSchema = (key: RecordKey) => ({
    type: 'object',
    ...recordTitle(fixedT('en'), key),
    additionalProperties: false,
    required: ['title', 'description', 'items'],
    properties: { title: { type: 'string' }, description: { type: 'string' }, items: itemsSchema(sectionFields(RECORD_SPECS[key])) },
  })
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:${PACKAGE_FORMAT}:${PACKAGE_FORMAT_VERSION}`,
    title: 'Access package: a copy of the personal data we hold about you',
    description:
      'Everything stored about one person (Art. 15 GDPR), in a structured, machine-readable form that another provider can import (Art. 20 GDPR). Times are RFC 3339 in UTC.',
    type: 'object',
    additionalProperties: false,
    required: [
      '$schema',
      'format',
      'formatVersion',
      'generatedAt',
      'requestNumber',
      'dataSubject',
      'controller',
      'dataProtectionOfficer',
      'supervisoryAuthority',
      'information',
      'categories',
      'records',
    ],
    properties: {
      $schema: { type: 'string' },
      format: { const: PACKAGE_FORMAT },
      formatVersion: { const: PACKAGE_FORMAT_VERSION },
      generatedAt: TYPE_SCHEMA['date-time'],
      requestNumber: { type: 'string', description: 'The access request this copy was made for.' },
      dataSubject: textPair(['userId', 'username']),
      controller: contactSchema,
      dataProtectionOfficer: contactSchema,
      supervisoryAuthority: { ...contactSchema, description: 'Where to complain (Art. 77 GDPR).' },
      information: {
        type: 'object',
        description: 'The information of Art. 15(1) GDPR: purposes, legal bases, recipients, retention, rights.',
        additionalProperties: false,
        required: ['purposes', 'recipients', 'rights', 'automatedDecisionMaking', 'complaint'],
        properties: {
          purposes: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['key', 'name', 'description', 'legalBasis', 'retention', 'recipients', 'categories'],
              properties: {
                key: { type: 'string' },
                name: { type: 'string' },
                description: { type: 'string' },
                legalBasis: textPair(['article', 'description']),
                retention: textPair(['name', 'description'], ['legalReason']),
                recipients: stringArray,
                categories: stringArray,
              },
            },
          },
          recipients: {
            type: 'array',
            items: textPair(['name', 'kind', 'service'], ['address', 'country', 'safeguards', 'privacyUrl']),
          },
          rights: { type: 'array', items: textPair(['article', 'name', 'description']) },
          automatedDecisionMaking: { type: 'string' },
          complaint: { type: 'string' },
        },
      },
      categories: {
        type: 'object',
        description: 'Each category of the data inventory, with its registry texts and all its items.',
        additionalProperties: false,
        required: categories.map((c) => c.slug),
        properties: Object.fromEntries(categories.map((c) => [c.slug, categorySchema(c)])),
      },
      records: {
        type: 'object',
        description: 'What your requests left behind, and other records about you.',
        additionalProperties: false,
        required: RECORD_KEYS,
        properties: Object.fromEntries(RECORD_KEYS.map((k) => [k, recordSchema(k)])),
      },
    },
  }
}

// --- CSV ------------------------------------------------------------------------------------------

function csvFile(ctx: PackageContext, section: Section) {
  return ctx.csv.read(ctx.csvSlices.get(section.key)!)
}

// --- index.html -----------------------------------------------------------------------------------

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
const NEEDS_ESCAPE = /[&<>"']/
function h(text: string | number | null | undefined) {
  const s = String(text ?? '')
  return NEEDS_ESCAPE.test(s) ? s.replace(/[&<>"']/g, (c) => ESCAPES[c]) : s
}

const PAGE_STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d2433}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.5rem 0 1.5rem}th,td{border:1px solid #d5dae3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f6}dt{font-weight:600}dd{margin:0 0 .5rem}section{border-top:2px solid #d5dae3;margin-top:2rem}.muted{color:#5b6478}
td.json{font-family:monospace;font-size:.8rem;word-break:break-all}`

// Names and addresses from the registry stay as it spells them (German), marked so inside English text; the
// country is in the customer's language.
function htmlContact(t: TFunction, title: string, c: ReturnType<typeof contactJson>) {
  return `<address><strong>${h(title)}</strong><br><span lang="de">${h(c.name)}<br>${h(c.street)}<br>${h(c.postalCode)} ${h(c.city)}</span>, ${h(c.country)}<br>${h(c.email)}${
    c.phone ? `<br>${h(t('emails:package.phone', { phone: c.phone }))}` : ''
  }${c.website ? `<br>${h(c.website)}` : ''}</address>`
}

async function* htmlTable(ctx: PackageContext, section: Section) {
  yield `<table><thead><tr>${section.fields.map((f) => `<th>${h(fieldLabel(ctx.t, section, f))}</th>`).join('')}</tr></thead><tbody>\n`
  yield* ctx.html.read(ctx.htmlSlices.get(section.key)!)
  yield `</tbody></table>\n`
  if (!ctx.counts[section.key]) yield `<p class="muted">${h(ctx.t('emails:package.nothingStored'))}</p>\n`
}

// index.html shows coded values as words in the package's language, as My data and the request pages do;
// data.json and the CSV files keep the codes (they are for machines, and described in schema.json).
type CellWords = (field: FieldSpec, value: JsonValue, text: string) => string

// Decided once per section, not per row: the package can hold 100,000 rows.
function cellWordsOf(t: TFunction, sectionKey: string): CellWords {
  if ((DATA_CATEGORY_SLUGS as readonly string[]).includes(sectionKey)) {
    const slug = sectionKey as DataCategorySlug
    return (field, value, text) => cellText(t, slug, field, value, text)
  }
  if (sectionKey !== 'requests' && sectionKey !== 'request_events') return (_field, _value, text) => text
  const keyOf = (fieldKey: string, value: string): string | undefined => {
    if (fieldKey === 'type' && sectionKey === 'requests') return TYPE_KEYS[value as DsrType]
    if (fieldKey === 'status' || fieldKey === 'fromStatus' || fieldKey === 'toStatus') return STATUS_KEYS[value as DsrStatus]
    if (fieldKey === 'kind') return EVENT_KEYS[value] ?? 'requests:event.other'
    if (fieldKey === 'actor') return actorKey(value)
    return undefined
  }
  return (field, value, text) => {
    const key = typeof value === 'string' ? keyOf(field.key, value) : undefined
    return key ? (t(key) as string) : text
  }
}

function htmlRow(fields: FieldSpec[], values: JsonValue[], retentionName: string | undefined, language: Language, words: CellWords) {
  const cells = rowCells(fields, values, retentionName, language)
  let out = '<tr>'
  for (let i = 0; i < cells.length; i++) out += `${fields[i].type === 'json' ? '<td class="json">' : '<td>'}${h(words(fields[i], values[i], cells[i]))}</td>`
  return `${out}</tr>\n`
}

async function* indexHtml(ctx: PackageContext) {
  const { t, language } = ctx
  const info = ctx.information
  const { categories, records } = sections(ctx)
  const controller = `<span lang="de">${h(info.controller.name)}</span>`
  const nobody = h(t('emails:package.nobodyOutside'))
  // the catalogue's texts carry their own <strong>/<code> markup: only the values are escaped
  yield `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${h(t('emails:package.title', { controller: info.controller.name }))}</title><style>${PAGE_STYLE}</style></head><body>
<h1>${t('emails:package.title', { controller })}</h1>
<p>${t('emails:package.intro', { username: h(ctx.username), date: h(formatDateTime(ctx.generatedAt, language)), zone: h(DISPLAY_TIME_ZONE), number: h(ctx.requestNumber) })}</p>
<h2>${h(t('emails:package.whoIsResponsible'))}</h2>${htmlContact(t, t('emails:layout.roles.controller'), info.controller)}${htmlContact(t, t('emails:layout.roles.dpo'), info.dataProtectionOfficer)}
<h2>${h(t('emails:package.automatedDecisions'))}</h2><p>${h(info.automatedDecisionMaking)}</p>
<h2>${h(t('emails:package.contents'))}</h2><ul>${categories.map((c) => `<li><a href="#category-${h(c.key)}">${h(c.meta.name)}</a></li>`).join('')}${records
    .map((r) => `<li><a href="#record-${h(r.key)}">${h(recordTitle(t, r.recordKey).title)}</a></li>`)
    .join('')}<li><a href="#purposes">${h(t('emails:package.purposes'))}</a></li><li><a href="#recipients">${h(t('emails:package.recipients'))}</a></li><li><a href="#rights">${h(
    t('emails:package.yourRights'),
  )}</a></li></ul>\n`
  for (const section of categories) {
    const m = section.meta
    yield `<section id="category-${h(section.key)}"><h2>${h(m.name)}</h2><p>${h(m.description)}</p><dl>
<dt>${h(t('emails:package.purpose'))}</dt><dd>${h(m.purpose.name)}: ${h(m.purpose.description)}</dd>
<dt>${h(t('emails:package.legalBasis'))}</dt><dd>${h(m.legalBasis.article)}: ${h(m.legalBasis.description)}</dd>
<dt>${h(t('emails:package.source'))}</dt><dd>${h(m.source.description)}</dd>
<dt>${h(t('emails:package.receivers'))}</dt><dd>${m.recipients.length ? m.recipients.map((r) => h(r.name)).join(', ') : nobody}</dd>
<dt>${h(t('emails:package.retention'))}</dt><dd>${h(m.retention.name)}. ${h(m.retention.description)}${m.retention.legalReason ? ` (${h(m.retention.legalReason)})` : ''}</dd></dl>\n`
    yield* htmlTable(ctx, section)
    yield `</section>\n`
  }
  for (const section of records) {
    const { title, description } = recordTitle(t, section.recordKey)
    yield `<section id="record-${h(section.key)}"><h2>${h(title)}</h2><p>${h(description)}</p>\n`
    yield* htmlTable(ctx, section)
    yield `</section>\n`
  }
  yield `<section id="purposes"><h2>${h(t('emails:package.purposes'))}</h2>${info.purposes
    .map(
      (p) =>
        `<h3>${h(p.name)}</h3><p>${h(p.description)}</p><dl><dt>${h(t('emails:package.legalBasis'))}</dt><dd>${h(p.legalBasis.article)}: ${h(p.legalBasis.description)}</dd><dt>${h(
          t('emails:package.howLong'),
        )}</dt><dd>${h(p.retention.name)}. ${h(p.retention.description)}</dd><dt>${h(t('emails:package.recipients'))}</dt><dd>${
          p.recipients.length ? p.recipients.map(h).join(', ') : nobody
        }</dd></dl>`,
    )
    .join('\n')}</section>
<section id="recipients"><h2>${h(t('emails:package.recipients'))}</h2><table><thead><tr><th>${h(t('emails:package.recipient'))}</th><th>${h(t('emails:package.whatFor'))}</th><th>${h(
    t('emails:package.whereSafeguards'),
  )}</th></tr></thead><tbody>${info.recipients
    .map((r) => `<tr><td>${h(r.name)}<br><span class="muted">${h(r.address)}</span></td><td>${h(r.service)}</td><td>${h(r.country)} ${h(r.safeguards)}</td></tr>`)
    .join('')}</tbody></table></section>
<section id="rights"><h2>${h(t('emails:package.yourRights'))}</h2><ul>${info.rights.map((r) => `<li><strong>${h(r.name)} (${h(r.article)})</strong>: ${h(r.description)}</li>`).join('')}</ul>
<h3>${h(t('emails:package.howToComplain'))}</h3><p>${h(info.complaint)}</p>${htmlContact(t, t('emails:layout.roles.supervisoryAuthority'), info.supervisoryAuthority)}</section>
</body></html>\n`
}

// --- The ZIP --------------------------------------------------------------------------------------

// data.json comes first: reading it fills the spools that the CSV files and index.html are copied from.
function* entries(ctx: PackageContext): Generator<ZipEntry> {
  const { categories, records } = sections(ctx)
  yield { name: 'README.txt', content: [ctx.t('emails:package.readme').replace(/\n/g, '\r\n')] }
  yield { name: 'data.json', content: dataJson(ctx) }
  yield { name: 'schema.json', content: [JSON.stringify(buildPackageSchema(ctx.categories), null, 2)] }
  for (const section of [...categories, ...records]) yield { name: `csv/${section.key}.csv`, content: csvFile(ctx, section) }
  yield { name: 'index.html', content: indexHtml(ctx) }
}

export type OpenedPackage =
  | { ok: true; filename: string; requestId: number; body: ReadableStream<Uint8Array> }
  | { ok: false; reason: 'busy' | 'already_running' | 'client_gone' }

/**
 * Records the access request (in progress) and returns the ZIP as a stream. The request is completed
 * only when the server has handed the last byte to the client's connection (markBodyDelivered); a
 * download that stops before (cancelled, stalled, the client gone) is recorded as interrupted and the
 * request stays open until a later copy reaches the customer. A client that stops reading is cut off
 * after DOWNLOAD_IDLE_TIMEOUT_SECONDS, which ends the snapshot and frees the connection and the slot.
 */
export async function openAccessPackage({
  userId,
  username,
  signal,
  language = FALLBACK_LANGUAGE,
}: {
  userId: string
  username: string
  signal?: AbortSignal
  /** the language the customer reads the portal in (decision 015) */
  language?: Language
}): Promise<OpenedPackage> {
  const env = loadEnv()
  if (packagesRunning >= env.ACCESS_PACKAGE_CONCURRENCY) return { ok: false, reason: 'busy' }
  packagesRunning++
  let connection: ReservedSql | null = null
  let locked = false
  let inTransaction = false
  const spools: Spool[] = []
  let download: DownloadRecord | null = null
  let handedOver = false
  try {
    connection = await getConnection().client.reserve()
    // one package per person at a time, across processes: a second click waits for the first
    const [row] = await connection`select pg_try_advisory_lock(hashtext('access-package'), hashtext(${userId})) as locked`
    locked = row.locked as boolean
    if (!locked) return { ok: false, reason: 'already_running' }
    const actor: Actor = { type: 'customer', id: userId }
    const request = await db.transaction(async (tx) => {
      const created = await createRequest(tx, { userId, type: 'access', status: 'in_progress', actor })
      await recordEvent(tx, { requestId: created.id, kind: 'access_package_prepared', actor })
      return created
    })
    const counts: Record<string, number> = {}
    download = new DownloadRecord({ request, actor, counts, signal })
    // one snapshot for every file, so the JSON, the CSVs and the HTML tell the same story
    inTransaction = true
    await connection`begin isolation level repeatable read read only`
    // the last resort if everything else failed to end it
    await connection`set local idle_in_transaction_session_timeout = '10min'`
    const t = fixedT(language)
    const [categories, information] = await Promise.all([getCategoryRegistry(language), loadInformation(t, language)])
    spools.push(await Spool.create(), await Spool.create())
    const ctx: PackageContext = {
      userId,
      username,
      requestNumber: request.number,
      generatedAt: new Date(),
      language,
      t,
      connection,
      inTransaction,
      categories,
      information,
      counts,
      csv: spools[0],
      html: spools[1],
      csvSlices: new Map(),
      htmlSlices: new Map(),
    }
    // gone while the copy was being prepared: nothing to send, and the stream would never start
    if (signal?.aborted) return { ok: false, reason: 'client_gone' }
    const record = download
    const body = toReadableStream(packageBytes(ctx, record), {
      idleTimeoutMs: env.DOWNLOAD_IDLE_TIMEOUT_SECONDS * 1000,
      signal,
      onStop: (reason) => record.stopped(reason),
      onDelivered: () => record.settle('delivered'),
    })
    handedOver = true
    return { ok: true, filename: `access-package-${request.number}.zip`, requestId: request.id, body }
  } finally {
    // from the hand-over on, the stream cleans up when it ends or is cancelled
    if (!handedOver) {
      // a request already recorded stays open, with why nothing was sent
      download?.settle('interrupted', signal?.aborted ? 'client_gone' : 'not_started')
      await Promise.all(spools.map((spool) => spool.close().catch(() => {})))
      if (connection) await release(connection, { lockedFor: locked ? userId : null, inTransaction })
      packagesRunning--
    }
  }
}

// Every row is read: the snapshot ends here, not when the last file has gone out.
async function endSnapshot(ctx: PackageContext) {
  if (!ctx.inTransaction) return
  ctx.inTransaction = false
  await ctx.connection`rollback`
}

const RELEASE_TIMEOUT_MS = 5_000

// Ends the snapshot, drops the per-person lock and returns the connection to the pool. The slot is the
// caller's to free as soon as this returns: a connection that does not answer within seconds is kept out
// of the pool until it does (at the latest when PostgreSQL ends the idle transaction), not waited for.
async function release(connection: ReservedSql, { lockedFor, inTransaction }: { lockedFor: string | null; inTransaction: boolean }) {
  const tidy = (async () => {
    if (inTransaction) await connection`rollback`.catch(() => {})
    if (lockedFor) await connection`select pg_advisory_unlock(hashtext('access-package'), hashtext(${lockedFor}))`.catch(() => {})
    return true
  })()
  let timer: NodeJS.Timeout | undefined
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), RELEASE_TIMEOUT_MS)))
  const tidied = await Promise.race([tidy, timedOut])
  clearTimeout(timer)
  if (tidied) return connection.release()
  console.error('Access package: its connection did not answer the rollback; it returns to the pool when it does')
  void tidy.finally(() => connection.release())
}

async function* packageBytes(ctx: PackageContext, download: DownloadRecord): AsyncGenerator<Uint8Array> {
  let finished = false
  try {
    for await (const chunk of zipStream(entries(ctx), { modifiedAt: ctx.generatedAt })) {
      download.bytes += chunk.length
      yield chunk
    }
    finished = true
  } catch (error) {
    const failure = error instanceof Error ? error.name : 'Error'
    console.error(`Access package for request ${download.requestId} failed: ${failure}`)
    download.stopped(failure)
    throw error
  } finally {
    try {
      await Promise.all([ctx.csv.close(), ctx.html.close()]).catch(() => {})
      await release(ctx.connection, { lockedFor: ctx.userId, inTransaction: ctx.inTransaction })
    } finally {
      packagesRunning--
    }
    // the last byte is produced, not yet delivered: that is the server's to say
    if (!finished) download.settle('interrupted')
  }
}

/**
 * What became of one download, recorded once: delivered (the last byte reached the client's
 * connection) completes the request; interrupted (stopped, stalled, failed, the client gone) leaves
 * it open with the reason.
 */
class DownloadRecord {
  bytes = 0
  private reason: string | null = null
  private settled = false
  readonly requestId: number

  constructor(
    private readonly input: { request: { id: number; number: string }; actor: Actor; counts: Record<string, number>; signal?: AbortSignal },
  ) {
    this.requestId = input.request.id
    // the connection closed before the response finished, whatever the stream was doing
    input.signal?.addEventListener('abort', () => this.settle('interrupted', 'client_gone'), { once: true })
  }

  stopped(reason: StreamStop | string) {
    this.reason ??= reason
  }

  settle(outcome: 'delivered' | 'interrupted', reason?: string) {
    if (this.settled) return
    this.settled = true
    if (reason) this.stopped(reason)
    const { request, actor, counts } = this.input
    const data = { bytes: this.bytes, items: counts, ...(outcome === 'interrupted' ? { reason: this.reason ?? 'unknown' } : {}) }
    const recorded =
      outcome === 'delivered'
        ? db.transaction((tx) => completeDeliveredPackage(tx, { request, actor, data }))
        : recordEvent(db, { requestId: request.id, kind: 'package_download_interrupted', actor: { type: 'system', id: null }, data })
    recorded.catch((error) => console.error(`Access package for request ${request.id}: outcome not recorded (${error instanceof Error ? error.name : 'Error'})`))
  }
}

// The copy reached the customer: this request is completed, and so are their earlier ones whose
// download stopped before the end (this copy answers them too).
async function completeDeliveredPackage(
  tx: Transaction,
  { request, actor, data }: { request: { id: number; number: string }; actor: Actor; data: Record<string, unknown> },
) {
  await recordEvent(tx, { requestId: request.id, kind: 'package_delivered', actor, data })
  const current = await lockRequest(tx, request.id)
  if (current?.status === 'in_progress') await transitionRequest(tx, { requestId: request.id, to: 'completed', actor })
  if (!current?.userId) return
  const earlier = await tx
    .select({ id: dataSubjectRequests.id })
    .from(dataSubjectRequests)
    .where(
      and(
        eq(dataSubjectRequests.userId, current.userId),
        eq(dataSubjectRequests.type, 'access'),
        eq(dataSubjectRequests.status, 'in_progress'),
        lt(dataSubjectRequests.id, request.id),
        exists(tx.select({ one: sql`1` }).from(dsrEvents).where(and(eq(dsrEvents.requestId, dataSubjectRequests.id), eq(dsrEvents.kind, 'access_package_prepared')))),
      ),
    )
  for (const { id } of earlier) {
    await transitionRequest(tx, { requestId: id, to: 'completed', actor, note: `Answered by the copy delivered for request ${request.number}.` })
  }
}

export function accessPackageHeaders(filename: string) {
  return {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  }
}

