import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { FormError, SelectField, Field, useFormFeedback } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, changeSettings, listSettings, SETTING_CHOICES } from '~/lib/rectification/rectification.server'
import { editFormSchema, optionalSingleLine } from '~/lib/domain/validation/edit-form'
import { parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Change your VPN configuration · Privacy Portal' }]

const PREFIX = 'setting_'

// The customer's own settings plus those the apps know: one form field per setting, nothing else accepted.
async function settingKeys(userId: string) {
  const current = await listSettings({ userId })
  const keys = [...new Set([...Object.keys(SETTING_CHOICES), ...current.map((s) => s.key)])]
  return { current, keys }
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const { current, keys } = await settingKeys(user.id)
  return {
    settings: keys.map((key) => ({
      key,
      label: SETTING_CHOICES[key]?.label ?? key,
      value: current.find((s) => s.key === key)?.value ?? '',
      options: SETTING_CHOICES[key]?.options ?? null,
    })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const { keys } = await settingKeys(user.id)
  const schema = editFormSchema(Object.fromEntries(keys.map((key) => [`${PREFIX}${key}`, optionalSingleLine('a value', 200)])))
  const form = parseForm(schema, formData)
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const values: Record<string, string> = {}
  for (const key of keys) {
    const value = form.data[`${PREFIX}${key}`]
    // an empty choice for a setting the customer never had means "leave it unset"
    if (typeof value === 'string') values[key] = value
  }
  const result = await changeSettings({ userId: user.id, values })
  const echoed = Object.fromEntries(Object.entries(values).map(([key, value]) => [`${PREFIX}${key}`, value]))
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: echoed }, { status: 400 })
  return redirect(afterCorrection(result))
}

export default function EditSettings() {
  const { settings } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Change your VPN configuration</h1>
      <p>Our apps and servers apply these settings to your connections. Previous values are kept in the <Link to="/my-data/history?category=settings">archive of your data</Link>.</p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        {settings.map((s) => {
          const name = `${PREFIX}${s.key}`
          const value = values[name] ?? s.value
          return s.options ? (
            <SelectField
              key={s.key}
              label={s.label}
              name={name}
              defaultValue={value}
              error={errors[name]}
              options={[...(s.value ? [] : [{ value: '', label: 'Not set' }]), ...s.options.map((o) => ({ value: o, label: o }))]}
            />
          ) : (
            <Field key={s.key} label={s.label} name={name} defaultValue={value} error={errors[name]} maxLength={200} />
          )
        })}
        <button type="submit">Save settings</button>
      </Form>
    </section>
  )
}
