import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps, formErrorReply } from '~/components/ui/conform'
import { Field, FormError, FieldErrorText } from '~/components/ui/field'
import { requireCustomer } from '~/lib/platform/auth.server'
import { getCancellationOverview, scheduleCancellation, undoOwnCancellation } from '~/lib/erasure/cancellation.server'
import { ERASURE_MODES } from '~/lib/domain/erasure'
import { formatDate, formatDateTime } from '~/lib/domain/format'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { msg, pageTitle } from '~/i18n/translate'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { currentPassword, intentOf } from '~/lib/domain/validation/form'

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

const CancelSchema = editFormSchema({
  password: currentPassword,
  forumMode: z.enum(ERASURE_MODES, { message: msg('account:cancel.forumModeRequired') }).default('delete'),
})

// an answer about the whole form; the password is never echoed back
const formError = (formData: FormData, message: string) =>
  data({ result: formErrorReply(formData, message, ['password']) }, { status: 400 })

export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'cancel': {
      const submission = parseWithZod(formData, { schema: CancelSchema })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
      const check = await confirmPassword(context, submission.value.password)
      if (!check.ok) return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { password: [check.message] } }) }, { status: 400 })
      const result = await scheduleCancellation({ userId: user.id, forumMode: submission.value.forumMode, actor: { type: 'customer', id: user.id } })
      if (!result.ok) return formError(formData, msg('account:cancel.alreadyCancelling'))
      return redirectWithToast('/account/cancel', 'account:cancel.scheduled')
    }
    case 'undo': {
      const result = await undoOwnCancellation({ userId: user.id })
      if (result.state !== 'pending') return formError(formData, result.state === 'ended' ? msg('account:cancel.undoEnded') : msg('account:cancel.nothingToUndo'))
      return redirectWithToast('/account/cancel', 'account:cancel.undone')
    }
    default:
      return formError(formData, msg('account:unknownAction'))
  }
}

export default function CancelAccount() {
  const { coolingOffDays, effectiveAt, pending, toDelete, toKeep } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'cancel-account',
    lastResult: actionData?.result,
    constraint: getZodConstraint(CancelSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CancelSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const forumModeError = fields.forumMode.errors?.[0]
  // the choice is offered whenever forum posts would go, in any language
  const hasForum = toDelete.some((i) => i.categorySlug === 'forum_posts')
  return (
    <section className="cancellation">
      <h1>{t('account:cancel.heading')}</h1>
      {pending ? (
        <div className="card" id="cancellation-pending">
          <p>
            <Trans i18nKey="account:cancel.pending" values={{ date: pending.effectiveAt, number: pending.requestNumber }} components={{ strong: <strong /> }} />
          </p>
          <Form method="post">
            <FormError error={form.errors?.[0]} />
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
              {item.labelKey ? t(item.labelKey) : item.label}
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
                  <strong>{hold.items.map((i) => `${i.labelKey ? t(i.labelKey) : i.label} (${i.rows})`).join(', ')}</strong>:{' '}
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
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <h2>{t('account:cancel.confirmHeading')}</h2>
          <FormError error={form.errors?.[0]} />
          {hasForum ? (
            <fieldset aria-describedby={forumModeError ? 'field-forumMode-error' : undefined}>
              <legend>{t('account:cancel.forumLegend')}</legend>
              <div className="field-check">
                <input id="forum-delete" type="radio" name="forumMode" value="delete" defaultChecked />
                <label htmlFor="forum-delete">{t('account:cancel.forumDelete')}</label>
              </div>
              <div className="field-check">
                <input id="forum-anonymise" type="radio" name="forumMode" value="anonymise" />
                <label htmlFor="forum-anonymise">{t('account:cancel.forumAnonymise')}</label>
              </div>
              {forumModeError ? <FieldErrorText id="field-forumMode-error" message={forumModeError} /> : null}
            </fieldset>
          ) : null}
          <Field
            label={t('account:cancel.password')}
            type="password"
            autoComplete="current-password"
            {...fieldProps(fields.password)}
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
