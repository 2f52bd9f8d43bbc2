import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { Field, FormError, useFormFeedback, FieldErrorText } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getCancellationOverview, scheduleCancellation, undoOwnCancellation } from '~/lib/erasure/cancellation.server'
import { ERASURE_MODES } from '~/lib/domain/erasure'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { currentPassword, intentOf, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Cancel your account · Privacy Portal' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const overview = await getCancellationOverview({ userId: user.id })
  return {
    coolingOffDays: overview.coolingOffDays,
    effectiveAt: formatDateTime(overview.effectiveAt),
    pending: overview.pending ? { effectiveAt: formatDateTime(overview.pending.effectiveAt), requestNumber: overview.pending.requestNumber } : null,
    toDelete: overview.plan.toDelete,
    toKeep: overview.plan.toKeep.map((h) => ({ ...h, until: h.until ? formatDate(h.until) : null })),
  }
}

const CancelSchema = z.object({
  password: currentPassword,
  forumMode: z.enum(ERASURE_MODES, { message: 'Choose what happens to your forum posts.' }).default('delete'),
})

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'cancel': {
      const form = parseForm(CancelSchema, formData)
      if (!form.ok) return data({ errors: form.errors }, { status: 400 })
      const check = await confirmPassword(context, form.data.password)
      if (!check.ok) return data({ errors: { password: check.message } as Record<string, string> }, { status: 400 })
      const result = await scheduleCancellation({ userId: user.id, forumMode: form.data.forumMode, actor: { type: 'customer', id: user.id } })
      if (!result.ok) return data({ errors: { form: 'Your account is already being cancelled.' } as Record<string, string> }, { status: 400 })
      return redirect('/account/cancel?scheduled=1')
    }
    case 'undo': {
      const result = await undoOwnCancellation({ userId: user.id })
      if (result.state !== 'pending') {
        const message = result.state === 'ended' ? 'The cooling-off period has ended: the cancellation can no longer be undone.' : 'There is no cancellation to undo.'
        return data({ errors: { form: message } as Record<string, string> }, { status: 400 })
      }
      return redirect('/account/cancel?undone=1')
    }
    default:
      return data({ errors: { form: 'Unknown action.' } as Record<string, string> }, { status: 400 })
  }
}

export default function CancelAccount() {
  const { coolingOffDays, effectiveAt, pending, toDelete, toKeep } = useLoaderData<typeof loader>()
  const { errors } = useFormFeedback()
  const [params] = useSearchParams()
  const hasForum = toDelete.some((i) => i.label.toLowerCase().startsWith('forum'))
  return (
    <section className="cancellation">
      <h1>Cancel your account</h1>
      {params.get('undone') ? (
        <p className="notice notice-ok" role="status">
          Your cancellation is undone. Your account stays as it is.
        </p>
      ) : null}
      {pending ? (
        <div className="card" id="cancellation-pending">
          {params.get('scheduled') ? (
            <p className="notice notice-ok" role="status">
              Your account will be cancelled. We sent you an email with a link to undo it.
            </p>
          ) : null}
          <p>
            Your account will be closed and your data erased on <strong>{pending.effectiveAt}</strong> (request {pending.requestNumber}).
            Until then you can undo it here or with the link in the email we sent you.
          </p>
          <Form method="post">
            <FormError error={errors.form} />
            <button type="submit" name="intent" value="undo">
              Keep my account
            </button>
          </Form>
        </div>
      ) : (
        <p>
          After you confirm, your account stays as it is for {coolingOffDays} days, until {effectiveAt}; during that time you can undo the
          cancellation with one click. Then your account is closed: every session ends, you can no longer log in, and your data is erased
          as listed below.
        </p>
      )}

      <section aria-labelledby="will-be-deleted">
        <h2 id="will-be-deleted">1. What will be deleted</h2>
        <ul id="list-deleted">
          {toDelete.map((item) => (
            <li key={item.label}>
              {item.label}
              {item.rows > 0 ? <span className="muted"> ({item.rows})</span> : null}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="will-be-kept">
        <h2 id="will-be-kept">2. What will be kept, why, and until when</h2>
        {toKeep.length === 0 ? (
          <p>Nothing: no law requires us to keep any of your data.</p>
        ) : (
          <>
            <p>The law requires us to keep the following. It is blocked: used for nothing else, and deleted when the period ends.</p>
            <ul id="list-kept">
              {toKeep.map((hold) => (
                <li key={hold.ruleSlug}>
                  <strong>{hold.items.map((i) => `${i.label} (${i.rows})`).join(', ')}</strong>: kept{' '}
                  {hold.until ? `until ${hold.until} at the latest` : 'for the period described'} — {hold.name}.
                  <br />
                  <span className="muted">
                    Why: {hold.legalReason ?? hold.description}
                  </span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="download-first">
        <h2 id="download-first">3. Download your data first</h2>
        <p>
          Once your account is closed you can no longer download a copy of your data. <Link to="/my-data#access-package">Download a copy
          of your data</Link> before you cancel.
        </p>
      </section>

      {pending ? null : (
        <Form method="post" className="stack card" noValidate>
          <h2>Confirm the cancellation</h2>
          <FormError error={errors.form} />
          {hasForum ? (
            <fieldset aria-describedby={errors.forumMode ? 'field-forumMode-error' : undefined}>
              <legend>Your forum posts and comments</legend>
              <div className="field-check">
                <input id="forum-delete" type="radio" name="forumMode" value="delete" defaultChecked />
                <label htmlFor="forum-delete">Delete them</label>
              </div>
              <div className="field-check">
                <input id="forum-anonymise" type="radio" name="forumMode" value="anonymise" />
                <label htmlFor="forum-anonymise">Anonymise them: the texts stay, the author becomes “deleted user”</label>
              </div>
              {errors.forumMode ? <FieldErrorText id="field-forumMode-error" message={errors.forumMode} /> : null}
            </fieldset>
          ) : null}
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            error={errors.password}
            hint="For your protection we ask for it again."
          />
          <button type="submit" name="intent" value="cancel" className="button-danger">
            Cancel my account
          </button>
        </Form>
      )}
    </section>
  )
}
