import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { createCookie, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps, formErrorReply } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { OneTimeCodeField } from '~/components/ui/one-time-code-field'
import { LOGIN_CODE_TTL_MINUTES, loginWithCode, loginWithPassword, requestLoginCode } from '~/lib/platform/accounts.server'
import { createUserSession, homeFor, requireAnonymous } from '~/lib/platform/auth.server'
import { pendingVerificationCookie } from '~/lib/platform/cookies.server'
import { loadEnv } from '~/lib/platform/env.server'
import { safeRedirectPath } from '~/lib/domain/safe-redirect'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { code, currentPassword, email, intentOf, singleLine } from '~/lib/domain/validation/form'
import { CODE_MESSAGES } from '~/lib/platform/verification.server'
import { msg, pageTitle } from '~/i18n/translate'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:login.title')

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
        // one answer for a wrong password and an unknown name (decision 011)
        const message = result.reason === 'limited' ? msg('auth:login.limited') : msg('auth:login.wrong')
        return data({ result: submission.reply({ hideFields: HIDDEN, formErrors: [message] }) }, { status: result.reason === 'limited' ? 429 : 400 })
      }
      return signedIn(request, result, submission.value.redirectTo)
    }
    case 'email-code': {
      const submission = parseWithZod(formData, { schema: CodeRequestSchema })
      if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
      const result = await requestLoginCode({ email: submission.value.email, clientKey: context.clientKey })
      if (!result.ok) {
        return data({ result: submission.reply({ formErrors: [msg('auth:loginCode.tooMany')] }) }, { status: 429 })
      }
      return redirect(codePage(submission.value.redirectTo, { sent: '1' }), {
        headers: { 'Set-Cookie': await pendingLoginCodeCookie().serialize(result.verificationId) },
      })
    }
    case 'enter-code': {
      const id = await pendingLoginCode(request)
      const submission = parseWithZod(formData, { schema: CodeEntrySchema })
      if (!id) return data({ result: formErrorReply(formData, msg('auth:loginCode.pendingExpired'), HIDDEN) }, { status: 400 })
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
      return data({ result: formErrorReply(formData, msg('auth:unknownAction'), HIDDEN) }, { status: 400 })
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
  const { t } = useTranslation()
  const [form, fields] = useLoginForm('login-code-request', CodeRequestSchema)
  return (
    <section>
      <h1>{t('auth:loginCode.heading')}</h1>
      <p>{t('auth:loginCode.intro')}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field
          label={t('auth:loginCode.email')}
          type="email"
          autoComplete="email"
          {...fieldProps(fields.email)}
        />
        {keepTarget}
        <button type="submit" name="intent" value="email-code">
          {t('auth:loginCode.request')}
        </button>
      </Form>
      <p>
        <Trans i18nKey="auth:loginCode.passwordInstead" components={{ a: <Link to={withTarget('/login')} /> }} />
      </p>
    </section>
  )
}

function CodeEntry({ keepTarget }: { keepTarget: JSX.Element }) {
  const { sent, ttlMinutes } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const [form, fields] = useLoginForm('login-code-entry', CodeEntrySchema)
  return (
    <section>
      <h1>{t('auth:loginCode.heading')}</h1>
      {sent ? <p className="notice notice-ok">{t('auth:loginCode.sent', { minutes: ttlMinutes })}</p> : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <OneTimeCodeField label={t('auth:loginCode.code')} field={fields.code} />
        {keepTarget}
        <button type="submit" name="intent" value="enter-code">
          {t('auth:loginCode.submit')}
        </button>
      </Form>
      <Form method="post">
        {keepTarget}
        <button type="submit" name="intent" value="restart-code" className="link-button">
          {t('auth:loginCode.restart')}
        </button>
      </Form>
    </section>
  )
}

function PasswordLogin({ keepTarget, withTarget }: { keepTarget: JSX.Element; withTarget: (path: string) => string }) {
  const { verified } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const [form, fields] = useLoginForm('login', PasswordSchema)
  return (
    <section>
      <h1>{t('auth:login.title')}</h1>
      {verified ? <p className="notice notice-ok">{t('auth:login.verified')}</p> : null}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field
          label={t('auth:login.identifier')}
          autoComplete="username"
          {...fieldProps(fields.identifier)}
        />
        <Field
          label={t('auth:login.password')}
          type="password"
          autoComplete="current-password"
          {...fieldProps(fields.password)}
        />
        {keepTarget}
        <button type="submit" name="intent" value="password">
          {t('auth:login.submit')}
        </button>
      </Form>
      <p>
        <Trans i18nKey="auth:login.forgot" components={{ a: <Link to={withTarget('/login?with=code')} /> }} />
      </p>
      <p>
        <Trans i18nKey="auth:login.noAccount" components={{ a: <Link to="/signup" /> }} />
      </p>
    </section>
  )
}
