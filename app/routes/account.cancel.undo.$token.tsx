import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { checkUndoToken, undoCancellationByToken, type UndoState } from '~/lib/erasure/cancellation.server'
import { formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction = () => [{ title: 'Undo the cancellation · Privacy Portal' }]

// No login needed: the single-use link from the email is the proof. A forged link is simply not found.
const MESSAGES: Record<Exclude<UndoState['state'], 'pending'>, { status: number; text: string }> = {
  invalid: { status: 404, text: 'This link is not valid. Use the link from the latest cancellation email, or log in and open Cancel your account.' },
  used: { status: 410, text: 'This link was already used: the cancellation was undone. Your account stays as it is.' },
  ended: { status: 410, text: 'The cooling-off period has ended, so the cancellation can no longer be undone.' },
}

function requireToken(raw: string | undefined) {
  // anything that is not a well-formed token is treated like an unknown one
  if (!raw || raw.length > 100) throw new Response(MESSAGES.invalid.text, { status: 404 })
  return raw
}

export async function loader({ params }: LoaderFunctionArgs) {
  const token = requireToken(params.token)
  const state = await checkUndoToken({ token })
  if (state.state === 'invalid') throw new Response(MESSAGES.invalid.text, { status: 404 })
  if (state.state !== 'pending') return data({ effectiveAt: null, message: MESSAGES[state.state].text }, { status: MESSAGES[state.state].status })
  return { effectiveAt: formatDateTime(state.effectiveAt), message: null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await request.formData()
  const token = requireToken(params.token)
  const state = await undoCancellationByToken({ token })
  if (state.state === 'invalid') throw new Response(MESSAGES.invalid.text, { status: 404 })
  if (state.state !== 'pending') return data({ done: false, message: MESSAGES[state.state].text }, { status: MESSAGES[state.state].status })
  return { done: true, message: 'Your cancellation is undone. Your account stays as it is.' }
}

export default function UndoCancellation() {
  const { effectiveAt, message } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  return (
    <section>
      <h1>Undo the cancellation</h1>
      {result ? (
        <p className={result.done ? 'notice notice-ok' : 'notice notice-error'} role="status">
          {result.message}
        </p>
      ) : message ? (
        <p className="notice notice-error" role="alert">
          {message}
        </p>
      ) : (
        <Form method="post" className="stack card">
          <p>
            Your account is due to be closed on <strong>{effectiveAt}</strong>. Do you want to keep it?
          </p>
          <button type="submit">Keep my account</button>
        </Form>
      )}
      <p>
        <Link to="/login">Log in</Link>
      </p>
    </section>
  )
}
