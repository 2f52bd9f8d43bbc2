import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, changeForumDisplayName, getForumDisplayName } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { forumDisplayName, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Change your forum display name · Privacy Portal' }]

const NameSchema = editFormSchema({ name: forumDisplayName })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const current = await getForumDisplayName({ userId: user.id })
  if (!current) throw new Response('You have no forum posts, so there is no display name to change.', { status: 404 })
  return { current }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const form = parseForm(NameSchema, await request.formData())
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const result = await changeForumDisplayName({ userId: user.id, name: form.data.name })
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: form.data }, { status: 400 })
  return redirect(afterCorrection(result))
}

export default function EditForumName() {
  const { current } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Change your forum display name</h1>
      <p>
        Your {current.count === 1 ? 'post shows' : `${current.count} posts and comments show`} the name <strong>{current.name}</strong>. The new
        name replaces it on all of them at once; forum readers see the corrected name immediately.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <Field label="Display name" name="name" defaultValue={values.name ?? current.name} error={errors.name} maxLength={60} required />
        <button type="submit">Change display name</button>
      </Form>
    </section>
  )
}
