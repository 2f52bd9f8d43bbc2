import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { formErrorReply } from '~/components/ui/conform'
import { FormError } from '~/components/ui/field'
import { OneTimeCodeField } from '~/components/ui/one-time-code-field'
import { confirmSignupEmail, resendSignupCode } from '~/lib/platform/accounts.server'
import { requireAnonymous } from '~/lib/platform/auth.server'
import { pendingVerificationCookie } from '~/lib/platform/cookies.server'
import { hit, LIMITS } from '~/lib/platform/rate-limit.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { code, intentOf } from '~/lib/domain/validation/form'
import { checkVerificationCode, CODE_MESSAGES, CODE_TTL_MINUTES } from '~/lib/platform/verification.server'
import { msg, pageTitle } from '~/i18n/translate'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:verify.title')

async function pendingId(request: Request) {
  const id: unknown = await pendingVerificationCookie().parse(request.headers.get('Cookie'))
  return typeof id === 'string' && id.length <= 64 ? id : null
}

const VerifySchema = editFormSchema({ code })

// an answer about the whole form, with the code never echoed back
const formError = (formData: FormData, message: string, status: number) =>
  data({ result: formErrorReply(formData, message, ['code']) }, { status })

export async function loader({ request, context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  const id = await pendingId(request)
  return { pending: Boolean(id), resent: new URL(request.url).searchParams.get('resent') === '1', ttlMinutes: CODE_TTL_MINUTES }
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  // read the body before any early answer: an unread body makes the server drop the connection
  const formData = await request.formData()
  const id = await pendingId(request)
  if (!id) return formError(formData, msg('auth:verify.expired'), 400)
  switch (intentOf(formData)) {
    case 'resend': {
      if (await hit(LIMITS.codeResendPerClient, context.clientKey)) return formError(formData, msg('auth:verify.tooMany'), 429)
      const newId = await resendSignupCode({ verificationId: id })
      return redirect('/verify-email?resent=1', { headers: { 'Set-Cookie': await pendingVerificationCookie().serialize(newId) } })
    }
    case 'verify': {
      const submission = parseWithZod(formData, { schema: VerifySchema })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['code'] }) }, { status: 400 })
      const result = await checkVerificationCode({ id, code: submission.value.code, purpose: 'signup' })
      const refused = (message: string) => data({ result: submission.reply({ hideFields: ['code'], fieldErrors: { code: [message] } }) }, { status: 400 })
      if (!result.ok) return refused(CODE_MESSAGES[result.reason])
      // a decoy (sign-up with a taken address) matches no code, so this always names an account
      if (!result.userId) return refused(CODE_MESSAGES.wrong)
      await confirmSignupEmail(result.userId)
      return redirect('/login?verified=1', { headers: { 'Set-Cookie': await pendingVerificationCookie().serialize('', { maxAge: 0 }) } })
    }
    default:
      return formError(formData, msg('auth:unknownAction'), 400)
  }
}

export default function VerifyEmail() {
  const { t } = useTranslation()
  const { pending, resent, ttlMinutes } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'verify-email',
    lastResult: actionData?.result,
    constraint: getZodConstraint(VerifySchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VerifySchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  if (!pending) {
    return (
      <section>
        <h1>{t('auth:verify.heading')}</h1>
        <p>
          <Trans i18nKey="auth:verify.nothingPending" components={{ signup: <Link to="/signup" />, login: <Link to="/login" /> }} />
        </p>
      </section>
    )
  }
  return (
    <section>
      <h1>{t('auth:verify.heading')}</h1>
      {resent ? <p className="notice notice-ok">{t('auth:verify.resent')}</p> : null}
      <p>{t('auth:verify.intro', { minutes: ttlMinutes })}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <OneTimeCodeField label={t('auth:verify.code')} field={fields.code} />
        <button type="submit" name="intent" value="verify">
          {t('auth:verify.submit')}
        </button>
      </Form>
      <Form method="post">
        <button type="submit" name="intent" value="resend" className="link-button">
          {t('auth:verify.resend')}
        </button>
      </Form>
    </section>
  )
}
