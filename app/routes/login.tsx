import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError } from '~/components/ui/field'
import { loginWithPassword } from '~/lib/platform/accounts.server'
import { createUserSession, homeFor, requireAnonymous } from '~/lib/platform/auth.server'
import { pendingVerificationCookie } from '~/lib/platform/cookies.server'
import { currentPassword, parseForm, singleLine } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Log in · Privacy Portal' }]

const LoginSchema = z.object({
  identifier: singleLine('your email address or username', 254),
  password: currentPassword,
  redirectTo: z.string().max(500).optional(),
})

// Only paths on this site: an open redirect would let a phishing link borrow our login page.
function safeRedirect(to: string | undefined | null, fallback: string) {
  if (!to || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) return fallback
  return to
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  const url = new URL(request.url)
  return { verified: url.searchParams.get('verified') === '1' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  const form = parseForm(LoginSchema, await request.formData())
  if (!form.ok) return data({ errors: form.errors, values: form.values }, { status: 400 })
  const { identifier, password, redirectTo } = form.data
  const result = await loginWithPassword({ identifier, password, clientKey: context.clientKey })
  if (!result.ok) {
    if (result.reason === 'unverified') {
      return redirect('/verify-email', { headers: { 'Set-Cookie': await pendingVerificationCookie().serialize(result.verificationId) } })
    }
    const message =
      result.reason === 'limited'
        ? 'Too many failed attempts. Wait a while before trying again.'
        : 'The email address, username or password is not right.'
    return data({ errors: { form: message }, values: { identifier } }, { status: result.reason === 'limited' ? 429 : 400 })
  }
  const cookie = await createUserSession(result.userId, request.headers.get('user-agent')?.slice(0, 200) ?? null)
  return redirect(safeRedirect(redirectTo, homeFor(result)), { headers: { 'Set-Cookie': cookie } })
}

export default function Login() {
  const { verified } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const errors: Record<string, string | undefined> = actionData?.errors ?? {}
  const values: Record<string, string | undefined> = actionData?.values ?? {}
  return (
    <section>
      <h1>Log in</h1>
      {verified ? <p className="notice notice-ok">Your email address is confirmed. You can log in now.</p> : null}
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <Field label="Email address or username" name="identifier" autoComplete="username" defaultValue={values.identifier} error={errors.identifier} maxLength={254} required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} maxLength={128} required />
        <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
        <button type="submit">Log in</button>
      </Form>
      <p>
        No account yet? <Link to="/signup">Sign up</Link>.
      </p>
    </section>
  )
}
