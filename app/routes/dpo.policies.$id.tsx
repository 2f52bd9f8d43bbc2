import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { msg, pageTitle } from '~/i18n/translate'
import { getLanguage } from '~/lib/platform/i18n.server'
import { redirectWithToast } from '~/lib/platform/toast.server'
import { z } from 'zod'
import { PolicyDiff } from '~/components/policy-text'
import { errorAt, fieldProps, formErrorReply, initialText } from '~/components/ui/conform'
import { Field, FormError } from '~/components/ui/field'
import { requireDpo } from '~/lib/platform/auth.server'
import { DISPLAY_TIME_ZONE, formatDateTime } from '~/lib/domain/format'
import {
  campaignProgress,
  earliestEffectiveAt,
  failedNotices,
  getPublishedVersion,
  getVersionById,
  latestPublishedBefore,
  publishVersion,
  resendFailedNotices,
  startPolicyCampaign,
  type DocumentSlug,
} from '~/lib/policy/policy.server'
import { diffLines } from '~/lib/domain/text-diff'
import { parseLocalDateTime, toLocalDateTimeInput } from '~/lib/domain/time-zone'
import { editFormSchema } from '~/lib/domain/validation/edit-form'
import { intentOf } from '~/lib/domain/validation/form'
import { DOCUMENT_KEYS } from '~/lib/dpo/dpo-labels'

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, 'dpo:policy.title')

function versionIdParam(raw: string | undefined) {
  if (!/^\d{1,9}$/.test(raw ?? '')) throw new Response('Bad request', { status: 400 })
  return Number(raw)
}

async function loadVersion(raw: string | undefined) {
  const row = await getVersionById(versionIdParam(raw))
  if (!row) throw new Response('Not found', { status: 404 })
  return row
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const language = await getLanguage(request)
  const { version, document } = await loadVersion(params.id)
  const slug = document.slug as DocumentSlug
  // a draft is compared with the latest published version; a published one with its predecessor
  const base = version.status === 'draft' ? await latestPublishedBefore(version.documentId) : (await getPublishedVersion({ document: slug, number: version.number }))?.previous
  const published = version.status === 'published'
  return {
    id: version.id,
    slug,
    number: version.number,
    status: version.status,
    changeSummary: version.changeSummary,
    changeSummaryDe: version.changeSummaryDe,
    significant: version.significant,
    baseNumber: base?.number ?? null,
    diff: base ? diffLines(base.text, version.text) : null,
    // the authoritative German text's changes; a base from before German texts existed is compared with nothing
    diffDe: base ? diffLines(base.textDe, version.textDe) : null,
    earliest: toLocalDateTimeInput(await earliestEffectiveAt({ significant: version.significant }), DISPLAY_TIME_ZONE),
    effectiveAt: version.effectiveAt ? formatDateTime(version.effectiveAt, language) : null,
    progress: published ? await campaignProgress(version.id) : null,
    failures: published ? await failedNotices(version.id) : [],
  }
}

const PublishSchema = editFormSchema({
  effectiveAt: z.string({ required_error: msg('dpo:policy.badDate') }).max(20, msg('dpo:policy.badDate')).transform((value, ctx) => {
    const instant = parseLocalDateTime(value, DISPLAY_TIME_ZONE)
    if (!instant) {
      ctx.addIssue({ code: 'custom', message: msg('dpo:policy.badDate') })
      return z.NEVER
    }
    return instant
  }),
})

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireDpo(context, request)
  const formData = await request.formData()
  const { version } = await loadVersion(params.id)
  switch (intentOf(formData)) {
    case 'publish': {
      const submission = parseWithZod(formData, { schema: PublishSchema })
      if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
      const result = await publishVersion({ versionId: version.id, effectiveAt: submission.value.effectiveAt })
      if (!result.ok) return data({ result: submission.reply(errorAt(result.field, result.message)) }, { status: 400 })
      startPolicyCampaign(version.id)
      return redirectWithToast(`/dpo/policies/${version.id}`, 'dpo:policy.publishedToast', { count: result.noticeCount })
    }
    case 'resend-failed': {
      if (version.status !== 'published') return data({ result: formErrorReply(formData, msg('dpo:policy.onlyPublished')) }, { status: 400 })
      const count = await resendFailedNotices(version.id)
      return redirectWithToast(`/dpo/policies/${version.id}`, 'dpo:policy.resentToast', { count })
    }
    default:
      return data({ result: formErrorReply(formData, msg('dpo:result.unknownAction')) }, { status: 400 })
  }
}

export default function PolicyVersionPage() {
  const v = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { t } = useTranslation()
  const [form, fields] = useForm({
    id: 'publish',
    lastResult: actionData?.result,
    defaultValue: { effectiveAt: v.earliest },
    constraint: getZodConstraint(PublishSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })
  return (
    <section>
      <p>
        <Link to="/dpo/policies">{t('dpo:policy.all')}</Link>
      </p>
      <h1>
        {t('dpo:policies.versionOf', { document: t(DOCUMENT_KEYS[v.slug]), number: v.number })}{' '}
        <span className="tag">{v.status === 'draft' ? t('dpo:policy.statusDraft') : t('dpo:policy.statusPublished')}</span>
      </h1>
      <p lang="de">{v.changeSummaryDe}</p>
      <p>
        <span lang="en">{v.changeSummary}</span> {v.significant ? <span className="tag">{t('dpo:policy.significant')}</span> : null}
      </p>
      <FormError error={form.errors?.[0]} />
      {v.diff && v.diffDe ? (
        <>
          <h2>{t('dpo:policy.changesDeAgainst', { number: v.baseNumber })}</h2>
          <PolicyDiff lines={v.diffDe} lang="de" label={t('dpo:policy.changesDe')} />
          <h2>{t('dpo:policy.changesEnAgainst', { number: v.baseNumber })}</h2>
          <PolicyDiff lines={v.diff} lang="en" label={t('dpo:policy.changesEn')} />
        </>
      ) : (
        <p className="muted">{t('dpo:policy.firstVersion')}</p>
      )}
      {v.status === 'draft' ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <h2>{t('dpo:policy.publish')}</h2>
          <p>{v.significant ? t('dpo:policy.publishIntroSignificant') : t('dpo:policy.publishIntro')}</p>
          <Field
            label={t('dpo:policy.effectiveAt')}
            type="datetime-local"
            {...fieldProps(fields.effectiveAt)}
            defaultValue={initialText(fields.effectiveAt) ?? v.earliest}
            min={v.earliest}
            hint={t(v.significant ? 'dpo:policy.earliestSignificant' : 'dpo:policy.earliest', { at: v.earliest.replace('T', ' ') })}
          />
          <button type="submit" name="intent" value="publish">
            {t('dpo:policy.publishButton')}
          </button>
        </Form>
      ) : (
        <>
          <p>
            {t('dpo:policy.inForce', { at: v.effectiveAt })} <Link to={`/${v.slug}/history/${v.number}`}>{t('dpo:policy.publicPage')}</Link>
          </p>
          <h2>{t('dpo:policy.campaign')}</h2>
          <dl className="facts card" aria-label={t('dpo:policy.campaignLabel')}>
            <dt>{t('dpo:policy.customers')}</dt>
            <dd>{v.progress!.total}</dd>
            <dt>{t('dpo:policy.queued')}</dt>
            <dd>{v.progress!.queued}</dd>
            <dt>{t('dpo:policy.sent')}</dt>
            <dd>{v.progress!.sent}</dd>
            <dt>{t('dpo:policy.failed')}</dt>
            <dd>{v.progress!.failed}</dd>
            <dt>{t('dpo:policy.acknowledged')}</dt>
            <dd>{v.progress!.acknowledged}</dd>
          </dl>
          {v.failures.length > 0 ? (
            <>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('dpo:policy.colRecipient')}</th>
                    <th scope="col">{t('dpo:policy.colAttempts')}</th>
                    <th scope="col">{t('dpo:policy.colLastError')}</th>
                  </tr>
                </thead>
                <tbody>
                  {v.failures.map((f) => (
                    <tr key={f.id}>
                      <td>{f.to_address}</td>
                      <td>{f.attempts}</td>
                      <td>{f.last_error}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <Form method="post">
                <button type="submit" name="intent" value="resend-failed">
                  {t('dpo:policy.resend')}
                </button>
              </Form>
            </>
          ) : null}
        </>
      )}
    </section>
  )
}
