import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { createCookie, data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { fieldProps, initialText } from '~/components/ui/conform'
import { Field, FormError, SelectField, TextAreaField } from '~/components/ui/field'
import { OneTimeCodeField } from '~/components/ui/one-time-code-field'
import { msg, pageTitle } from '~/i18n/translate'
import {
  confirmRequestIdentity,
  fileCustomerRequest,
  fileRequestWithoutAccount,
  getPendingRequest,
  listRequestCategories,
  resendRequestCode,
  statusPath,
} from '~/lib/requests/dsr-public.server'
import { FILEABLE_TYPES, requestFormSchema, VerifySchema } from '~/lib/requests/request-form'
import { TYPE_KEYS } from '~/lib/requests/request-words'
import { loadEnv } from '~/lib/platform/env.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { hit, keyed, LIMITS, type Limit } from '~/lib/platform/rate-limit.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { maskEmail } from '~/lib/rectification/rectification.server'
import { CODE_TTL_MINUTES } from '~/lib/platform/verification.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:new.title')

// Filing costs nothing but may email a code to any address: limited per connection and per address.
const FILE_PER_CLIENT: Limit = { bucket: 'dsr-file-client', max: 10, windowSeconds: 3600 }
const FILE_PER_EMAIL: Limit = { bucket: 'dsr-file-email', max: 5, windowSeconds: 3600 }

// A refused code, in the reader's words.
const CODE_ERRORS = {
  wrong: msg('requests:errors.code.wrong'),
  expired: msg('requests:errors.code.expired'),
  exhausted: msg('requests:errors.code.exhausted'),
  closed: msg('requests:errors.code.closed'),
} as const

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
  if (user?.role === 'dpo') throw new Response(msg('requests:errors.dpo'), { status: 403 })
  return user
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireRequester(context)
  const categories = await listRequestCategories({ withAccount: Boolean(user) })
  const pending = user ? null : await pendingOf(request)
  const pendingRequest = pending ? await getPendingRequest({ requestId: pending.requestId }) : null
  return {
    loggedIn: Boolean(user),
    types: FILEABLE_TYPES.map((t) => ({ value: t, labelKey: TYPE_KEYS[t] })),
    // the registry's names of the categories
    categories: categories.map((c) => ({ value: c.slug, label: c.name })),
    pending: pendingRequest ? { maskedEmail: maskEmail(pendingRequest.email ?? ''), typeKey: TYPE_KEYS[pendingRequest.type] } : null,
    ttlMinutes: CODE_TTL_MINUTES,
  }
}

const expired = (formData: FormData) => data({ result: parseWithZod(formData, { schema: VerifySchema }).reply({ formErrors: [msg('requests:errors.expired')], hideFields: ['code'] }) }, { status: 400 })

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireRequester(context)
  const formData = await request.formData()
  switch (formData.get('intent')) {
    case 'file': {
      const categories = (await listRequestCategories({ withAccount: Boolean(user) })).map((c) => c.slug)
      const submission = parseWithZod(formData, { schema: requestFormSchema(categories, Boolean(user)) })
      if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
      const { type, categorySlug, details } = submission.value
      const form = { type, categorySlug: categorySlug ?? null, details: details ?? '' }
      if (user) {
        const filed = await fileCustomerRequest({ userId: user.id, form, language: await getLanguage(request) })
        return redirectWithToast(`/requests/${filed.requestId}`, filed.duplicate ? 'requests:new.duplicate' : 'requests:new.filed')
      }
      const address = submission.value.email!
      if ((await hit(FILE_PER_CLIENT, context.clientKey)) || (await hit(FILE_PER_EMAIL, keyed('dsr-email', address)))) {
        return data({ result: submission.reply({ formErrors: [msg('requests:errors.tooMany')] }) }, { status: 429 })
      }
      const filed = await fileRequestWithoutAccount({ email: address, form, language: await getLanguage(request) })
      return redirect('/requests/new', { headers: { 'Set-Cookie': await pendingRequestCookie().serialize(`${filed.requestId}.${filed.verificationId}`) } })
    }
    case 'verify': {
      const pending = await pendingOf(request)
      if (!pending) return expired(formData)
      const submission = parseWithZod(formData, { schema: VerifySchema })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['code'] }) }, { status: 400 })
      const result = await confirmRequestIdentity({ requestId: pending.requestId, verificationId: pending.verificationId, code: submission.value.code })
      if (!result.ok) return data({ result: submission.reply({ hideFields: ['code'], fieldErrors: { code: [CODE_ERRORS[result.reason]] } }) }, { status: 400 })
      return redirectWithToast(statusPath(result.accessToken), 'requests:status.confirmed', undefined, { headers: await clearPending() })
    }
    case 'resend': {
      const pending = await pendingOf(request)
      if (!pending) return expired(formData)
      if (await hit(LIMITS.codeResendPerClient, context.clientKey)) {
        return data({ result: parseWithZod(formData, { schema: VerifySchema }).reply({ formErrors: [msg('requests:errors.tooManyCodes')] }) }, { status: 429 })
      }
      const verificationId = await resendRequestCode({ requestId: pending.requestId })
      if (!verificationId) return redirect('/requests/new', { headers: await clearPending() })
      return redirectWithToast('/requests/new', 'requests:new.resent', undefined, {
        headers: { 'Set-Cookie': await pendingRequestCookie().serialize(`${pending.requestId}.${verificationId}`) },
      })
    }
    case 'restart':
      return redirect('/requests/new', { headers: await clearPending() })
    default:
      return data({ result: parseWithZod(formData, { schema: VerifySchema }).reply({ formErrors: [msg('requests:errors.unknownAction')] }) }, { status: 400 })
  }
}

export default function NewRequest() {
  const { pending } = useLoaderData<typeof loader>()
  return pending ? <ConfirmIdentity pending={pending} /> : <FileRequest />
}

function ConfirmIdentity({ pending }: { pending: { maskedEmail: string; typeKey: string } }) {
  const { ttlMinutes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'verify-request',
    lastResult: actionData?.result,
    constraint: getZodConstraint(VerifySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VerifySchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <h1>{t('requests:new.confirmTitle')}</h1>
      <p>{t('requests:new.codeSent', { email: pending.maskedEmail, type: t(pending.typeKey), minutes: ttlMinutes })}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <OneTimeCodeField label={t('requests:new.code')} field={fields.code} />
        <button type="submit" name="intent" value="verify">
          {t('requests:new.confirm')}
        </button>
      </Form>
      <div className="form-links">
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="resend" className="link-button">
            {t('requests:new.resend')}
          </button>
        </Form>
        <Form method="post" className="inline-form">
          <button type="submit" name="intent" value="restart" className="link-button">
            {t('requests:new.restart')}
          </button>
        </Form>
      </div>
    </section>
  )
}

function FileRequest() {
  const { loggedIn, types, categories } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const schema = requestFormSchema(
    categories.map((c) => c.value),
    loggedIn,
  )
  const [form, fields] = useForm({
    id: 'file-request',
    lastResult: actionData?.result,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <h1>{t('requests:new.title')}</h1>
      <p>{t('requests:new.intro')}</p>
      {loggedIn ? (
        <p className="muted">
          <Trans i18nKey="requests:new.loggedIn" components={{ a: <Link to="/requests" /> }} />
        </p>
      ) : (
        <p className="muted">
          <Trans i18nKey="requests:new.withoutAccount" components={{ a: <Link to="/login?redirectTo=%2Frequests%2Fnew" /> }} />
        </p>
      )}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <SelectField
          label={t('requests:new.type')}
          name={fields.type.name}
          options={types.map((o) => ({ value: o.value, label: t(o.labelKey) }))}
          defaultValue={initialText(fields.type)}
          error={fields.type.errors?.[0]}
        />
        <SelectField
          label={t('requests:new.category')}
          name={fields.categorySlug.name}
          options={[{ value: '', label: t(loggedIn ? 'requests:new.allData' : 'requests:new.allUnderEmail') }, ...categories]}
          defaultValue={initialText(fields.categorySlug)}
          error={fields.categorySlug.errors?.[0]}
        />
        <TextAreaField
          label={t('requests:new.details')}
          hint={t('requests:new.detailsHint')}
          {...fieldProps(fields.details)}
          rows={5}
        />
        {loggedIn ? null : (
          <Field
            label={t('requests:new.email')}
            type="email"
            autoComplete="email"
            {...fieldProps(fields.email)}
          />
        )}
        <button type="submit" name="intent" value="file">
          {t('requests:new.submit')}
        </button>
      </Form>
    </section>
  )
}
