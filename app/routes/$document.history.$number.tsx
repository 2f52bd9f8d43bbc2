import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { PolicyDiff, PolicyText } from '~/components/policy-text'
import { formatDateTime } from '~/lib/domain/format'
import { acknowledgeNotice, checkAckToken, getDocumentName, getPublishedVersion, isDocumentSlug, type AckTokenState } from '~/lib/policy/policy.server'
import { diffLines, diffStats } from '~/lib/domain/text-diff'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? 'Document'}, version ${data?.number ?? ''} · Privacy Portal` }]

async function requireVersion(params: { document?: string; number?: string }) {
  if (!isDocumentSlug(params.document)) throw new Response('There is no page at this address.', { status: 404 })
  if (!/^\d{1,6}$/.test(params.number ?? '')) throw new Response('A version number is a whole number, like /privacy/history/2.', { status: 400 })
  const found = await getPublishedVersion({ document: params.document, number: Number(params.number) })
  if (!found) throw new Response('There is no such version.', { status: 404 })
  return { document: params.document, ...found }
}

const ACK_MESSAGES: Record<Exclude<AckTokenState, 'valid'>, string> = {
  used: 'This link was already used: we have noted that you read this change. Nothing more to do.',
  invalid: 'This confirmation link is not valid for this version. Copy the whole link from the email; you can read the change here either way.',
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { document, version, previous } = await requireVersion(params)
  // the link from the notice email only shows the page (mail scanners open links); the button acknowledges
  const url = new URL(request.url)
  const ack = url.searchParams.get('ack')
  const ackState = ack === null ? null : await checkAckToken({ token: ack, versionId: version.id })
  const diff = previous ? diffLines(previous.text, version.text) : null
  return {
    document,
    name: await getDocumentName(document),
    number: version.number,
    text: version.text,
    changeSummary: version.changeSummary,
    significant: version.significant,
    publishedAt: formatDateTime(version.publishedAt!),
    effectiveAt: formatDateTime(version.effectiveAt!),
    upcoming: version.effectiveAt!.getTime() > Date.now(),
    previousNumber: previous?.number ?? null,
    diff,
    stats: diff ? diffStats(diff) : null,
    acknowledged: url.searchParams.get('acknowledged') === '1',
    ack: ackState === null ? null : ackState === 'valid' ? { token: ack! } : { problem: ACK_MESSAGES[ackState] },
  }
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { document, version } = await requireVersion(params)
  // a body that is no form is just a missing token
  const token = (await request.formData().catch(() => new FormData())).get('token')
  if (await acknowledgeNotice(token, { versionId: version.id })) return redirect(`/${document}/history/${version.number}?acknowledged=1`)
  const state = await checkAckToken({ token, versionId: version.id })
  return data({ problem: ACK_MESSAGES[state === 'used' ? 'used' : 'invalid'] }, { status: 400 })
}

export default function DocumentVersion() {
  const v = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const problem = actionData?.problem ?? (v.ack && 'problem' in v.ack ? v.ack.problem : null)
  return (
    <article>
      <p>
        <Link to={`/${v.document}/history`}>All versions</Link>
      </p>
      <h1>
        {v.name.charAt(0).toUpperCase() + v.name.slice(1)}, version {v.number}
      </h1>
      {v.acknowledged ? (
        <p className="notice notice-ok" role="status">
          Thank you: we noted that you have read this change.
        </p>
      ) : null}
      {problem ? (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      <dl className="facts card">
        <dt>Published</dt>
        <dd>{v.publishedAt}</dd>
        <dt>{v.upcoming ? 'Takes effect' : 'In force from'}</dt>
        <dd>{v.effectiveAt} (Berlin time)</dd>
        <dt>What changed</dt>
        <dd>
          {v.changeSummary} {v.significant ? <span className="tag">significant</span> : null}
        </dd>
      </dl>
      {v.upcoming && v.significant && v.document !== 'cookies' ? (
        <p className="notice">
          If you do not accept the new rules, you can <Link to="/account/cancel">cancel your account</Link> before they take effect.
        </p>
      ) : null}
      {v.diff ? (
        <>
          <h2>
            Changes since version {v.previousNumber}{' '}
            <span className="muted">
              ({v.stats!.added} lines added or changed, {v.stats!.removed} removed or changed)
            </span>
          </h2>
          <PolicyDiff lines={v.diff} />
        </>
      ) : null}
      {v.ack && 'token' in v.ack && !actionData ? (
        <Form method="post" action={`/${v.document}/history/${v.number}`} className="card stack" aria-labelledby="acknowledge-title">
          <h2 id="acknowledge-title">Have you read this change?</h2>
          <p>Tell us with the button; you do not need to do anything else.</p>
          <input type="hidden" name="token" value={v.ack.token} />
          <button type="submit">I have read it</button>
        </Form>
      ) : null}
      <h2>Full text of version {v.number}</h2>
      <PolicyText text={v.text} />
    </article>
  )
}
