import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { FormError, TextAreaField } from '~/components/ui/field'
import { DSR_TYPE_LABELS } from '~/lib/requests/dsr.server'
import { answerClarification, getRequestByClarificationToken, rememberClarificationAnswer, takeClarificationAnswer } from '~/lib/requests/dsr-public.server'
import { formatDate } from '~/lib/domain/format'
import { multiLine, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Answer our question · Privacy Portal' }]

const INVALID = 'This link is not valid or was already used. If you still want to add something, reply through your request’s page.'

// The single-use link from the DPO's question; a forged or used link gets a clear message and changes nothing.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const found = await getRequestByClarificationToken(params.token)
  if (!found) {
    // right after the answer (which spent the link) this browser is told it arrived, once
    const answered = await takeClarificationAnswer({ token: params.token, cookieHeader: request.headers.get('Cookie') })
    if (answered) {
      return data({ state: 'answered' as const, number: answered.number, statusUrl: answered.statusUrl }, { headers: { 'Set-Cookie': answered.setCookie } })
    }
    return data({ state: 'invalid' as const, message: INVALID }, { status: 404 })
  }
  return {
    state: 'open' as const,
    number: found.number,
    type: DSR_TYPE_LABELS[found.type],
    question: found.clarificationQuestion ?? '',
    dueAt: formatDate(found.dueAt),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await request.formData()
  const form = parseForm(z.object({ answer: multiLine('your answer', 4000) }), formData)
  if (!form.ok) return data({ errors: form.errors as Record<string, string> }, { status: 400 })
  const token = params.token ?? ''
  const result = await answerClarification({ token, answer: form.data.answer })
  if (!result.ok) return data({ errors: { form: result.message } as Record<string, string> }, { status: 404 })
  // back to the same address (reloading it sends nothing twice), which now says the answer arrived
  return redirect(`/requests/status/clarify/${token}`, { headers: { 'Set-Cookie': await rememberClarificationAnswer({ token, request: result.request }) } })
}

export default function AnswerClarification() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  if (loaded.state === 'answered') {
    return (
      <section>
        <h1>Thank you</h1>
        <p className="notice notice-ok" role="status">
          We received your answer to our question about request {loaded.number}. The data protection officer continues with it.
        </p>
        <p>
          <a href={loaded.statusUrl}>Follow your request</a>
        </p>
      </section>
    )
  }
  if (loaded.state === 'invalid') {
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
