import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { FormError, TextAreaField } from '~/components/ui/field'
import { msg, pageTitle, translateMessage } from '~/i18n/translate'
import { getLanguage } from '~/lib/platform/i18n.server'
import { answerClarification, getRequestByClarificationToken, rememberClarificationAnswer, takeClarificationAnswer } from '~/lib/requests/dsr-public.server'
import { TYPE_KEYS } from '~/lib/requests/request-words'
import { formatDate } from '~/lib/domain/format'
import { multiLine } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'requests:clarify.title')

const AnswerSchema = z.object({ answer: multiLine('your answer', 4000, msg('requests:clarify.required')) })

// The single-use link from the DPO's question; a forged or used link gets a clear message and changes nothing.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await getRequestByClarificationToken(params.token)
  if (!found) {
    // right after the answer (which spent the link) this browser is told it arrived, once
    const answered = await takeClarificationAnswer({ token: params.token, cookieHeader: request.headers.get('Cookie') })
    if (answered) {
      return data({ state: 'answered' as const, number: answered.number, statusUrl: answered.statusUrl }, { headers: { 'Set-Cookie': answered.setCookie } })
    }
    return data({ state: 'invalid' as const, message: msg('requests:clarify.invalidLong') }, { status: 404 })
  }
  return {
    state: 'open' as const,
    number: found.number,
    typeKey: TYPE_KEYS[found.type],
    question: found.clarificationQuestion ?? '',
    dueAt: formatDate(found.dueAt, await getLanguage(request)),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: AnswerSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const token = params.token ?? ''
  const result = await answerClarification({ token, answer: submission.value.answer })
  if (!result.ok) return data({ result: submission.reply({ formErrors: [result.message] }) }, { status: 404 })
  // back to the same address (reloading it sends nothing twice), which now says the answer arrived
  return redirect(`/requests/status/clarify/${token}`, { headers: { 'Set-Cookie': await rememberClarificationAnswer({ token, request: result.request }) } })
}

export default function AnswerClarification() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'clarification',
    lastResult: actionData?.result,
    constraint: getZodConstraint(AnswerSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AnswerSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  if (loaded.state === 'answered') {
    return (
      <section>
        <h1>{t('requests:clarify.thanks')}</h1>
        <p className="notice notice-ok" role="status">
          {t('requests:clarify.received', { number: loaded.number })}
        </p>
        <p>
          <a href={loaded.statusUrl}>{t('requests:clarify.follow')}</a>
        </p>
      </section>
    )
  }
  if (loaded.state === 'invalid') {
    return (
      <section>
        <h1>{t('requests:clarify.title')}</h1>
        <p className="notice notice-error" role="alert">
          {translateMessage(t, loaded.message)}
        </p>
      </section>
    )
  }
  return (
    <section>
      <h1>{t('requests:clarify.heading', { number: loaded.number })}</h1>
      <p>{t('requests:clarify.intro', { type: t(loaded.typeKey), date: loaded.dueAt })}</p>
      <blockquote className="request-details">{loaded.question}</blockquote>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormError error={form.errors?.[0]} />
        <TextAreaField
          label={t('requests:clarify.answer')}
          {...fieldProps(fields.answer)}
          rows={6}
        />
        <button type="submit">{t('requests:clarify.submit')}</button>
      </Form>
    </section>
  )
}
