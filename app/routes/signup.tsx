import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { checkboxProps, fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { registerCustomer } from '~/lib/platform/accounts.server'
import { requireAnonymous } from '~/lib/platform/auth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { pendingVerificationCookie } from '~/lib/platform/cookies.server'
import { hit, LIMITS } from '~/lib/platform/rate-limit.server'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { email, password, username } from '~/lib/domain/validation/form'
import { msg, pageTitle } from '~/i18n/translate'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'auth:signup.title')

const SignupSchema = editFormSchema({
  username,
  email,
  password,
  // seed 004: no minors
  ageConfirmed: z.literal('on', { errorMap: () => ({ message: msg('auth:signup.ageRequired') }) }),
})

export async function loader({ context }: LoaderFunctionArgs) {
  requireAnonymous(context)
  return null
}

export async function action({ request, context }: ActionFunctionArgs) {
  requireAnonymous(context)
  const submission = parseWithZod(await request.formData(), { schema: SignupSchema })
  if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
  if (await hit(LIMITS.signupPerClient, context.clientKey)) {
    return data({ result: submission.reply({ hideFields: ['password'], formErrors: [msg('auth:signup.tooMany')] }) }, { status: 429 })
  }
  const { intent: _intent, ...form } = submission.value
  const result = await registerCustomer({ ...form, language: await getLanguage(request) })
  if (!result.ok) return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { [result.field]: [result.message] } }) }, { status: 400 })
  return redirect('/verify-email', {
    headers: { 'Set-Cookie': await pendingVerificationCookie().serialize(result.verificationId) },
  })
}

export default function Signup() {
  const { t } = useTranslation()
  const actionData = useActionData<typeof action>()
  const [form, fields] = useForm({
    id: 'signup',
    lastResult: actionData?.result,
    constraint: getZodConstraint(SignupSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <h1>{t('auth:signup.heading')}</h1>
      <p>
        <Trans i18nKey="auth:signup.intro" components={{ a: <Link to="/privacy" /> }} />
      </p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <Field
          label={t('auth:signup.username')}
          autoComplete="username"
          {...fieldProps(fields.username)}
          hint={t('auth:signup.usernameHint')}
        />
        <Field
          label={t('auth:signup.email')}
          type="email"
          autoComplete="email"
          {...fieldProps(fields.email)}
          hint={t('auth:signup.emailHint')}
        />
        <Field
          label={t('auth:signup.password')}
          type="password"
          autoComplete="new-password"
          {...fieldProps(fields.password)}
          hint={t('auth:signup.passwordHint')}
        />
        <Field
          label={t('auth:signup.age')}
          type="checkbox"
          {...checkboxProps(fields.ageConfirmed)}
        />
        <button type="submit">{t('auth:signup.submit')}</button>
      </Form>
      <p>
        <Trans i18nKey="auth:signup.haveAccount" components={{ a: <Link to="/login" /> }} />
      </p>
    </section>
  )
}
