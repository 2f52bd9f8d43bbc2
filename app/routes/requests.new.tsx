import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { createCookie, data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, SelectField, TextAreaField, useFormFeedback } from '~/components/ui/field'
import { DSR_TYPE_LABELS } from '~/lib/requests/dsr.server'
import {
  confirmRequestIdentity,
  fileCustomerRequest,
  FILEABLE_TYPES,
  fileRequestWithoutAccount,
  getPendingRequest,
  listRequestCategories,
  resendRequestCode,
  statusPath,
  TYPES_NEEDING_DETAILS,
} from '~/lib/requests/dsr-public.server'
import { loadEnv } from '~/lib/platform/env.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { hit, keyed, LIMITS, type Limit } from '~/lib/platform/rate-limit.server'
import { maskEmail } from '~/lib/rectification/rectification.server'
import { code, email, intentOf, multiLine, parseForm } from '~/lib/domain/validation/form'
import { CODE_MESSAGES, CODE_TTL_MINUTES } from '~/lib/platform/verification.server'

export const meta: MetaFunction = () => [{ title: 'Make a privacy request · Privacy Portal' }]

// Filing costs nothing but may email a code to any address: limited per connection and per address.
const FILE_PER_CLIENT: Limit = { bucket: 'dsr-file-client', max: 10, windowSeconds: 3600 }
const FILE_PER_EMAIL: Limit = { bucket: 'dsr-file-email', max: 5, windowSeconds: 3600 }

// Which unconfirmed request this browser is confirming, and with which emailed code (ids only).
function pendingRequestCookie() {
  return createCookie('__Host-dsr-verify', {
    httpOnly: true,
    secure: true,
    sameSite: 'lax',
    path: '/',
    maxAge: 30 * 60,
    secrets: [loadEnv().SESSION_SECRET],
  })
}

async function pendingOf(request: Request) {
  const value: unknown = await pendingRequestCookie().parse(request.headers.get('Cookie'))
  if (typeof value !== 'string') return null
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(value)
  return m ? { requestId: Number(m[1]), verificationId: m[2] } : null
}

const clearPending = async () => ({ 'Set-Cookie': await pendingRequestCookie().serialize('', { maxAge: 0 }) })

// Only customers and people without an account file requests; the DPO answers them.
function requireRequester(context: AppLoadContext) {
  const user = context.auth?.user ?? null
  if (user?.role === 'dpo') throw new Response('The data protection officer answers requests; log out to file one as a person.', { status: 403 })
  return user
}

function requestSchema(categories: string[], withAccount: boolean) {
  return z
    .object({
      type: z.enum(FILEABLE_TYPES, { errorMap: () => ({ message: 'Choose what you would like us to do.' }) }),
      categorySlug: z.preprocess((v) => (v === '' ? null : v), z.string().nullable()).refine((v) => v === null || categories.includes(v), 'Choose a kind of data from the list.'),
      details: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? '' : v), z.union([z.literal(''), multiLine('the details', 4000)])),
      // a customer's request goes to the account's address; a posted address is ignored
      email: withAccount ? z.unknown().transform(() => null) : email,
    })
}

// Checked apart from the schema so that it shows next to the field together with every other problem.
function detailsError(formData: FormData) {
  const type = formData.get('type')
  const details = formData.get('details')
  if (typeof type !== 'string' || !(TYPES_NEEDING_DETAILS as readonly string[]).includes(type)) return null
  if (typeof details === 'string' && details.trim() !== '') return null
  const what = type === 'rectification' ? 'what is wrong and what is right' : type === 'objection' ? 'the grounds of your objection' : 'your question or request'
  return `Describe ${what}.`
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRequester(context)
  const categories = await listRequestCategories({ withAccount: Boolean(user) })
  const pending = user ? null : await pendingOf(request)
  const pendingRequest = pending ? await getPendingRequest({ requestId: pending.requestId }) : null
  return {
    loggedIn: Boolean(user),
    types: FILEABLE_TYPES.map((t) => ({ value: t, label: DSR_TYPE_LABELS[t] })),
    categories: [{ value: '', label: user ? 'All data you hold about me' : 'Everything held under my email address' }, ...categories.map((c) => ({ value: c.slug, label: c.name }))],
    pending: pendingRequest ? { maskedEmail: maskEmail(pendingRequest.email ?? ''), type: DSR_TYPE_LABELS[pendingRequest.type] } : null,
    ttlMinutes: CODE_TTL_MINUTES,
    resent: new URL(request.url).searchParams.get('resent') === '1',
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRequester(context)
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'file': {
      const categories = (await listRequestCategories({ withAccount: Boolean(user) })).map((c) => c.slug)
      const form = parseForm(requestSchema(categories, Boolean(user)), formData)
      const missingDetails = detailsError(formData)
      if (!form.ok || missingDetails) {
        const errors = { ...(form.ok ? {} : form.errors), ...(missingDetails ? { details: missingDetails } : {}) }
        const values = form.ok ? Object.fromEntries([...formData.entries()].filter(([k, v]) => typeof v === 'string' && k !== 'intent')) : form.values
        return data({ errors, values: values as Record<string, string> }, { status: 400 })
      }
      const { type, categorySlug, details } = form.data
      const echoed = { type, categorySlug: categorySlug ?? '', details, email: form.data.email ?? '' }
      if (user) {
        const filed = await fileCustomerRequest({ userId: user.id, form: { type, categorySlug, details }, language: await getLanguage(request) })
        return redirect(`/requests/${filed.requestId}${filed.duplicate ? '?duplicate=1' : '?filed=1'}`)
      }
      const address = form.data.email!
      if ((await hit(FILE_PER_CLIENT, context.clientKey)) || (await hit(FILE_PER_EMAIL, keyed('dsr-email', address)))) {
        return data({ errors: { form: 'Too many requests from your connection or for this address. Try again in an hour.' }, values: echoed }, { status: 429 })
      }
      const filed = await fileRequestWithoutAccount({ email: address, form: { type, categorySlug, details }, language: await getLanguage(request) })
      return redirect('/requests/new', { headers: { 'Set-Cookie': await pendingRequestCookie().serialize(`${filed.requestId}.${filed.verificationId}`) } })
    }
    case 'verify': {
      const pending = await pendingOf(request)
      if (!pending) return data({ errors: { form: 'This confirmation has expired. Send the request again.' }, values: {} }, { status: 400 })
      const form = parseForm(z.object({ code }), formData)
      if (!form.ok) return data({ errors: form.errors, values: {} }, { status: 400 })
      const result = await confirmRequestIdentity({ requestId: pending.requestId, verificationId: pending.verificationId, code: form.data.code })
      if (!result.ok) {
        const message = result.reason === 'closed' ? 'This request can no longer be confirmed. Send it again.' : CODE_MESSAGES[result.reason]
        return data({ errors: { code: message }, values: {} }, { status: 400 })
      }
      return redirect(`${statusPath(result.accessToken)}?confirmed=1`, { headers: await clearPending() })
    }
    case 'resend': {
      const pending = await pendingOf(request)
      if (!pending) return data({ errors: { form: 'This confirmation has expired. Send the request again.' }, values: {} }, { status: 400 })
      if (await hit(LIMITS.codeResendPerClient, context.clientKey)) {
        return data({ errors: { form: 'Too many codes requested. Try again later.' }, values: {} }, { status: 429 })
      }
      const verificationId = await resendRequestCode({ requestId: pending.requestId })
      if (!verificationId) return redirect('/requests/new', { headers: await clearPending() })
      return redirect('/requests/new?resent=1', { headers: { 'Set-Cookie': await pendingRequestCookie().serialize(`${pending.requestId}.${verificationId}`) } })
    }
    case 'restart':
      return redirect('/requests/new', { headers: await clearPending() })
    default:
      return data({ errors: { form: 'Unknown action.' }, values: {} }, { status: 400 })
  }
}

export default function NewRequest() {
  const { loggedIn, types, categories, pending, ttlMinutes, resent } = useLoaderData<typeof loader>()
  const { errors, values } = useFormFeedback()

  if (pending) {
    return (
      <section>
        <h1>Confirm your email address</h1>
        {resent ? <p className="notice notice-ok">We sent a new code. Earlier codes no longer work.</p> : null}
        <p>
          We sent a 6-digit code to {pending.maskedEmail} for your request ({pending.type}). It is valid for {ttlMinutes} minutes. We start
          working on the request once you enter it; unconfirmed requests are closed after a week.
        </p>
        <Form method="post" className="stack card" noValidate>
          <FormError error={errors.form} />
          <Field label="Confirmation code" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} error={errors.code} required />
          <button type="submit" name="intent" value="verify">
            Confirm
          </button>
        </Form>
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="resend" className="link-button">
            Send a new code
          </button>
        </Form>{' '}
        ·{' '}
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="restart" className="link-button">
            Start a different request
          </button>
        </Form>
      </section>
    )
  }

  return (
    <section>
      <h1>Make a privacy request</h1>
      <p>
        You can ask us to show, correct, delete or restrict the data we hold about you, object to how we use it, or ask the data
        protection officer anything. It is free of charge. We answer within one month.
      </p>
      {loggedIn ? (
        <p className="muted">
          You are logged in, so the request covers your account. You can follow it under <Link to="/requests">your requests</Link>.
        </p>
      ) : (
        <p className="muted">
          Without an account, the request covers what you left under your email address: contact form messages, forum posts and
          comment feed subscriptions. We email you a code to confirm that the address is yours; we never ask for ID documents.
          Have an account? <Link to="/login?redirectTo=%2Frequests%2Fnew">Log in</Link> first, so that the request covers it too.
        </p>
      )}
      <Form method="post" className="stack card" noValidate>
        <FormError error={errors.form} />
        <SelectField label="What would you like us to do?" name="type" options={types} defaultValue={values.type} error={errors.type} />
        <SelectField label="Which data?" name="categorySlug" options={categories} defaultValue={values.categorySlug} error={errors.categorySlug} />
        <TextAreaField
          label="Details"
          name="details"
          hint="Required for a correction (what is wrong, what is right), an objection (your grounds) or a question."
          defaultValue={values.details}
          error={errors.details}
          maxLength={4000}
          rows={5}
        />
        {loggedIn ? null : <Field label="Your email address" name="email" type="email" autoComplete="email" defaultValue={values.email} error={errors.email} maxLength={254} required />}
        <button type="submit" name="intent" value="file">
          Send the request
        </button>
      </Form>
    </section>
  )
}
