import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { PolicyText } from '~/components/policy-text'
import { formatDateTime } from '~/lib/domain/format'
import { upcomingVersion, versionInForce } from '~/lib/policy/policy.server'

export const meta: MetaFunction = () => [{ title: 'Terms of service · Privacy Portal' }]

export async function loader() {
  const [inForce, upcoming] = await Promise.all([versionInForce({ document: 'terms' }), upcomingVersion({ document: 'terms' })])
  if (!inForce) throw new Response('No terms of service have been published yet.', { status: 404 })
  return {
    version: { number: inForce.number, text: inForce.text, effectiveAt: formatDateTime(inForce.effectiveAt!) },
    upcoming: upcoming ? { number: upcoming.number, changeSummary: upcoming.changeSummary, effectiveAt: formatDateTime(upcoming.effectiveAt!) } : null,
  }
}

export default function Terms() {
  const { version, upcoming } = useLoaderData<typeof loader>()
  return (
    <article>
      <h1>Terms of service</h1>
      <p className="muted">
        Version {version.number}, in force since {version.effectiveAt} (Berlin time). <Link to="/terms/history">All versions</Link>
      </p>
      {upcoming ? (
        <p className="notice">
          Version {upcoming.number} takes effect on {upcoming.effectiveAt}: {upcoming.changeSummary}{' '}
          <Link to={`/terms/history/${upcoming.number}`}>See what changes</Link>
        </p>
      ) : null}
      <PolicyText text={version.text} />
    </article>
  )
}
