import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { OneTimeCodeField } from '~/components/ui/one-time-code-field'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { hit, LIMITS } from '~/lib/platform/rate-limit.server'
import { afterCorrection, confirmEmailChange, getPendingEmailChange, startEmailChange } from '~/lib/rectification/rectification.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { code, currentPassword, email } from '~/lib/domain/validation/form'
import { PASSWORD_CHECK_MESSAGES } from '~/lib/domain/validation/password-check'
import { CODE_TTL_MINUTES } from '~/lib/platform/verification.server'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'mydata:edit.email.title')

const pendingId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, msg('mydata:errors.code.expired'))
// two forms on one page, told apart by their intent
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
  switch (formData.get('intent')) {
    case 'start': {
      const submission = parseWithZod(formData, { schema: StartSchema })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
      const password = await confirmPassword(context, submission.value.password)
      if (!password.ok) {
        return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { password: [PASSWORD_CHECK_MESSAGES[password.reason]] } }) }, { status: 400 })
      }
      if (await hit(LIMITS.codeResendPerClient, context.clientKey)) {
        return data({ result: submission.reply({ hideFields: ['password'], formErrors: [msg('mydata:errors.tooManyCodes')] }) }, { status: 429 })
      }
      const started = await startEmailChange({ userId: user.id, newEmail: submission.value.email })
      if (!started.ok) return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { [started.field]: [started.message] } }) }, { status: 400 })
      return redirect(`/my-data/edit/email?pending=${started.verificationId}`)
    }
    case 'confirm': {
      const submission = parseWithZod(formData, { schema: ConfirmSchema })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['code'] }) }, { status: 400 })
      const result = await confirmEmailChange({ userId: user.id, verificationId: submission.value.pending, code: submission.value.code })
      if (!result.ok) return data({ result: submission.reply({ hideFields: ['code'], fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
      return afterCorrection(result)
    }
    default:
      return data({ result: parseWithZod(formData, { schema: StartSchema }).reply({ hideFields: ['password'], formErrors: [msg('mydata:errors.unknownAction')] }) }, { status: 400 })
  }
}

export default function EditEmail() {
  const { current, pending, ttlMinutes } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  return (
    <section>
      <p>
        <Link to="/my-data#category-account">{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:edit.email.title')}</h1>
      <p>
        <Trans
          i18nKey="mydata:edit.email.intro"
          values={{ email: current }}
          components={{ strong: <strong />, a: <Link to="/my-data/history?category=account" /> }}
        />
      </p>
      {pending ? <ConfirmForm pending={pending} ttlMinutes={ttlMinutes} /> : <StartForm />}
    </section>
  )
}

function StartForm() {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'email-start',
    lastResult: actionData?.result,
    constraint: getZodConstraint(StartSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StartSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <FormError error={form.errors?.[0]} />
      <Field
        label={t('mydata:edit.email.newEmail')}
        type="email"
        autoComplete="email"
        {...fieldProps(fields.email)}
      />
      <Field
        label={t('mydata:edit.password')}
        type="password"
        autoComplete="current-password"
        {...fieldProps(fields.password)}
        hint={t('mydata:edit.passwordHint')}
      />
      <button type="submit" name="intent" value="start">
        {t('mydata:edit.email.sendCode')}
      </button>
    </Form>
  )
}

function ConfirmForm({ pending, ttlMinutes }: { pending: { id: string; email: string }; ttlMinutes: number }) {
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'email-confirm',
    lastResult: actionData?.result,
    defaultValue: { pending: pending.id },
    constraint: getZodConstraint(ConfirmSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ConfirmSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <p className="notice notice-ok">
        <Trans i18nKey="mydata:edit.email.codeSent" values={{ email: pending.email, minutes: ttlMinutes }} components={{ strong: <strong /> }} />
      </p>
      <FormError error={form.errors?.[0] ?? fields.pending.errors?.[0]} />
      <input type="hidden" name={fields.pending.name} value={pending.id} />
      <OneTimeCodeField label={t('mydata:edit.email.code')} field={fields.code} />
      <button type="submit" name="intent" value="confirm">
        {t('mydata:edit.email.confirm')}
      </button>
      <Link to="/my-data/edit/email">{t('mydata:edit.email.another')}</Link>
    </Form>
  )
}
