import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ContactCard } from '~/components/contact-card'
import { PolicyText } from '~/components/policy-text'
import { formatDateTime } from '~/lib/domain/format'
import { upcomingVersion, versionInForce } from '~/lib/policy/policy.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'

export const meta: MetaFunction = () => [{ title: 'Privacy notice · Privacy Portal' }]

// The notice's content is the published version in force (frozen from the registry when published);
// who is responsible and where to complain are always today's registry rows.
export async function loader() {
  const [contacts, inForce, upcoming] = await Promise.all([getRegistryContacts(), versionInForce({ document: 'privacy' }), upcomingVersion({ document: 'privacy' })])
  return {
    contacts,
    version: inForce ? { number: inForce.number, text: inForce.text, effectiveAt: formatDateTime(inForce.effectiveAt!) } : null,
    upcoming: upcoming ? { number: upcoming.number, changeSummary: upcoming.changeSummary, effectiveAt: formatDateTime(upcoming.effectiveAt!), significant: upcoming.significant } : null,
  }
}

export default function Privacy() {
  const { contacts, version, upcoming } = useLoaderData<typeof loader>()
  return (
    <article className="privacy-notice">
      <h1>Privacy notice</h1>
      {version ? (
        <p className="muted">
          Version {version.number}, in force since {version.effectiveAt} (Berlin time). <Link to="/privacy/history">All versions and what changed</Link>
        </p>
      ) : null}
      {upcoming ? (
        <p className="notice">
          Version {upcoming.number} takes effect on {upcoming.effectiveAt}
          {upcoming.significant ? ' (a significant change)' : ''}: {upcoming.changeSummary}{' '}
          <Link to={`/privacy/history/${upcoming.number}`}>See what changes</Link>
        </p>
      ) : null}
      <p>
        This notice tells you which personal data {contacts.controller.name} processes, why, on which legal basis, for how long,
        who receives it, and what your rights are (Art. 13 and 14 GDPR).
      </p>

      <h2 id="who">Who is responsible</h2>
      <div className="contacts">
        <ContactCard title="Controller" contact={contacts.controller} />
        <ContactCard title="Data protection officer" contact={contacts.dpo} />
      </div>

      {version ? <PolicyText text={version.text} /> : <p>No version of this notice has been published yet.</p>}

      <p>
        Customers exercise most rights themselves after <Link to="/login">logging in</Link>. Anyone can write to our data
        protection officer at <a href={`mailto:${contacts.dpo.email}`}>{contacts.dpo.email}</a>.
      </p>

      <h2 id="complaint">How to complain</h2>
      <p>You can complain to the supervisory authority responsible for us, or to the one where you live or work:</p>
      <ContactCard title="Supervisory authority" contact={contacts.supervisoryAuthority} />
    </article>
  )
}
