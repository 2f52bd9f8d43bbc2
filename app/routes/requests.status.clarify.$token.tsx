import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormError, TextAreaField } from '~/components/ui/field'
import { DSR_TYPE_LABELS } from '~/lib/requests/dsr.server'
import { answerClarification, getRequestByClarificationToken, statusUrlOf } from '~/lib/requests/dsr-public.server'
import { formatDate } from '~/lib/domain/format'
import { multiLine, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Answer our question · Privacy Portal' }]

const INVALID = 'This link is not valid or was already used. If you still want to add something, reply through your request’s page.'

// The single-use link from the DPO's question; a forged or used link gets a clear message and changes nothing.
export async function loader({ params }: LoaderFunctionArgs) {
  const request = await getRequestByClarificationToken(params.token)
  if (!request) return data({ valid: false as const, message: INVALID }, { status: 404 })
  return {
    valid: true as const,
    number: request.number,
    type: DSR_TYPE_LABELS[request.type],
    question: request.clarificationQuestion ?? '',
    dueAt: formatDate(request.dueAt),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData()
  const form = parseForm(z.object({ answer: multiLine('your answer', 4000) }), formData)
  if (!form.ok) return data({ errors: form.errors as Record<string, string>, done: null }, { status: 400 })
  const result = await answerClarification({ token: params.token ?? '', answer: form.data.answer })
  if (!result.ok) return data({ errors: { form: result.message } as Record<string, string>, done: null }, { status: 404 })
  return { errors: {} as Record<string, string>, done: { number: result.request.number, statusUrl: statusUrlOf(result.request) } }
}

export default function AnswerClarification() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (actionData?.done) {
    return (
      <section>
        <h1>Thank you</h1>
        <p className="notice notice-ok">We received your answer to our question about request {actionData.done.number}. The data protection officer continues with it.</p>
        <p>
          <a href={actionData.done.statusUrl}>Follow your request</a>
        </p>
      </section>
    )
  }
  if (!loaded.valid) {
    return (
      <section>
        <h1>Answer our question</h1>
        <p className="notice notice-error" role="alert">
          {loaded.message}
        </p>
      </section>
    )
  }
  return (
    <section>
      <h1>Answer our question about request {loaded.number}</h1>
      <p>
        {loaded.type}. We answer by {loaded.dueAt} at the latest, whether or not you reply.
      </p>
      <blockquote className="request-details">{loaded.question}</blockquote>
      <Form method="post" className="stack card" noValidate>
        <FormError error={actionData?.errors.form} />
        <TextAreaField label="Your answer" name="answer" error={actionData?.errors.answer} maxLength={4000} rows={6} />
        <button type="submit">Send the answer</button>
      </Form>
    </section>
  )
}
