import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { createCookie, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { z } from 'zod'
import { constraintsOf, formErrorReply } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { LOGIN_CODE_TTL_MINUTES, loginWithCode, loginWithPassword, requestLoginCode } from '~/lib/platform/accounts.server'
import { createUserSession, homeFor, requireAnonymous } from '~/lib/platform/auth.server'
import { pendingVerificationCookie } from '~/lib/platform/cookies.server'
import { loadEnv } from '~/lib/platform/env.server'
import { safeRedirectPath } from '~/lib/domain/safe-redirect'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { code, currentPassword, email, intentOf, singleLine } from '~/lib/domain/validation/form'
import { CODE_MESSAGES } from '~/lib/platform/verification.server'

export const meta: MetaFunction = () => [{ title: 'Log in · Privacy Portal' }]

const redirectTo = z.string().max(2000).optional()

// one schema per form, for the browser and the server; a form accepts exactly its own fields
const PasswordSchema = editFormSchema({
  identifier: singleLine('your email address or username', 254),
  password: currentPassword,
  redirectTo,
})
const CodeRequestSchema = editFormSchema({ email, redirectTo })
const CodeEntrySchema = editFormSchema({ code, redirectTo })
const RestartSchema = editFormSchema({ redirectTo })

const HIDDEN = ['password', 'code']

// Which emailed sign-in code this browser is entering (its id only; the code is in the email).
function pendingLoginCodeCookie() {
  return createCookie('__Host-login-code', {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: LOGIN_CODE_TTL_MINUTES * 60,
    secrets: [loadEnv().SESSION_SECRET],
  })
}

async function pendingLoginCode(request: Request) {
  const id: unknown = await pendingLoginCodeCookie().parse(request.headers.get('Cookie'))
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null
}

// The code pages keep the page the person was heading for; URLSearchParams encodes it, and it is checked again on use.
function codePage(target: string | undefined, extra: Record<string, string> = {}) {
  const params = new URLSearchParams({ with: 'code', ...extra })
  const next = safeRedirectPath(target, '')
  if (next) params.set('redirectTo', next)
  return `/login?${params}`
}

async function signedIn(request: Request, user: { userId: string; role: 'customer' | 'dpo' }, target: string | undefined, extraCookies: string[] = []) {
  const headers = new Headers()
  headers.append('Set-Cookie', await createUserSession(user.userId, request.headers.get('user-agent')?.slice(0, 200) ?? null))
  for (const cookie of extraCookies) headers.append('Set-Cookie', cookie)
  // only paths on this site: an open redirect would let a phishing link borrow our login page
  return redirect(safeRedirectPath(target, homeFor(user)), { headers })
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  const url = new URL(request.url)
  const withCode = url.searchParams.get('with') === 'code'
  return {
    verified: url.searchParams.get('verified') === '1',
    view: !withCode ? 'password' : (await pendingLoginCode(request)) ? 'code-entry' : 'code-request',
    sent: url.searchParams.get('sent') === '1',
    ttlMinutes: LOGIN_CODE_TTL_MINUTES,
  } as const
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  const formData = await request.formData()
  switch (intentOf(formData) || 'password') {
    case 'password': {
      const submission = parseWithZod(formData, { schema: PasswordSchema })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 })
      const { identifier, password } = submission.value
      const result = await loginWithPassword({ identifier, password, clientKey: context.clientKey })
      if (!result.ok) {
        if (result.reason === 'unverified') {
          return redirect('/verify-email', { headers: { 'Set-Cookie': await pendingVerificationCookie().serialize(result.verificationId) } })
        }
        const message =
          result.reason === 'limited'
            ? 'Too many failed attempts. Wait a while before trying again, or sign in with a code sent to your email address.'
            : 'The email address, username or password is not right.'
        return data({ result: submission.reply({ hideFields: HIDDEN, formErrors: [message] }) }, { status: result.reason === 'limited' ? 429 : 400 })
      }
      return signedIn(request, result, submission.value.redirectTo)
    }
    case 'email-code': {
      const submission = parseWithZod(formData, { schema: CodeRequestSchema })
      if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
      const result = await requestLoginCode({ email: submission.value.email, clientKey: context.clientKey })
      if (!result.ok) {
        return data({ result: submission.reply({ formErrors: ['Too many codes requested. Try again in an hour.'] }) }, { status: 429 })
      }
      return redirect(codePage(submission.value.redirectTo, { sent: '1' }), {
        headers: { 'Set-Cookie': await pendingLoginCodeCookie().serialize(result.verificationId) },
      })
    }
    case 'enter-code': {
      const id = await pendingLoginCode(request)
      const submission = parseWithZod(formData, { schema: CodeEntrySchema })
      if (!id) return data({ result: formErrorReply(formData, 'This sign-in code has expired. Ask for a new one.', HIDDEN) }, { status: 400 })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: HIDDEN }) }, { status: 400 })
      const result = await loginWithCode({ verificationId: id, code: submission.value.code })
      if (!result.ok) return data({ result: submission.reply({ hideFields: HIDDEN, fieldErrors: { code: [CODE_MESSAGES[result.reason]] } }) }, { status: 400 })
      return signedIn(request, result, submission.value.redirectTo, [await pendingLoginCodeCookie().serialize('', { maxAge: 0 })])
    }
    case 'restart-code': {
      const submission = parseWithZod(formData, { schema: RestartSchema })
      return redirect(codePage(submission.status === 'success' ? submission.value.redirectTo : undefined), {
        headers: { 'Set-Cookie': await pendingLoginCodeCookie().serialize('', { maxAge: 0 }) },
      })
    }
    default:
      return data({ result: formErrorReply(formData, 'Unknown action.', HIDDEN) }, { status: 400 })
  }
}

// The client half of one login form: Conform with the form's schema, its constraints and the server's last answer.
function useLoginForm(id: string, schema: z.ZodTypeAny) {
  const actionData = useActionData<typeof action>()
  return useForm({
    id,
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
}

export default function Login() {
  const { view } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const target = searchParams.get('redirectTo') ?? ''
  const keepTarget = <input type="hidden" name="redirectTo" value={target} />
  const withTarget = (path: string) => (target ? `${path}${path.includes('?') ? '&' : '?'}${new URLSearchParams({ redirectTo: target })}` : path)
  if (view === 'code-request') return <CodeRequest keepTarget={keepTarget} withTarget={withTarget} />
  if (view === 'code-entry') return <CodeEntry keepTarget={keepTarget} />
  return <PasswordLogin keepTarget={keepTarget} withTarget={withTarget} />
}

function CodeRequest({ keepTarget, withTarget }: { keepTarget: JSX.Element; withTarget: (path: string) => string }) {
  const [form, fields] = useLoginForm('login-code-request', CodeRequestSchema)
  return (
    <section>
      <h1>Sign in with a code</h1>
      <p>
        Enter the email address of your account. If it belongs to an account, we send a 6-digit code there that signs you in
        once. This also works while password logins to your account are paused after too many failed attempts.
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field
          label="Email address"
          name={fields.email.name}
          type="email"
          autoComplete="email"
          defaultValue={typeof fields.email.initialValue === 'string' ? fields.email.initialValue : undefined}
          {...constraintsOf(fields.email)}
          error={fields.email.errors?.[0]}
        />
        {keepTarget}
        <button type="submit" name="intent" value="email-code">
          Email me a sign-in code
        </button>
      </Form>
      <p>
        <Link to={withTarget('/login')}>Log in with your password instead</Link>.
      </p>
    </section>
  )
}

function CodeEntry({ keepTarget }: { keepTarget: JSX.Element }) {
  const { sent, ttlMinutes } = useLoaderData<typeof loader>()
  const [form, fields] = useLoginForm('login-code-entry', CodeEntrySchema)
  return (
    <section>
      <h1>Sign in with a code</h1>
      {sent ? (
        <p className="notice notice-ok">
          If the address belongs to an account, we sent a 6-digit code to it. It is valid for {ttlMinutes} minutes and works once.
        </p>
      ) : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field
          label="Sign-in code"
          name={fields.code.name}
          inputMode="numeric"
          autoComplete="one-time-code"
          {...constraintsOf(fields.code)}
          error={fields.code.errors?.[0]}
        />
        {keepTarget}
        <button type="submit" name="intent" value="enter-code">
          Sign in
        </button>
      </Form>
      <Form method="post">
        {keepTarget}
        <button type="submit" name="intent" value="restart-code" className="link-button">
          Use another email address or get a new code
        </button>
      </Form>
    </section>
  )
}

function PasswordLogin({ keepTarget, withTarget }: { keepTarget: JSX.Element; withTarget: (path: string) => string }) {
  const { verified } = useLoaderData<typeof loader>()
  const [form, fields] = useLoginForm('login', PasswordSchema)
  return (
    <section>
      <h1>Log in</h1>
      {verified ? <p className="notice notice-ok">Your email address is confirmed. You can log in now.</p> : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field
          label="Email address or username"
          name={fields.identifier.name}
          autoComplete="username"
          defaultValue={typeof fields.identifier.initialValue === 'string' ? fields.identifier.initialValue : undefined}
          {...constraintsOf(fields.identifier)}
          error={fields.identifier.errors?.[0]}
        />
        <Field
          label="Password"
          name={fields.password.name}
          type="password"
          autoComplete="current-password"
          {...constraintsOf(fields.password)}
          error={fields.password.errors?.[0]}
        />
        {keepTarget}
        <button type="submit" name="intent" value="password">
          Log in
        </button>
      </Form>
      <p>
        Forgot your password, or locked out? <Link to={withTarget('/login?with=code')}>Email me a sign-in code</Link>.
      </p>
      <p>
        No account yet? <Link to="/signup">Sign up</Link>.
      </p>
    </section>
  )
}
