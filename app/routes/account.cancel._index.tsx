import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { Field, FormError, useFormFeedback, FieldErrorText } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getCancellationOverview, scheduleCancellation, undoOwnCancellation } from '~/lib/erasure/cancellation.server'
import { ERASURE_MODES } from '~/lib/domain/erasure'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { msg, pageTitle } from '~/i18n/translate'
import { currentPassword, intentOf, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'account:cancel.title')

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const language = await getLanguage(request)
  const overview = await getCancellationOverview({ userId: user.id, language })
  return {
    coolingOffDays: overview.coolingOffDays,
    effectiveAt: formatDateTime(overview.effectiveAt, language),
    pending: overview.pending ? { effectiveAt: formatDateTime(overview.pending.effectiveAt, language), requestNumber: overview.pending.requestNumber } : null,
    toDelete: overview.plan.toDelete,
    toKeep: overview.plan.toKeep.map((h) => ({ ...h, until: h.until ? formatDate(h.until, language) : null })),
  }
}

const CancelSchema = z.object({
  password: currentPassword,
  forumMode: z.enum(ERASURE_MODES, { message: msg('account:cancel.forumModeRequired') }).default('delete'),
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
      if (!result.ok) return data({ errors: { form: msg('account:cancel.alreadyCancelling') } as Record<string, string> }, { status: 400 })
      return redirectWithToast('/account/cancel', 'account:cancel.scheduled')
    }
    case 'undo': {
      const result = await undoOwnCancellation({ userId: user.id })
      if (result.state !== 'pending') {
        const message = result.state === 'ended' ? msg('account:cancel.undoEnded') : msg('account:cancel.nothingToUndo')
        return data({ errors: { form: message } as Record<string, string> }, { status: 400 })
      }
      return redirectWithToast('/account/cancel', 'account:cancel.undone')
    }
    default:
      return data({ errors: { form: msg('account:unknownAction') } as Record<string, string> }, { status: 400 })
  }
}

export default function CancelAccount() {
  const { coolingOffDays, effectiveAt, pending, toDelete, toKeep } = useLoaderData<typeof loader>()
  const { errors } = useFormFeedback()
  const { t } = useTranslation()
  const hasForum = toDelete.some((i) => i.label.toLowerCase().startsWith('forum'))
  return (
    <section className="cancellation">
      <h1>{t('account:cancel.heading')}</h1>
      {pending ? (
        <div className="card" id="cancellation-pending">
          <p>
            <Trans i18nKey="account:cancel.pending" values={{ date: pending.effectiveAt, number: pending.requestNumber }} components={{ strong: <strong /> }} />
          </p>
          <Form method="post">
            <FormError error={errors.form} />
            <button type="submit" name="intent" value="undo">
              {t('account:cancel.keep')}
            </button>
          </Form>
        </div>
      ) : (
        <p>{t('account:cancel.explain', { days: coolingOffDays, date: effectiveAt })}</p>
      )}

      <section aria-labelledby="will-be-deleted">
        <h2 id="will-be-deleted">{t('account:cancel.deletedHeading')}</h2>
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
        <h2 id="will-be-kept">{t('account:cancel.keptHeading')}</h2>
        {toKeep.length === 0 ? (
          <p>{t('account:cancel.keptNothing')}</p>
        ) : (
          <>
            <p>{t('account:cancel.keptIntro')}</p>
            <ul id="list-kept">
              {toKeep.map((hold) => (
                <li key={hold.ruleSlug}>
                  <strong>{hold.items.map((i) => `${i.label} (${i.rows})`).join(', ')}</strong>:{' '}
                  {hold.until ? t('account:cancel.keptUntil', { date: hold.until }) : t('account:cancel.keptForPeriod')} — {hold.name}.
                  <br />
                  <span className="muted">{t('account:cancel.why', { reason: hold.legalReason ?? hold.description })}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="payments-and-refunds">
        <h2 id="payments-and-refunds">{t('account:cancel.paymentsHeading')}</h2>
        <ul id="list-payments">
          <li>{t('account:cancel.paypal')}</li>
          <li>{t('account:cancel.refund')}</li>
          <li>{t('account:cancel.noRefund')}</li>
        </ul>
      </section>

      <section aria-labelledby="download-first">
        <h2 id="download-first">{t('account:cancel.downloadHeading')}</h2>
        <p>
          <Trans i18nKey="account:cancel.downloadFirst" components={{ a: <Link to="/my-data#access-package" /> }} />
        </p>
      </section>

      {pending ? null : (
        <Form method="post" className="stack card" noValidate>
          <h2>{t('account:cancel.confirmHeading')}</h2>
          <FormError error={errors.form} />
          {hasForum ? (
            <fieldset aria-describedby={errors.forumMode ? 'field-forumMode-error' : undefined}>
              <legend>{t('account:cancel.forumLegend')}</legend>
              <div className="field-check">
                <input id="forum-delete" type="radio" name="forumMode" value="delete" defaultChecked />
                <label htmlFor="forum-delete">{t('account:cancel.forumDelete')}</label>
              </div>
              <div className="field-check">
                <input id="forum-anonymise" type="radio" name="forumMode" value="anonymise" />
                <label htmlFor="forum-anonymise">{t('account:cancel.forumAnonymise')}</label>
              </div>
              {errors.forumMode ? <FieldErrorText id="field-forumMode-error" message={errors.forumMode} /> : null}
            </fieldset>
          ) : null}
          <Field
            label={t('account:cancel.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            error={errors.password}
            hint={t('account:cancel.passwordHint')}
          />
          <button type="submit" name="intent" value="cancel" className="button-danger">
            {t('account:cancel.submit')}
          </button>
        </Form>
      )}
    </section>
  )
}
