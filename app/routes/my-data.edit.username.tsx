import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, changeUsername } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { currentPassword, username } from '~/lib/domain/validation/form'
import { PASSWORD_CHECK_MESSAGES } from '~/lib/domain/validation/password-check'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mydata:edit.username.title')

const UsernameSchema = editFormSchema({ username, password: currentPassword })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  return { username: user.username }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const submission = parseWithZod(await request.formData(), { schema: UsernameSchema })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  const password = await confirmPassword(context, submission.value.password)
  if (!password.ok) {
    return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { password: [PASSWORD_CHECK_MESSAGES[password.reason]] } }) }, { status: 400 })
  }
  const result = await changeUsername({ userId: user.id, username: submission.value.username })
  if (!result.ok) return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return afterCorrection(result)
}

export default function EditUsername() {
  const { username: current } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'username',
    lastResult: actionData?.result,
    defaultValue: { username: current },
    constraint: getZodConstraint(UsernameSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UsernameSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to="/my-data#category-account">{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:edit.username.title')}</h1>
      <p>
        <Trans
          i18nKey="mydata:edit.username.intro"
          values={{ username: current }}
          components={{ strong: <strong />, a: <Link to="/my-data/history?category=account" /> }}
        />
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field
          label={t('mydata:edit.username.newUsername')}
          autoComplete="username"
          {...fieldProps(fields.username)}
          hint={t('mydata:edit.username.hint')}
        />
        <Field
          label={t('mydata:edit.password')}
          type="password"
          autoComplete="current-password"
          {...fieldProps(fields.password)}
          hint={t('mydata:edit.passwordHint')}
        />
        <button type="submit">{t('mydata:edit.username.submit')}</button>
      </Form>
    </section>
  )
}
