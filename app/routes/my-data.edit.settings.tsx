import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { fieldProps, initialText } from '~/components/ui/conform'
import { Field, FormError, SelectField } from '~/components/ui/field'
import { pageTitle } from '~/i18n/translate'
import { SETTING_KEYS, SETTING_VALUE_KEYS } from '~/lib/access/my-data-view.server'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, changeSettings, listSettings, SETTING_CHOICES } from '~/lib/rectification/rectification.server'
import { editFormSchema, optionalSingleLine } from '~/lib/domain/validation/edit-form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mydata:edit.settings.title')

const PREFIX = 'setting_'

// One form field per setting, nothing else accepted; the same schema in the browser (keys from the loader) and here.
function settingsSchema(keys: readonly string[]) {
  return editFormSchema(Object.fromEntries(keys.map((key) => [`${PREFIX}${key}`, optionalSingleLine('a value', 200)])))
}

// The customer's own settings plus those the apps know.
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
      // a setting only this customer has (from an older app) is shown by its name
      labelKey: SETTING_KEYS[key] ?? null,
      value: current.find((s) => s.key === key)?.value ?? '',
      options: SETTING_CHOICES[key]?.options.map((o) => ({ value: o, labelKey: SETTING_VALUE_KEYS[o] ?? null })) ?? null,
    })),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const { keys } = await settingKeys(user.id)
  const submission = parseWithZod(formData, { schema: settingsSchema(keys) })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const values: Record<string, string> = {}
  for (const key of keys) {
    const value = submission.value[`${PREFIX}${key}`]
    // an empty choice for a setting the customer never had means "leave it unset"
    if (typeof value === 'string') values[key] = value
  }
  const result = await changeSettings({ userId: user.id, values })
  if (!result.ok) return data({ result: submission.reply({ fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return afterCorrection(result)
}

export default function EditSettings() {
  const { settings } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const schema = settingsSchema(settings.map((s) => s.key))
  const [form, fields] = useForm({
    id: 'settings',
    lastResult: actionData?.result,
    defaultValue: Object.fromEntries(settings.map((s) => [`${PREFIX}${s.key}`, s.value])),
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to="/my-data#category-settings">{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:edit.settings.title')}</h1>
      <p>
        <Trans i18nKey="mydata:edit.settings.intro" components={{ a: <Link to="/my-data/history?category=settings" /> }} />
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        {settings.map((s) => {
          const field = fields[`${PREFIX}${s.key}`]
          const value = initialText(field) ?? s.value
          const label = s.labelKey ? t(s.labelKey) : s.key
          return s.options ? (
            <SelectField
              key={s.key}
              label={label}
              name={field.name}
              defaultValue={value}
              error={field.errors?.[0]}
              options={[
                ...(s.value ? [] : [{ value: '', label: t('mydata:edit.settings.notSet') }]),
                ...s.options.map((o) => ({ value: o.value, label: o.labelKey ? t(o.labelKey) : o.value })),
              ]}
            />
          ) : (
            <Field key={s.key} label={label} {...fieldProps(field)} defaultValue={value} />
          )
        })}
        <button type="submit">{t('mydata:edit.settings.submit')}</button>
      </Form>
    </section>
  )
}
