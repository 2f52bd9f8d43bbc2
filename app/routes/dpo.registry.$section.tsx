import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { z } from 'zod'
import { errorAt, fieldProps, formErrorReply } from '~/components/ui/conform'
import { Field, FieldErrorText, FormError, SelectField, TextAreaField } from '~/components/ui/field'
import { requireDpo } from '~/lib/platform/auth.server'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { msg, pageTitle } from '~/i18n/translate'
import type { Language } from '~/i18n/config'
import { registryText } from '~/lib/registry/registry.server'
import {
  createRegistryEntry,
  isRegistrySection,
  RECIPIENT_KINDS,
  loadRegistrySection,
  numericSettingRange,
  REGISTRY_SECTIONS,
  updateRegistryEntry,
  type RegistrySection,
} from '~/lib/dpo/registry-admin.server'
import { NOTICE_LANGUAGES, REGISTRY_FORM_SCHEMAS } from '~/lib/dpo/registry-forms'
import { formatPeriod } from '~/lib/domain/period'
import { intentOf } from '~/lib/domain/validation/form'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, data?.title ?? 'dpo:registry.title')

type FieldKind = 'text' | 'email' | 'url' | 'textarea' | 'checkbox' | 'select' | 'checkboxes'
// label and hint are catalogue keys; options' labels are words (registry texts in the page's language) or keys
interface FieldSpec {
  name: string
  label: string
  kind: FieldKind
  hint?: string
  options?: { value: string; label: string; lang?: 'en' }[]
  optional?: boolean
  // the language the text is written in: German (authoritative) and English side by side (decision 065)
  lang?: 'de' | 'en'
}

// A text a person reads, as a German and an English field.
function bilingual(spec: Omit<FieldSpec, 'name' | 'label' | 'lang'> & { name: string; label: string }): FieldSpec[] {
  return [
    { ...spec, name: `${spec.name}De`, lang: 'de' },
    { ...spec, lang: 'en' },
  ]
}

// Rows seeded or added before the German columns existed, until the DPO writes their German.
function germanMissing(values: Record<string, unknown>, fields: FieldSpec[]) {
  return fields.some((f) => f.lang === 'de' && !f.optional && str(values[f.name]).trim() === '')
}

function sectionOf(params: { section?: string }): RegistrySection {
  if (!isRegistrySection(params.section)) throw new Response('Not found', { status: 404 })
  return params.section
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))

// The words for the codes a section shows, named literally so that the catalogue check sees them.
const ROLE_KEYS = { controller: 'dpo:registryEdit.role.controller', dpo: 'dpo:registryEdit.role.dpo', supervisory_authority: 'dpo:registryEdit.role.supervisoryAuthority' } as const
const KIND_KEYS: Record<(typeof RECIPIENT_KINDS)[number], string> = {
  processor: 'dpo:registryEdit.kind.processor',
  third_party: 'dpo:registryEdit.kind.thirdParty',
  partner: 'dpo:registryEdit.kind.partner',
  public: 'dpo:registryEdit.kind.public',
}
const NOTICE_LANGUAGE_KEYS: Record<(typeof NOTICE_LANGUAGES)[number], string> = {
  de: 'dpo:registryEdit.noticeLanguage.de',
  en: 'dpo:registryEdit.noticeLanguage.en',
}

// An entry's heading: a catalogue key (contacts), a registry text in the page's language (lang="en" where the
// German one is still missing), or a setting's key shown as code.
type Title = { key: string } | { text: string; lang?: 'en' } | { code: string }
type Entry = {
  key: string
  title: Title
  // the name tests and screen readers know the form by: the heading's words
  slug?: string
  legalHold?: boolean
  // a setting's description: written in English only (registry_settings has no German column)
  description?: string
  range?: { min: number; max: number }
  values: Record<string, unknown>
}

function textTitle(en: string, de: string, language: Language): Title {
  const text = registryText(en, de, language)
  return language === 'de' && text === en && de.trim() === '' ? { text, lang: 'en' } : { text }
}

// What each section's form shows; the values come from the database, the rules from registry-admin.server.ts.
async function viewOf(section: RegistrySection, language: Language): Promise<{ fields: FieldSpec[]; rows: Entry[]; canCreate: boolean }> {
  const loaded = await loadRegistrySection(section)
  switch (loaded.section) {
    case 'contacts':
      return {
        fields: [
          { name: 'name', label: 'dpo:registryEdit.field.name', kind: 'text' },
          { name: 'street', label: 'dpo:registryEdit.field.street', kind: 'text' },
          { name: 'postalCode', label: 'dpo:registryEdit.field.postalCode', kind: 'text' },
          { name: 'city', label: 'dpo:registryEdit.field.city', kind: 'text' },
          ...bilingual({ name: 'country', label: 'dpo:registryEdit.field.country', kind: 'text' }),
          { name: 'email', label: 'dpo:registryEdit.field.email', kind: 'email' },
          { name: 'phone', label: 'dpo:registryEdit.field.phone', kind: 'text', optional: true },
          { name: 'website', label: 'dpo:registryEdit.field.website', kind: 'url', optional: true },
        ],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: { key: ROLE_KEYS[r.role] },
          values: { name: r.name, street: r.street, postalCode: r.postalCode, city: r.city, country: r.country, countryDe: r.countryDe, email: r.email, phone: str(r.phone), website: str(r.website) },
        })),
        canCreate: false,
      }
    case 'legal-bases':
      return {
        fields: [...bilingual({ name: 'article', label: 'dpo:registryEdit.field.article', kind: 'text' }), ...bilingual({ name: 'description', label: 'dpo:registryEdit.field.description', kind: 'textarea' })],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: textTitle(r.article, r.articleDe, language),
          slug: r.slug,
          values: { article: r.article, articleDe: r.articleDe, description: r.description, descriptionDe: r.descriptionDe },
        })),
        canCreate: false,
      }
    case 'retention-rules':
      return {
        fields: [
          ...bilingual({ name: 'name', label: 'dpo:registryEdit.field.name', kind: 'text' }),
          ...bilingual({ name: 'description', label: 'dpo:registryEdit.field.description', kind: 'textarea' }),
          { name: 'period', label: 'dpo:registryEdit.field.period', kind: 'text', hint: 'dpo:registryEdit.hint.period', optional: true },
          ...bilingual({ name: 'legalReason', label: 'dpo:registryEdit.field.legalReason', kind: 'textarea', hint: 'dpo:registryEdit.hint.legalReason', optional: true }),
          { name: 'isLegalHold', label: 'dpo:registryEdit.field.isLegalHold', kind: 'checkbox' },
        ],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: textTitle(r.name, r.nameDe, language),
          slug: r.slug,
          legalHold: r.isLegalHold,
          values: {
            name: r.name,
            nameDe: r.nameDe,
            description: r.description,
            descriptionDe: r.descriptionDe,
            // as the reader writes it ("90 Tage"); saved again, it parses back to the same interval
            period: formatPeriod(fixedT(language), r.period),
            legalReason: str(r.legalReason),
            legalReasonDe: str(r.legalReasonDe),
            isLegalHold: r.isLegalHold,
          },
        })),
        canCreate: true,
      }
    case 'recipients':
      return {
        fields: [
          ...bilingual({ name: 'name', label: 'dpo:registryEdit.field.name', kind: 'text' }),
          { name: 'kind', label: 'dpo:registryEdit.field.kind', kind: 'select', options: RECIPIENT_KINDS.map((k) => ({ value: k, label: KIND_KEYS[k] })) },
          ...bilingual({ name: 'service', label: 'dpo:registryEdit.field.service', kind: 'textarea' }),
          { name: 'address', label: 'dpo:registryEdit.field.address', kind: 'text', optional: true },
          ...bilingual({ name: 'country', label: 'dpo:registryEdit.field.country', kind: 'text', optional: true }),
          ...bilingual({ name: 'safeguards', label: 'dpo:registryEdit.field.safeguards', kind: 'textarea', optional: true }),
          { name: 'privacyUrl', label: 'dpo:registryEdit.field.privacyUrl', kind: 'url', optional: true },
          {
            name: 'noticeLanguage',
            label: 'dpo:registryEdit.field.noticeLanguage',
            kind: 'select',
            hint: 'dpo:registryEdit.hint.noticeLanguage',
            options: NOTICE_LANGUAGES.map((l) => ({ value: l, label: NOTICE_LANGUAGE_KEYS[l] })),
          },
        ],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: textTitle(r.name, r.nameDe, language),
          slug: r.slug,
          values: {
            name: r.name,
            nameDe: r.nameDe,
            kind: r.kind,
            service: r.service,
            serviceDe: r.serviceDe,
            address: str(r.address),
            country: str(r.country),
            countryDe: str(r.countryDe),
            safeguards: str(r.safeguards),
            safeguardsDe: str(r.safeguardsDe),
            privacyUrl: str(r.privacyUrl),
            noticeLanguage: r.noticeLanguage,
          },
        })),
        canCreate: true,
      }
    case 'purposes': {
      const option = (o: { id: number; label: string; labelDe: string }) => {
        const title = textTitle(o.label, o.labelDe, language)
        return 'text' in title ? { value: String(o.id), label: title.text, lang: title.lang } : { value: String(o.id), label: o.label }
      }
      return {
        fields: [
          ...bilingual({ name: 'name', label: 'dpo:registryEdit.field.name', kind: 'text' }),
          ...bilingual({ name: 'description', label: 'dpo:registryEdit.field.description', kind: 'textarea' }),
          { name: 'legalBasisId', label: 'dpo:registryEdit.field.legalBasisId', kind: 'select', options: loaded.options.legalBases.map(option) },
          { name: 'retentionRuleId', label: 'dpo:registryEdit.field.retentionRuleId', kind: 'select', options: loaded.options.retentionRules.map(option) },
          { name: 'recipientIds', label: 'dpo:registryEdit.field.recipientIds', kind: 'checkboxes', options: loaded.options.recipients.map(option) },
        ],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: textTitle(r.name, r.nameDe, language),
          slug: r.slug,
          values: { name: r.name, nameDe: r.nameDe, description: r.description, descriptionDe: r.descriptionDe, legalBasisId: String(r.legalBasisId), retentionRuleId: String(r.retentionRuleId), recipientIds: r.recipientIds.map(String) },
        })),
        canCreate: false,
      }
    }
    case 'settings':
      return {
        fields: [{ name: 'value', label: 'dpo:registryEdit.field.value', kind: 'text' }],
        rows: loaded.rows.map((r) => {
          const range = numericSettingRange(r.key)
          return { key: r.key, title: { code: r.key }, description: r.description, range: range ? { min: range.min, max: range.max } : undefined, values: { value: r.value } }
        }),
        canCreate: false,
      }
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const section = sectionOf(params)
  return { section, title: REGISTRY_SECTIONS[section].title, ...(await viewOf(section, await getLanguage(request))) }
}

const KEY = /^[a-z0-9_]{1,64}$/

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireDpo(context, request)
  const formData = await request.formData()
  const section = sectionOf(params)
  const intent = intentOf(formData)
  const key = String(formData.get('key') ?? '')
  if ((intent === 'save' && !KEY.test(key)) || (intent === 'create' && section !== 'recipients' && section !== 'retention-rules') || (intent !== 'save' && intent !== 'create')) {
    return data({ key, result: formErrorReply(formData, msg('dpo:result.unknownAction')) }, { status: 400 })
  }
  const schema: z.ZodTypeAny = REGISTRY_FORM_SCHEMAS[section]
  const submission = parseWithZod(formData, { schema })
  if (submission.status !== 'success') return data({ key, result: submission.reply() }, { status: 400 })
  const { key: _key, intent: _intent, recipientIds = [], ...values } = submission.value as Record<string, unknown> & { recipientIds?: string[] }
  const actor = { type: 'dpo' as const, id: user.id }
  const result =
    intent === 'create'
      ? await createRegistryEntry({ section: section as 'recipients' | 'retention-rules', values, actor })
      : await updateRegistryEntry({ section, key, values, recipientIds: recipientIds.map(Number), actor })
  if (!result.ok) return data({ key, result: submission.reply(errorAt(result.field, result.message)) }, { status: 400 })
  return redirectWithToast(`/dpo/registry/${section}#entry-${intent === 'create' ? 'new' : key}`, result.message)
}

function Control({ spec, rowKey, field }: { spec: FieldSpec; rowKey: string; field: FieldMetadata<unknown> }) {
  const { t } = useTranslation()
  const id = `field-${rowKey}-${spec.name}`
  const named = spec.lang === 'de' ? t('dpo:registryEdit.labelDe', { label: t(spec.label) }) : spec.lang === 'en' ? t('dpo:registryEdit.labelEn', { label: t(spec.label) }) : t(spec.label)
  const label = spec.optional ? t('dpo:registryEdit.optional', { label: named }) : named
  const hint = spec.hint ? t(spec.hint) : undefined
  const value = field.initialValue
  const error = field.errors?.[0]
  // recipient kinds and languages are catalogue keys; registry texts are words already
  const options = (spec.options ?? []).map((o) => ({ ...o, label: spec.name === 'kind' || spec.name === 'noticeLanguage' ? t(o.label) : o.label }))
  switch (spec.kind) {
    case 'textarea':
      return <TextAreaField id={id} label={label} hint={hint} rows={3} {...fieldProps(field)} defaultValue={str(value)} lang={spec.lang} />
    case 'select':
      return <SelectField id={id} label={label} name={field.name} options={options} defaultValue={str(value)} error={error} />
    case 'checkbox':
      return <Field id={id} label={label} name={field.name} type="checkbox" defaultChecked={value === true || value === 'on'} error={error} />
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
      return (
        <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined}>
          <legend>{label}</legend>
          {options.map((o) => (
            <label key={o.value} className="field-check">
              <input type="checkbox" name={field.name} value={o.value} defaultChecked={chosen.includes(o.value)} /> <span lang={o.lang}>{o.label}</span>
            </label>
          ))}
          {error ? <FieldErrorText id={`${id}-error`} message={error} /> : null}
        </fieldset>
      )
    }
    default:
      return (
        <Field
          id={id}
          label={label}
          type={spec.kind === 'email' ? 'email' : spec.kind === 'url' ? 'url' : 'text'}
          hint={hint}
          {...fieldProps(field)}
          defaultValue={str(value)}
          lang={spec.lang}
        />
      )
  }
}

type FormValues = Record<string, string | string[] | boolean | null>

function EntryHeading({ title }: { title: Title }) {
  const { t } = useTranslation()
  if ('key' in title) return <h2>{t(title.key)}</h2>
  if ('code' in title) return <h2><code>{title.code}</code></h2>
  return <h2 lang={title.lang}>{title.text}</h2>
}

// One entry's form: Conform with the section's schema, and the server's answer when it was about this entry.
function EntryForm({ row, fields: specs }: { row: Entry; fields: FieldSpec[] }) {
  const { t } = useTranslation()
  const { section } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const mine = actionData && (actionData.key === row.key || (row.key === 'new' && actionData.key === '')) ? actionData : null
  const schema: z.ZodTypeAny = REGISTRY_FORM_SCHEMAS[section]
  const [form, fields] = useForm<FormValues>({
    id: `entry-${row.key}`,
    lastResult: mine?.result,
    defaultValue: row.values as FormValues,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const name = 'key' in row.title ? t(row.title.key) : 'code' in row.title ? row.title.code : row.title.text
  return (
    <Form method="post" className="stack card registry-entry" aria-label={name} {...getFormProps(form)}>
      <EntryHeading title={row.title} />
      {row.slug ? (
        <p className="muted">
          <code>{row.slug}</code>
          {row.legalHold ? ` · ${t('dpo:registryEdit.legalHold')}` : null}
        </p>
      ) : null}
      {row.description !== undefined ? (
        <p className="muted">
          <span lang="en">{row.description}</span>
          {row.range ? ` ${t('dpo:registryEdit.settingRange', { min: row.range.min, max: row.range.max })}` : null}
        </p>
      ) : null}
      {row.key !== 'new' && germanMissing(row.values, specs) ? <p className="notice">{t('dpo:registryEdit.germanMissing')}</p> : null}
      <FormError error={form.errors?.[0]} />
      {row.key !== 'new' ? <input type="hidden" name="key" value={row.key} /> : null}
      {specs.map((spec) => (
        <Control key={spec.name} spec={spec} rowKey={row.key} field={fields[spec.name]} />
      ))}
      <button type="submit" name="intent" value={row.key === 'new' ? 'create' : 'save'}>
        {row.key === 'new' ? t('dpo:registryEdit.add') : t('dpo:registryEdit.save')}
      </button>
    </Form>
  )
}

export default function DpoRegistrySection() {
  const { t } = useTranslation()
  const { title, fields, rows, canCreate } = useLoaderData<typeof loader>()
  const entries: Entry[] = [...rows, ...(canCreate ? [{ key: 'new', title: { key: 'dpo:registryEdit.newEntry' }, values: {} }] : [])]
  return (
    <section>
      <p>
        <Link to="/dpo/registry">← {t('dpo:registry.title')}</Link>
      </p>
      <h1>{t(title)}</h1>
      {entries.map((row) => (
        <EntryForm key={row.key} row={row} fields={fields} />
      ))}
    </section>
  )
}
