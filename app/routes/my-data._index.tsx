import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { ContactCard } from '~/components/contact-card'
import { CategoryErasureLink, ItemErasureLink } from '~/components/erasure-links'
import { CategoryRectificationLinks, ItemRectificationLink } from '~/components/rectification-links'
import { Field, FormError, useFormFeedback } from '~/components/ui/field'
import { downloadTicket } from '~/lib/access/access-package.server'
import { requireCustomer } from '~/lib/platform/auth.server'
import { decodeCursor, isPaginatedCategory, loadMyData, type CategoryView, type Cursor } from '~/lib/access/my-data.server'
import { confirmPassword, REAUTH_MINUTES } from '~/lib/platform/reauth.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { AUTOMATED_DECISIONS_STATEMENT, RIGHTS } from '~/lib/domain/rights'
import { currentPassword, intentOf, parseForm } from '~/lib/domain/validation/form'
import { TableScroll } from '~/components/ui/table-scroll'

export const meta: MetaFunction = () => [{ title: 'My data · Privacy Portal' }]

// Each category pages on its own: ?cursor.vpn_sessions=… shows older VPN sessions, the rest stay on their newest.
const CURSOR_PARAM = 'cursor.'

function cursorsFrom(url: URL) {
  const cursors: Record<string, Cursor> = {}
  for (const [name, value] of url.searchParams) {
    if (!name.startsWith(CURSOR_PARAM)) continue
    const slug = name.slice(CURSOR_PARAM.length)
    const cursor = isPaginatedCategory(slug) ? decodeCursor(value) : null
    if (!cursor) {
      throw new Response('This page link is broken or was changed. Open My data again to start from the newest entries.', { status: 400 })
    }
    cursors[slug] = cursor
  }
  return cursors
}

const PACKAGE_NOTICES = {
  confirm: 'For your protection, enter your password again to download the copy.',
  busy: 'Many copies are being prepared right now. Please try again in a minute.',
  running: 'Your copy is already being downloaded. Wait until that download has finished.',
} as const

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireCustomer(context, request)
  const url = new URL(request.url)
  const cursors = cursorsFrom(url)
  const [categories, contacts] = await Promise.all([loadMyData({ userId: user.id, cursors }), getRegistryContacts()])
  const notice = url.searchParams.get('package')
  return {
    categories,
    supervisoryAuthority: contacts.supervisoryAuthority,
    rights: RIGHTS,
    automatedDecisions: AUTOMATED_DECISIONS_STATEMENT,
    reauthMinutes: REAUTH_MINUTES,
    packageNotice: notice && notice in PACKAGE_NOTICES ? PACKAGE_NOTICES[notice as keyof typeof PACKAGE_NOTICES] : null,
  }
}

const DownloadSchema = z.object({ password: currentPassword })

export async function action({ request, context }: ActionFunctionArgs) {
  requireCustomer(context, request)
  const formData = await request.formData()
  switch (intentOf(formData)) {
    case 'download-package': {
      const form = parseForm(DownloadSchema, formData)
      if (!form.ok) return data({ errors: form.errors }, { status: 400 })
      const check = await confirmPassword(context, form.data.password)
      if (!check.ok) return data({ errors: { password: check.message } }, { status: 400 })
      // the download itself is a GET, so the browser saves the file and stays on this page
      return redirect(`/my-data/download?ticket=${encodeURIComponent(downloadTicket(context))}`)
    }
    default:
      return data({ errors: { form: 'Unknown action.' } as Record<string, string> }, { status: 400 })
  }
}

// Where each right is exercised; the rest link to what the right means. Capabilities add their pages here.
const RIGHT_LINKS: Record<string, { href: string; label: string }> = {
  information: { href: '/privacy', label: 'Read the privacy notice' },
  access: { href: '#categories', label: 'This page' },
  portability: { href: '#access-package', label: 'Download a copy' },
  complaint: { href: '#complaint', label: 'How to complain' },
}

export default function MyData() {
  const { categories, supervisoryAuthority, rights, automatedDecisions, reauthMinutes, packageNotice } = useLoaderData<typeof loader>()
  const { errors } = useFormFeedback()
  const total = categories.reduce((sum, c) => sum + c.total, 0)
  return (
    <article className="my-data">
      <h1>My data</h1>
      <p>
        Everything we store about you, {total} {total === 1 ? 'item' : 'items'} in {categories.length} categories: why we have it, on
        which legal basis, where it came from, who receives it, and the day each item will be deleted. You can{' '}
        <a href="#access-package">download a complete copy</a> and follow your <Link to="/requests">requests</Link>.
      </p>

      <nav aria-label="Categories" className="card">
        <ul className="category-index">
          {categories.map((c) => (
            <li key={c.slug}>
              <a href={`#category-${c.slug}`}>{c.name}</a> <span className="muted">({c.total})</span>
            </li>
          ))}
        </ul>
      </nav>

      <div id="categories">
        {categories.map((category) => (
          <CategorySection key={category.slug} category={category} />
        ))}
      </div>

      <section id="access-package" className="card" aria-labelledby="access-package-title">
        <h2 id="access-package-title">A copy of your data</h2>
        <p>
          One ZIP file with everything on this page and more: your requests and their steps, the archive of original values and
          your consent history. <code>data.json</code> (with <code>schema.json</code>, which documents every field) lets another
          provider import it; the CSV files open in a spreadsheet; <code>index.html</code> shows it all in any browser, offline.
          Passwords, login session identifiers and confirmation codes are never in it.
        </p>
        {packageNotice ? (
          <p className="notice" role="status">
            {packageNotice}
          </p>
        ) : null}
        <Form method="post" reloadDocument className="stack" noValidate>
          <FormError error={errors.form} />
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            error={errors.password}
            hint={`For your protection we ask for it again; it counts for ${reauthMinutes} minutes.`}
          />
          <button type="submit" name="intent" value="download-package">
            Download my data (ZIP)
          </button>
        </Form>
      </section>

      <section aria-labelledby="automated-decisions">
        <h2 id="automated-decisions">Automated decisions</h2>
        <p>{automatedDecisions}</p>
      </section>

      <section aria-labelledby="rights">
        <h2 id="rights">Your rights</h2>
        <p>Exercising your rights is free of charge. We answer within one calendar month.</p>
        <ul className="rights-list">
          {rights.map((right) => {
            const link = RIGHT_LINKS[right.key] ?? { href: `/privacy#right-${right.key}`, label: 'What this means' }
            return (
              <li key={right.key} id={`right-${right.key}`}>
                <strong>
                  {right.name} ({right.article} GDPR)
                </strong>
                : you have the right {right.description} <a href={link.href}>{link.label}</a>
              </li>
            )
          })}
        </ul>
      </section>

      <section aria-labelledby="complaint">
        <h2 id="complaint">How to complain</h2>
        <p>You can complain to the supervisory authority responsible for us, or to the one where you live or work (Art. 77 GDPR):</p>
        <ContactCard title="Supervisory authority" contact={supervisoryAuthority} />
      </section>
    </article>
  )
}

function CategorySection({ category }: { category: CategoryView }) {
  const [params] = useSearchParams()
  const olderHref = (cursor: string) => {
    const next = new URLSearchParams(params)
    next.set(`${CURSOR_PARAM}${category.slug}`, cursor)
    return `?${next.toString()}#category-${category.slug}`
  }
  const newestHref = () => {
    const next = new URLSearchParams(params)
    next.delete(`${CURSOR_PARAM}${category.slug}`)
    return `?${next.toString()}#category-${category.slug}`
  }
  return (
    <section id={`category-${category.slug}`} className="card my-data-category" aria-labelledby={`category-${category.slug}-title`}>
      <h2 id={`category-${category.slug}-title`}>
        {category.name} <span className="muted">({category.total})</span>
      </h2>
      <p>{category.description}</p>
      <dl className="facts">
        <dt>Why</dt>
        <dd>
          {category.purpose.name}: {category.purpose.description}
        </dd>
        <dt>Legal basis</dt>
        <dd>
          {category.legalBasis.article}: {category.legalBasis.description}
        </dd>
        <dt>Where it comes from</dt>
        <dd>{category.source.description}</dd>
        <dt>Who receives it</dt>
        <dd>{category.recipients.length ? category.recipients.map((r) => r.name).join(', ') : 'Nobody outside our company.'}</dd>
        <dt>How long we keep it</dt>
        <dd>
          {category.retention.name}. {category.retention.description}
          {category.retention.legalReason ? ` (${category.retention.legalReason})` : null}
        </dd>
      </dl>
      {category.restrictions.map((r) => (
        <p key={`r${r.id}`} className="notice" role="status">
          {r.text}.
        </p>
      ))}
      {category.statements.map((s) => (
        <p key={`s${s.id}`} className="notice supplementary-statement">
          Your statement: {s.text}
        </p>
      ))}
      <CategoryActions category={category} />
      {category.items.length === 0 ? (
        <p className="muted empty-category">We store nothing about you in this category.</p>
      ) : (
        <TableScroll labelledBy={`category-${category.slug}-title`}>
          <table>
            <thead>
              <tr>
                {category.columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {category.items.map((item) => (
                <tr key={item.rowId} id={`item-${category.slug}-${item.rowId}`}>
                  {item.cells.map((cell, i) => (
                    <td key={category.columns[i].key} data-field={category.columns[i].key}>
                      {cell}
                      {i === 0
                        ? item.restrictions.map((r) => (
                            <span key={r.id} className="tag">
                              {' '}
                              {r.text}
                            </span>
                          ))
                        : null}
                      {i === 0 ? (
                        <span className="item-actions">
                          {' '}
                          <ItemRectificationLink slug={category.slug} rowId={item.rowId} />
                          <ItemErasureLink slug={category.slug} rowId={item.rowId} />
                        </span>
                      ) : null}
                      {i === 0
                        ? item.statements.map((s) => (
                            <span key={s.id} className="supplementary-statement muted">
                              {' '}
                              Your statement: {s.text}
                            </span>
                          ))
                        : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {category.paginated && (category.nextCursor || !category.isFirstPage) ? (
        <p className="pager">
          {!category.isFirstPage ? <Link to={newestHref()}>Back to the newest</Link> : null}
          {category.nextCursor ? (
            <Link to={olderHref(category.nextCursor)} rel="next">
              Older entries
            </Link>
          ) : null}
        </p>
      ) : null}
    </section>
  )
}

// The place for what a customer can do with a category (correct, complete, erase, withdraw consent).
function CategoryActions({ category }: { category: CategoryView }) {
  return (
    <div className="category-actions" id={`category-${category.slug}-actions`} data-category={category.slug}>
      <CategoryRectificationLinks slug={category.slug} total={category.total} />
      <CategoryErasureLink slug={category.slug} total={category.total} />
    </div>
  )
}
