import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { hit, LIMITS } from '~/lib/platform/rate-limit.server'
import { afterCorrection, confirmEmailChange, getPendingEmailChange, startEmailChange } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { code, currentPassword, email, intentOf, parseForm } from '~/lib/domain/validation/form'
import { CODE_TTL_MINUTES } from '~/lib/platform/verification.server'

export const meta: MetaFunction = () => [{ title: 'Change your email address · Privacy Portal' }]

const pendingId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'This confirmation has expired. Start again.')
const StartSchema = editFormSchema({ email, password: currentPassword })
const ConfirmSchema = editFormSchema({ pending: pendingId, code })

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const param = pendingId.safeParse(new URL(request.url).searchParams.get('pending'))
  const pending = param.success ? await getPendingEmailChange({ userId: user.id, verificationId: param.data }) : null
  return { current: user.email, pending: pending && param.success ? { id: param.data, email: pending.email } : null, ttlMinutes: CODE_TTL_MINUTES }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'start': {
      const form = parseForm(StartSchema, formData)
      if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
      const values = { email: form.data.email }
      const password = await confirmPassword(context, form.data.password)
      if (!password.ok) return data({ errors: { password: password.message }, values }, { status: 400 })
      if (await hit(LIMITS.codeResendPerClient, context.clientKey)) {
        return data({ errors: { form: 'Too many codes requested. Try again later.' }, values }, { status: 429 })
      }
      const started = await startEmailChange({ userId: user.id, newEmail: form.data.email })
      if (!started.ok) return data({ errors: { [started.field]: started.message }, values }, { status: 400 })
      return redirect(`/my-data/edit/email?pending=${started.verificationId}`)
    }
    case 'confirm': {
      const form = parseForm(ConfirmSchema, formData)
      if (!form.ok) return data({ errors: form.errors, values: {} }, { status: 400 })
      const result = await confirmEmailChange({ userId: user.id, verificationId: form.data.pending, code: form.data.code })
      if (!result.ok) return data({ errors: { [result.field]: result.message }, values: {} }, { status: 400 })
      return redirect(afterCorrection(result))
    }
    default:
      return data({ errors: { form: 'Unknown action.' }, values: {} }, { status: 400 })
  }
}

export default function EditEmail() {
  const { current, pending, ttlMinutes } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/my-data">← My data</Link>
      </p>
      <h1>Change your email address</h1>
      <p>
        Your account uses <strong>{current}</strong>. The new address takes effect only when you enter the code we send to
        it. We then tell the current address about the change, and keep it in the <Link to="/my-data/history">archive of your data</Link>.
      </p>
      {pending ? (
        <Form method="post" className="stack card" noValidate>
          <p className="notice notice-ok">
            We sent a 6-digit code to <strong>{pending.email}</strong>. It is valid for {ttlMinutes} minutes.
          </p>
          <FormError error={errors.form} />
          <input type="hidden" name="pending" value={pending.id} />
          <Field label="Confirmation code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errors.code ?? errors.pending} required />
          <button type="submit" name="intent" value="confirm">
            Confirm the new address
          </button>
          <Link to="/my-data/edit/email">Use another address</Link>
        </Form>
      ) : (
        <Form method="post" className="stack card" noValidate>
          <FormError error={errors.form} />
          <Field label="New email address" name="email" type="email" autoComplete="email" defaultValue={values.email} error={errors.email} maxLength={254} required />
          <Field label="Your password" name="password" type="password" autoComplete="current-password" error={errors.password} hint="To make sure it is you." maxLength={128} required />
          <button type="submit" name="intent" value="start">
            Send a code to the new address
          </button>
        </Form>
      )}
    </section>
  )
}
