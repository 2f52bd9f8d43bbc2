import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { pageTitle, translateMessage } from '~/i18n/translate'
import { getLanguage } from '~/lib/platform/i18n.server'
import { checkUndoToken, undoCancellationByToken, type UndoState } from '~/lib/erasure/cancellation.server'
import { formatDateTime } from '~/lib/domain/format'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:undo.title')

// No login needed: the single-use link from the email is the proof. A forged link is simply not found.
const MESSAGES: Record<Exclude<UndoState['state'], 'pending'>, { status: number; text: string }> = {
  invalid: { status: 404, text: 'account:undo.invalid' },
  used: { status: 410, text: 'account:undo.used' },
  ended: { status: 410, text: 'account:undo.ended' },
}

function requireToken(raw: string | undefined) {
  // anything that is not a well-formed token is treated like an unknown one
  if (!raw || raw.length > 100) throw new Response(MESSAGES.invalid.text, { status: 404 })
  return raw
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = requireToken(params.token)
  const state = await checkUndoToken({ token })
  if (state.state === 'invalid') throw new Response(MESSAGES.invalid.text, { status: 404 })
  if (state.state !== 'pending') return data({ effectiveAt: null, message: MESSAGES[state.state].text }, { status: MESSAGES[state.state].status })
  return { effectiveAt: formatDateTime(state.effectiveAt, await getLanguage(request)), message: null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  await request.formData()
  const token = requireToken(params.token)
  const state = await undoCancellationByToken({ token })
  if (state.state === 'invalid') throw new Response(MESSAGES.invalid.text, { status: 404 })
  if (state.state !== 'pending') return data({ done: false, message: MESSAGES[state.state].text }, { status: MESSAGES[state.state].status })
  return { done: true, message: 'account:cancel.undone' }
}

export default function UndoCancellation() {
  const { effectiveAt, message } = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const { t } = useTranslation()
  return (
    <section>
      <h1>{t('account:undo.heading')}</h1>
      {result ? (
        <p className={result.done ? 'notice notice-ok' : 'notice notice-error'} role="status">
          {translateMessage(t, result.message)}
        </p>
      ) : message ? (
        <p className="notice notice-error" role="alert">
          {translateMessage(t, message)}
        </p>
      ) : (
        <Form method="post" className="stack card">
          <p>
            <Trans i18nKey="account:undo.question" values={{ date: effectiveAt }} components={{ strong: <strong /> }} />
          </p>
          <button type="submit">{t('account:cancel.keep')}</button>
        </Form>
      )}
      <p>
        <Link to="/login">{t('common:nav.login')}</Link>
      </p>
    </section>
  )
}
