import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getFormProps, useForm, type FieldMetadata } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import type { z } from 'zod'
import { constraintsOf, errorAt, formErrorReply } from '~/components/ui/conform'
import { Field, FormError, SelectField, TextAreaField } from '~/components/ui/field'
import { requireDpo } from '~/lib/platform/auth.server'
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
import { REGISTRY_FORM_SCHEMAS } from '~/lib/dpo/registry-forms'
import { intentOf } from '~/lib/domain/validation/form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Registry'} · DPO workspace` }]

type FieldKind = 'text' | 'email' | 'url' | 'textarea' | 'checkbox' | 'select' | 'checkboxes'
interface FieldSpec {
  name: string
  label: string
  kind: FieldKind
  hint?: string
  options?: { value: string; label: string }[]
  optional?: boolean
  // the language the text is written in: German (authoritative) and English side by side (decision 065)
  lang?: 'de' | 'en'
}

// A text a person reads, as a German and an English field.
function bilingual(spec: Omit<FieldSpec, 'name' | 'label' | 'lang'> & { name: string; label: string }): FieldSpec[] {
  return [
    { ...spec, name: `${spec.name}De`, label: `${spec.label} (German, authoritative)`, lang: 'de' },
    { ...spec, label: `${spec.label} (English)`, lang: 'en' },
  ]
}

// Rows seeded or added before the German columns existed, until the DPO writes their German.
function germanMissing(values: Record<string, unknown>, fields: FieldSpec[]) {
  return fields.some((f) => f.lang === 'de' && !f.optional && str(values[f.name]).trim() === '')
}

function sectionOf(params: { section?: string }): RegistrySection {
  if (!isRegistrySection(params.section)) throw new Response('There is no such part of the registry.', { status: 404 })
  return params.section
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v))

// What each section's form shows; the values come from the database, the rules from registry-admin.server.ts.
async function viewOf(section: RegistrySection) {
  const loaded = await loadRegistrySection(section)
  switch (loaded.section) {
    case 'contacts':
      return {
        fields: [
          { name: 'name', label: 'Name', kind: 'text' },
          { name: 'street', label: 'Street', kind: 'text' },
          { name: 'postalCode', label: 'Postal code', kind: 'text' },
          { name: 'city', label: 'City', kind: 'text' },
          { name: 'country', label: 'Country', kind: 'text' },
          { name: 'email', label: 'Email address', kind: 'email' },
          { name: 'phone', label: 'Phone', kind: 'text', optional: true },
          { name: 'website', label: 'Website', kind: 'url', optional: true },
        ] satisfies FieldSpec[],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: r.role === 'controller' ? 'Controller' : r.role === 'dpo' ? 'Data protection officer' : 'Supervisory authority',
          note: null,
          values: { name: r.name, street: r.street, postalCode: r.postalCode, city: r.city, country: r.country, email: r.email, phone: str(r.phone), website: str(r.website) } as Record<string, unknown>,
        })),
        canCreate: false,
      }
    case 'legal-bases':
      return {
        fields: [...bilingual({ name: 'article', label: 'Article', kind: 'text' }), ...bilingual({ name: 'description', label: 'Description', kind: 'textarea' })] satisfies FieldSpec[],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: r.article,
          note: r.slug,
          values: { article: r.article, articleDe: r.articleDe, description: r.description, descriptionDe: r.descriptionDe } as Record<string, unknown>,
        })),
        canCreate: false,
      }
    case 'retention-rules':
      return {
        fields: [
          ...bilingual({ name: 'name', label: 'Name', kind: 'text' }),
          ...bilingual({ name: 'description', label: 'Description', kind: 'textarea' }),
          { name: 'period', label: 'Period', kind: 'text', hint: 'Like "90 days", "6 months" or "8 years"; empty when an event ends it.', optional: true },
          ...bilingual({ name: 'legalReason', label: 'Legal reason', kind: 'textarea', hint: 'The law that requires keeping the data (required for a legal hold).', optional: true }),
          { name: 'isLegalHold', label: 'Legal hold: kept because the law requires it, blocked for anything else', kind: 'checkbox' },
        ] satisfies FieldSpec[],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: r.name,
          note: r.isLegalHold ? `${r.slug} · legal hold` : r.slug,
          values: {
            name: r.name,
            nameDe: r.nameDe,
            description: r.description,
            descriptionDe: r.descriptionDe,
            period: str(r.period),
            legalReason: str(r.legalReason),
            legalReasonDe: str(r.legalReasonDe),
            isLegalHold: r.isLegalHold,
          } as Record<string, unknown>,
        })),
        canCreate: true,
      }
    case 'recipients':
      return {
        fields: [
          ...bilingual({ name: 'name', label: 'Name', kind: 'text' }),
          { name: 'kind', label: 'Kind', kind: 'select', options: RECIPIENT_KINDS.map((k) => ({ value: k, label: k.replace('_', ' ') })) },
          ...bilingual({ name: 'service', label: 'Service', kind: 'textarea' }),
          { name: 'address', label: 'Address', kind: 'text', optional: true },
          ...bilingual({ name: 'country', label: 'Country', kind: 'text', optional: true }),
          ...bilingual({ name: 'safeguards', label: 'Safeguards for transfers', kind: 'textarea', optional: true }),
          { name: 'privacyUrl', label: 'Privacy policy', kind: 'url', optional: true },
        ] satisfies FieldSpec[],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: r.name,
          note: r.slug,
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
          } as Record<string, unknown>,
        })),
        canCreate: true,
      }
    case 'purposes':
      return {
        fields: [
          ...bilingual({ name: 'name', label: 'Name', kind: 'text' }),
          ...bilingual({ name: 'description', label: 'Description', kind: 'textarea' }),
          { name: 'legalBasisId', label: 'Legal basis', kind: 'select', options: loaded.options.legalBases.map((o) => ({ value: String(o.id), label: o.label })) },
          { name: 'retentionRuleId', label: 'Retention', kind: 'select', options: loaded.options.retentionRules.map((o) => ({ value: String(o.id), label: o.label })) },
          { name: 'recipientIds', label: 'Recipients', kind: 'checkboxes', options: loaded.options.recipients.map((o) => ({ value: String(o.id), label: o.label })) },
        ] satisfies FieldSpec[],
        rows: loaded.rows.map((r) => ({
          key: String(r.id),
          title: r.name,
          note: r.slug,
          values: { name: r.name, nameDe: r.nameDe, description: r.description, descriptionDe: r.descriptionDe, legalBasisId: String(r.legalBasisId), retentionRuleId: String(r.retentionRuleId), recipientIds: r.recipientIds.map(String) } as Record<string, unknown>,
        })),
        canCreate: false,
      }
    case 'settings':
      return {
        fields: [{ name: 'value', label: 'Value', kind: 'text' }] satisfies FieldSpec[],
        rows: loaded.rows.map((r) => {
          const range = numericSettingRange(r.key)
          const note = range ? `${r.description} A whole number of ${range.unit} from ${range.min} to ${range.max}.` : r.description
          return { key: r.key, title: r.key, note, values: { value: r.value } as Record<string, unknown> }
        }),
        canCreate: false,
      }
  }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const section = sectionOf(params)
  return { section, title: REGISTRY_SECTIONS[section].title, ...(await viewOf(section)) }
}

const KEY = /^[a-z0-9_]{1,64}$/

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = requireDpo(context, request)
  const formData = await request.formData()
  const section = sectionOf(params)
  const intent = intentOf(formData)
  const key = String(formData.get('key') ?? '')
  if ((intent === 'save' && !KEY.test(key)) || (intent === 'create' && section !== 'recipients' && section !== 'retention-rules') || (intent !== 'save' && intent !== 'create')) {
    return data({ key, result: formErrorReply(formData, 'Unknown action.') }, { status: 400 })
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
  return redirect(`/dpo/registry/${section}?saved=${encodeURIComponent(result.message)}#entry-${intent === 'create' ? 'new' : key}`)
}

function Control({ spec, rowKey, field }: { spec: FieldSpec; rowKey: string; field: FieldMetadata<unknown> }) {
  const id = `field-${rowKey}-${spec.name}`
  const label = spec.optional ? `${spec.label} (optional)` : spec.label
  const value = field.initialValue
  const error = field.errors?.[0]
  switch (spec.kind) {
    case 'textarea':
      return <TextAreaField id={id} label={label} name={field.name} hint={spec.hint} defaultValue={str(value)} error={error} rows={3} {...constraintsOf(field)} lang={spec.lang} />
    case 'select':
      return <SelectField id={id} label={label} name={field.name} options={spec.options ?? []} defaultValue={str(value)} error={error} />
    case 'checkbox':
      return <Field id={id} label={label} name={field.name} type="checkbox" defaultChecked={value === true || value === 'on'} error={error} />
    case 'checkboxes': {
      const chosen = Array.isArray(value) ? value : typeof value === 'string' ? [value] : []
      return (
        <fieldset className="field" aria-describedby={error ? `${id}-error` : undefined}>
          <legend>{label}</legend>
          {(spec.options ?? []).map((o) => (
            <label key={o.value} className="field-check">
              <input type="checkbox" name={field.name} value={o.value} defaultChecked={chosen.includes(o.value)} /> {o.label}
            </label>
          ))}
          {error ? <p id={`${id}-error`} className="field-error" role="alert">{error}</p> : null}
        </fieldset>
      )
    }
    default:
      return (
        <Field
          id={id}
          label={label}
          name={field.name}
          type={spec.kind === 'email' ? 'email' : spec.kind === 'url' ? 'url' : 'text'}
          hint={spec.hint}
          defaultValue={str(value)}
          {...constraintsOf(field)}
          error={error}
          lang={spec.lang}
        />
      )
  }
}

type FormValues = Record<string, string | string[] | boolean | null>
type Entry = { key: string; title: string; note: string | null; values: Record<string, unknown> }

// One entry's form: Conform with the section's schema, and the server's answer when it was about this entry.
function EntryForm({ row, fields: specs }: { row: Entry; fields: FieldSpec[] }) {
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
  return (
    <Form method="post" className="stack card registry-entry" aria-label={row.title} {...getFormProps(form)}>
      <h2>{row.title}</h2>
      {row.note ? <p className="muted">{row.note}</p> : null}
      {row.key !== 'new' && germanMissing(row.values, specs) ? <p className="notice">The German text is missing: the German pages show the English one until you write it.</p> : null}
      <FormError error={form.errors?.[0]} />
      {row.key !== 'new' ? <input type="hidden" name="key" value={row.key} /> : null}
      {specs.map((spec) => (
        <Control key={spec.name} spec={spec} rowKey={row.key} field={fields[spec.name]} />
      ))}
      <button type="submit" name="intent" value={row.key === 'new' ? 'create' : 'save'}>
        {row.key === 'new' ? 'Add' : 'Save'}
      </button>
    </Form>
  )
}

export default function DpoRegistrySection() {
  const { title, fields, rows, canCreate } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const saved = params.get('saved')
  const entries: Entry[] = [...rows, ...(canCreate ? [{ key: 'new', title: 'Add a new entry', note: null, values: {} as Record<string, unknown> }] : [])]
  return (
    <section>
      <p>
        <Link to="/dpo/registry">← Registry</Link>
      </p>
      <h1>{title}</h1>
      {saved ? <p className="notice notice-ok">{saved.slice(0, 200)}</p> : null}
      {entries.map((row) => (
        <EntryForm key={row.key} row={row} fields={fields} />
      ))}
    </section>
  )
}
