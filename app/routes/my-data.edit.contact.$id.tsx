import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { afterCorrection, editContactDetails, getOwnContactMessage } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { email, parseForm, singleLine } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Correct your contact details · Privacy Portal' }]

const Params = z.object({ id: z.string().regex(/^\d{1,15}$/).transform(Number) })
const ContactSchema = editFormSchema({ name: singleLine('your name', 100), email })

async function ownMessage(userId: string, params: Record<string, string | undefined>) {
  const parsed = Params.safeParse(params)
  const message = parsed.success ? await getOwnContactMessage({ userId, messageId: parsed.data.id }) : null
  if (!message) throw new Response('This message was not found.', { status: 404 })
  return message
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const message = await ownMessage(user.id, params)
  return { message: { id: message.id, name: message.name, email: message.email, excerpt: message.message.slice(0, 200) } }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const message = await ownMessage(user.id, params)
  const form = parseForm(ContactSchema, formData)
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const result = await editContactDetails({ userId: user.id, messageId: message.id, name: form.data.name, email: form.data.email })
  if (!result.ok) return data({ errors: { [result.field]: result.message }, values: form.data }, { status: 400 })
  return redirect(afterCorrection(result))
}

export default function EditContactDetails() {
  const { message } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Correct your contact details</h1>
      <p className="muted">Your message: “{message.excerpt}”</p>
      <p>We answer this message, and any follow-up, at the details below.</p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <Field label="Name" name="name" defaultValue={values.name ?? message.name} error={errors.name} maxLength={100} required />
        <Field label="Email address" name="email" type="email" defaultValue={values.email ?? message.email} error={errors.email} maxLength={254} required />
        <button type="submit">Save</button>
      </Form>
    </section>
  )
}
