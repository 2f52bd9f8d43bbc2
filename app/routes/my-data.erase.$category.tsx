import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { Trans, useTranslation } from 'react-i18next'
import { z } from 'zod'
import { fieldProps } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { ForumEraseModeField } from '~/components/forum-erase-mode-field'
import { msg, pageTitle } from '~/i18n/translate'
import { requireCustomer } from '~/lib/platform/auth.server'
import { confirmPassword } from '~/lib/platform/reauth.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { ERASURE_MODES, isErasableCategory, type ErasableCategory } from '~/lib/domain/erasure'
import { eraseCategory, previewCategoryErasure } from '~/lib/erasure/erasure.server'
import { getLanguage } from '~/lib/platform/i18n.server'
import { currentPassword } from '~/lib/domain/validation/form'
import { PASSWORD_CHECK_MESSAGES } from '~/lib/domain/validation/password-check'

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageTitle(matches, 'mydata:erase.title', { name: data?.preview.name ?? '' })

function requireCategory(raw: string | undefined): ErasableCategory {
  if (!raw || !isErasableCategory(raw)) throw new Response(msg('mydata:erase.nothingHere'), { status: 404 })
  return raw
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const categorySlug = requireCategory(params.category)
  const preview = await previewCategoryErasure({ userId: user.id, categorySlug, language: await getLanguage(request) })
  return { categorySlug, preview }
}

const EraseSchema = z.object({
  intent: z.literal('erase'),
  mode: z.enum(ERASURE_MODES, { message: msg('mydata:erase.chooseMode') }).default('delete'),
  password: currentPassword,
})

// What the confirmation names, so the customer sees exactly what goes: "12 forum posts and comments".
const NOUNS: Record<ErasableCategory, string> = {
  contact_messages: 'mydata:erase.noun.contact_messages',
  forum_posts: 'mydata:erase.noun.forum_posts',
  feed_subscriptions: 'mydata:erase.noun.feed_subscriptions',
  vpn_sessions: 'mydata:erase.noun.vpn_sessions',
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = requireCustomer(context, request)
  const formData = await request.formData()
  const categorySlug = requireCategory(params.category)
  const submission = parseWithZod(formData, { schema: EraseSchema })
  if (submission.status !== 'success') {
    const unknown = formData.get('intent') !== 'erase'
    return data({ result: submission.reply({ hideFields: ['password'], ...(unknown ? { formErrors: [msg('mydata:errors.unknownAction')] } : {}) }) }, { status: 400 })
  }
  // anonymising applies to forum posts only; elsewhere it would be a silent delete
  if (submission.value.mode === 'anonymise' && categorySlug !== 'forum_posts') {
    return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { mode: [msg('mydata:erase.onlyForumAnonymised')] } }) }, { status: 400 })
  }
  // a session alone is not enough to erase: the password again, as for a download or a cancellation
  const check = await confirmPassword(context, submission.value.password)
  if (!check.ok) {
    return data({ result: submission.reply({ hideFields: ['password'], fieldErrors: { password: [PASSWORD_CHECK_MESSAGES[check.reason]] } }) }, { status: 400 })
  }
  const outcome = await eraseCategory({ userId: user.id, categorySlug, mode: submission.value.mode, actor: { type: 'customer', id: user.id } })
  if (outcome.status === 'held') return redirectWithToast(`/my-data/erase/${categorySlug}`, 'mydata:erase.held', { number: outcome.requestNumber })
  return redirectWithToast(`/my-data/erase/${categorySlug}`, outcome.action === 'anonymised' ? 'mydata:erase.doneAnonymised' : 'mydata:erase.doneDeleted', {
    count: outcome.rows,
    number: outcome.requestNumber,
  })
}

export default function EraseCategory() {
  const { categorySlug, preview } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'erase-category',
    lastResult: actionData?.result,
    constraint: getZodConstraint(EraseSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EraseSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  const forum = categorySlug === 'forum_posts'
  const what = t(NOUNS[categorySlug], { count: preview.count })
  return (
    <section className="erasure">
      <p>
        <Link to={`/my-data#category-${categorySlug}`}>{t('mydata:backToMyData')}</Link>
      </p>
      <h1>{t('mydata:erase.title', { name: preview.name })}</h1>
      <p>{preview.description}</p>
      <p>
        {t('mydata:erase.count', { count: preview.count })}{' '}
        {preview.count > 0 ? <Link to={`/my-data/${categorySlug}`}>{t('mydata:erase.seeThem')}</Link> : null}
      </p>
      {preview.hold ? <p className="notice">{t('mydata:erase.hold', { hold: preview.hold })}</p> : null}
      {preview.archivedVersions > 0 && preview.archiveRule ? (
        <p className="muted">
          {t('mydata:erase.archived', { count: preview.archivedVersions })} {preview.archiveRule.description} {preview.archiveRule.legalReason}
        </p>
      ) : null}
      {preview.count > 0 ? (
        <Form method="post" className="stack card" aria-labelledby="erase-confirm" {...getFormProps(form)}>
          <h2 id="erase-confirm">{t('mydata:erase.confirmTitle')}</h2>
          <FormError error={form.errors?.[0]} />
          <p id="erase-summary">
            <Trans i18nKey={forum ? 'mydata:erase.summaryForum' : 'mydata:erase.summary'} values={{ what }} components={{ strong: <strong /> }} />
            {forum && preview.othersComments > 0 ? ` ${t('mydata:erase.summaryOthers', { count: preview.othersComments })}` : null}{' '}
            <Trans i18nKey="mydata:erase.final" components={{ strong: <strong /> }} />
          </p>
          {forum ? (
            <ForumEraseModeField
              name={fields.mode.name}
              legend={t('mydata:erase.forum.legend')}
              deleteLabel={
                preview.othersComments > 0 ? t('mydata:erase.forum.deleteWithOthers', { count: preview.othersComments }) : t('mydata:erase.forum.delete')
              }
              anonymiseLabel={t('mydata:erase.forum.anonymise')}
              error={fields.mode.errors?.[0]}
            />
          ) : (
            <input type="hidden" name={fields.mode.name} value="delete" />
          )}
          <Field
            label={t('mydata:edit.password')}
            type="password"
            autoComplete="current-password"
            {...fieldProps(fields.password)}
            hint={t('mydata:erase.passwordHint')}
          />
          <button type="submit" name="intent" value="erase" className="button-danger">
            {t('mydata:erase.submit', { what })}
          </button>
        </Form>
      ) : (
        <p className="muted">{t('mydata:erase.nothingLeft')}</p>
      )}
      <p>
        <Link to="/requests">{t('mydata:erase.yourRequests')}</Link>
      </p>
    </section>
  )
}
