import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, changeUsername } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { currentPassword, parseForm, username } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Change your username · Privacy Portal' }]

const UsernameSchema = editFormSchema({ username, password: currentPassword })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  return { username: user.username }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const form = parseForm(UsernameSchema, await request.formData())
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const values = { username: form.data.username }
  const password = await confirmPassword(context, form.data.password)
  if (!password.ok) return data({ errors: { password: password.message }, values }, { status: 400 })
  const result = await changeUsername({ userId: user.id, username: form.data.username })
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values }, { status: 400 })
  return redirect(afterCorrection(result))
}

export default function EditUsername() {
  const { username: current } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Change your username</h1>
      <p>
        Your username is <strong>{current}</strong>. The old name is kept in the <Link to="/my-data/history">archive of your data</Link>.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <Field label="New username" name="username" autoComplete="username" defaultValue={values.username ?? current} error={errors.username} hint="3 to 32 letters, digits, dots, dashes or underscores." maxLength={32} required />
        <Field label="Your password" name="password" type="password" autoComplete="current-password" error={errors.password} hint="To make sure it is you." maxLength={128} required />
        <button type="submit">Change username</button>
      </Form>
    </section>
  )
}
