import type { MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { ContactCard } from '~/components/contact-card'
import { getPurposes, getRecipients, getRegistryContacts } from '~/lib/registry.server'
import { AUTOMATED_DECISIONS_STATEMENT, RIGHTS } from '~/lib/rights'

export const meta: MetaFunction = () => [{ title: 'Privacy notice · Privacy Portal' }]

const SOURCE_LABELS: Record<string, string> = {
  data_subject: 'from you',
  our_systems: 'from our systems',
  affiliate: 'from the affiliate partner who referred you',
  payment_provider: 'from the payment provider',
}

// The privacy notice is generated from the registry: change a row and this page changes.
export async function loader() {
  const [contacts, purposes, recipients] = await Promise.all([getRegistryContacts(), getPurposes(), getRecipients()])
  return { contacts, purposes, recipients, rights: RIGHTS, automatedDecisions: AUTOMATED_DECISIONS_STATEMENT }
}

export default function Privacy() {
  const { contacts, purposes, recipients, rights, automatedDecisions } = useLoaderData<typeof loader>()
  return (
    <article className="privacy-notice">
      <h1>Privacy notice</h1>
      <p>
        This notice tells you which personal data {contacts.controller.name} processes, why, on which legal basis, for how long,
        who receives it, and what your rights are (Art. 13 and 14 GDPR).
      </p>

      <h2 id="who">Who is responsible</h2>
      <div className="contacts">
        <ContactCard title="Controller" contact={contacts.controller} />
        <ContactCard title="Data protection officer" contact={contacts.dpo} />
      </div>

      <h2 id="what">What we process, why, and for how long</h2>
      {purposes.map((purpose) => (
        <section key={purpose.id} className="card" aria-labelledby={`purpose-${purpose.slug}`}>
          <h3 id={`purpose-${purpose.slug}`}>{purpose.name}</h3>
          <p>{purpose.description}</p>
          <dl className="facts">
            <dt>Legal basis</dt>
            <dd>
              {purpose.legalBasis.article}: {purpose.legalBasis.description}
            </dd>
            <dt>How long</dt>
            <dd>
              {purpose.retention.name}. {purpose.retention.description}
              {purpose.retention.legalReason ? ` (${purpose.retention.legalReason})` : null}
            </dd>
            <dt>Who receives it</dt>
            <dd>{purpose.recipients.length ? purpose.recipients.map((r) => r.name).join(', ') : 'Nobody outside our company.'}</dd>
            {purpose.categories.length ? (
              <>
                <dt>Data</dt>
                <dd>
                  <ul>
                    {purpose.categories.map((c) => (
                      <li key={c.id}>
                        <strong>{c.name}</strong> ({SOURCE_LABELS[c.source] ?? c.source}): {c.fields.join(', ')}. Kept: {c.retention.name.toLowerCase()}.
                      </li>
                    ))}
                  </ul>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ))}

      <h2 id="recipients">Recipients and processors</h2>
      <table>
        <thead>
          <tr>
            <th>Recipient</th>
            <th>What for</th>
            <th>Where, safeguards</th>
          </tr>
        </thead>
        <tbody>
          {recipients.map((r) => (
            <tr key={r.id}>
              <td>
                {r.name}
                {r.address ? <div className="muted">{r.address}</div> : null}
              </td>
              <td>{r.service}</td>
              <td>
                {r.country ?? ''}
                {r.safeguards ? <div className="muted">{r.safeguards}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="automated-decisions">Automated decisions</h2>
      <p>{automatedDecisions}</p>

      <h2 id="rights">Your rights</h2>
      <p>Exercising your rights is free of charge. We answer within one calendar month.</p>
      <ul>
        {rights.map((right) => (
          <li key={right.key} id={`right-${right.key}`}>
            <strong>
              {right.name} ({right.article} GDPR)
            </strong>
            : you have the right {right.description}
          </li>
        ))}
      </ul>
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
