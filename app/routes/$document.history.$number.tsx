import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PolicyDiff, PolicyText } from '~/components/policy-text'
import { formatDateTime } from '~/lib/domain/format'
import { acknowledgeNotice, getDocumentName, getPublishedVersion, isDocumentSlug } from '~/lib/policy/policy.server'
import { diffLines, diffStats } from '~/lib/domain/text-diff'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? 'Document'}, version ${data?.number ?? ''} · Privacy Portal` }]

export async function loader({ params, request }: LoaderFunctionArgs) {
  if (!isDocumentSlug(params.document)) throw new Response('There is no page at this address.', { status: 404 })
  if (!/^\d{1,6}$/.test(params.number ?? '')) throw new Response('A version number is a whole number, like /privacy/history/2.', { status: 400 })
  const found = await getPublishedVersion({ document: params.document, number: Number(params.number) })
  if (!found) throw new Response('There is no such version.', { status: 404 })
  // opening the link from the notice email acknowledges that notice (the token says which one)
  const ack = new URL(request.url).searchParams.get('ack')
  const acknowledged = ack ? await acknowledgeNotice(ack) : false
  const { version, previous } = found
  const diff = previous ? diffLines(previous.text, version.text) : null
  return {
    document: params.document,
    name: await getDocumentName(params.document),
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
    acknowledged,
  }
}

export default function DocumentVersion() {
  const v = useLoaderData<typeof loader>()
  return (
    <article>
      <p>
        <Link to={`/${v.document}/history`}>All versions</Link>
      </p>
      <h1>
        {v.name.charAt(0).toUpperCase() + v.name.slice(1)}, version {v.number}
      </h1>
      {v.acknowledged ? <p className="notice notice-ok">Thank you: we noted that you have seen this change.</p> : null}
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
      <h2>Full text of version {v.number}</h2>
      <PolicyText text={v.text} />
    </article>
  )
}
