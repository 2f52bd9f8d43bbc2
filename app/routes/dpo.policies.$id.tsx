import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { PolicyDiff } from '~/components/policy-text'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
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
import { intentOf, parseForm } from '~/lib/domain/validation/form'

export const meta: MetaFunction = () => [{ title: 'Policy version · DPO workspace' }]

function versionIdParam(raw: string | undefined) {
  if (!/^\d{1,9}$/.test(raw ?? '')) throw new Response('A version id is a whole number.', { status: 400 })
  return Number(raw)
}

async function loadVersion(raw: string | undefined) {
  const row = await getVersionById(versionIdParam(raw))
  if (!row) throw new Response('There is no such version.', { status: 404 })
  return row
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireDpo(context, request)
  const { version, document } = await loadVersion(params.id)
  const slug = document.slug as DocumentSlug
  // a draft is compared with the latest published version; a published one with its predecessor
  const base = version.status === 'draft' ? await latestPublishedBefore(version.documentId) : (await getPublishedVersion({ document: slug, number: version.number }))?.previous
  const published = version.status === 'published'
  return {
    id: version.id,
    slug,
    name: document.name,
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
    effectiveAt: version.effectiveAt ? formatDateTime(version.effectiveAt) : null,
    progress: published ? await campaignProgress(version.id) : null,
    failures: published ? await failedNotices(version.id) : [],
  }
}

const PublishSchema = z.object({
  effectiveAt: z.string().max(20).transform((value, ctx) => {
    const instant = parseLocalDateTime(value, DISPLAY_TIME_ZONE)
    if (!instant) {
      ctx.addIssue({ code: 'custom', message: 'Enter a date and time, like 2026-12-24T10:00 (Berlin time).' })
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
      const form = parseForm(PublishSchema, formData)
      if (!form.ok) return data({ errors: form.errors }, { status: 400 })
      const result = await publishVersion({ versionId: version.id, effectiveAt: form.data.effectiveAt })
      if (!result.ok) return data({ errors: { [result.field]: result.message } }, { status: 400 })
      startPolicyCampaign(version.id)
      return redirect(`/dpo/policies/${version.id}?published=${result.noticeCount}`)
    }
    case 'resend-failed': {
      if (version.status !== 'published') return data({ errors: { form: 'Only a published version has a campaign.' } }, { status: 400 })
      const count = await resendFailedNotices(version.id)
      return redirect(`/dpo/policies/${version.id}?resent=${count}`)
    }
    default:
      return data({ errors: { form: 'Unknown action.' } }, { status: 400 })
  }
}

export default function PolicyVersionPage() {
  const v = useLoaderData<typeof loader>()
  const { errors } = useFormFeedback()
  return (
    <section>
      <p>
        <Link to="/dpo/policies">All policy versions</Link>
      </p>
      <h1>
        {v.name}, version {v.number} <span className="tag">{v.status}</span>
      </h1>
      <p lang="de">{v.changeSummaryDe}</p>
      <p>
        {v.changeSummary} {v.significant ? <span className="tag">significant</span> : null}
      </p>
      <FormError error={errors.form} />
      {v.diff && v.diffDe ? (
        <>
          <h2>Changes to the German text (authoritative) against version {v.baseNumber}</h2>
          <PolicyDiff lines={v.diffDe} lang="de" label="Changes to the German text" />
          <h2>Changes to the English text against version {v.baseNumber}</h2>
          <PolicyDiff lines={v.diff} lang="en" label="Changes to the English text" />
        </>
      ) : (
        <p className="muted">This is the first version of this document.</p>
      )}
      {v.status === 'draft' ? (
        <Form method="post" className="stack card" noValidate>
          <h2>Publish</h2>
          <p>
            Every active customer is emailed the summary, the date it takes effect and a link to these changes
            {v.significant ? ', and told how to cancel if they do not accept them' : ''}.
          </p>
          <Field
            label="Takes effect at (Berlin time)"
            name="effectiveAt"
            type="datetime-local"
            defaultValue={v.earliest}
            min={v.earliest}
            hint={`At the earliest ${v.earliest.replace('T', ' ')}: ${v.significant ? '14 days' : 'one day'} after publishing.`}
            error={errors.effectiveAt}
          />
          <button type="submit" name="intent" value="publish">
            Publish and notify customers
          </button>
        </Form>
      ) : (
        <>
          <p>
            In force from {v.effectiveAt}. <Link to={`/${v.slug}/history/${v.number}`}>Public page</Link>
          </p>
          <h2>Notice campaign</h2>
          <dl className="facts card" aria-label="Campaign progress">
            <dt>Customers</dt>
            <dd>{v.progress!.total}</dd>
            <dt>Queued</dt>
            <dd>{v.progress!.queued}</dd>
            <dt>Sent</dt>
            <dd>{v.progress!.sent}</dd>
            <dt>Failed</dt>
            <dd>{v.progress!.failed}</dd>
            <dt>Acknowledged</dt>
            <dd>{v.progress!.acknowledged}</dd>
          </dl>
          {v.failures.length > 0 ? (
            <>
              <table>
                <thead>
                  <tr>
                    <th>Recipient</th>
                    <th>Attempts</th>
                    <th>Last error</th>
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
                  Send again to the failed ones
                </button>
              </Form>
            </>
          ) : null}
        </>
      )}
    </section>
  )
}
