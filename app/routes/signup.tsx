import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { registerCustomer } from '~/lib/platform/accounts.server'
import { requireAnonymous } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { pendingVerificationCookie } from '~/lib/platform/cookies.server'
import { hit, LIMITS } from '~/lib/platform/rate-limit.server'
import { email, parseForm, password, username } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Sign up · Privacy Portal' }]

const SignupSchema = z.object({
  username,
  email,
  password,
  // seed 004: no minors
  ageConfirmed: z.literal('on', { errorMap: () => ({ message: 'You must be of legal age to open an account.' }) }),
})

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  const form = parseForm(SignupSchema, await request.formData())
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  if (await hit(LIMITS.signupPerClient, context.clientKey)) {
    return data({ errors: { form: 'Too many sign-ups from your connection. Try again in an hour.' }, values: form.data }, { status: 429 })
  }
  const result = await registerCustomer({ ...form.data, language: await getLanguage(request) })
  if (!result.ok) {
    const { password: _omit, ...values } = form.data
    return data({ errors: { [result.field]: result.message }, values }, { status: 400 })
  }
  return redirect('/verify-email', {
    headers: { 'Set-Cookie': await pendingVerificationCookie().serialize(result.verificationId) },
  })
}

export default function Signup() {
  const { errors, values } = useFormFeedback()
  return (
    <section>
      <h1>Open an account</h1>
      <p>
        We ask only for what running your account needs. Read the <Link to="/privacy">privacy notice</Link> to see what we
        store, why, and for how long.
      </p>
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <Field label="Username" name="username" autoComplete="username" defaultValue={values.username} error={errors.username} hint="3 to 32 letters, digits, dots, dashes or underscores." maxLength={32} required />
        <Field label="Email address" name="email" type="email" autoComplete="email" defaultValue={values.email} error={errors.email} hint="We send a code to confirm it. Anonymous email providers are fine." maxLength={254} required />
        <Field label="Password" name="password" type="password" autoComplete="new-password" error={errors.password} hint="At least 8 characters." maxLength={128} required />
        <Field
          label={<>I confirm that I am of legal age. We do not open accounts for minors.</>}
          name="ageConfirmed"
          type="checkbox"
          error={errors.ageConfirmed}
          defaultChecked={values.ageConfirmed === 'on'}
        />
        <button type="submit">Sign up</button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>.
      </p>
    </section>
  )
}
