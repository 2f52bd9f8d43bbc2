import { Link } from '@remix-run/react'
import { CORRECTABLE_ROW_CATEGORIES, CORRECTION_CATEGORIES } from '~/lib/requests/personal-data-tables'

// Where each category of My data is corrected: in place, or by a request to the DPO; and completed by a statement.
const EDIT_LINKS: Record<string, { href: string; label: string }[]> = {
  account: [
    { href: '/my-data/edit/username', label: 'Change username' },
    { href: '/my-data/edit/email', label: 'Change email address' },
  ],
  settings: [{ href: '/my-data/edit/settings', label: 'Change settings' }],
  forum_posts: [{ href: '/my-data/edit/forum-name', label: 'Change forum display name' }],
}

// Records kept as proof or made by the archive itself are completed by a statement, never corrected.
const NO_STATEMENT = new Set(['archive', 'cookies'])

const isCorrectionCategory = (slug: string) => (CORRECTION_CATEGORIES as readonly string[]).includes(slug)

export function CategoryRectificationLinks({ slug, total }: { slug: string; total: number }) {
  const edits = total > 0 ? (EDIT_LINKS[slug] ?? []) : []
  return (
    <p className="rectification-links">
      {edits.map((l) => (
        <Link key={l.href} to={l.href}>
          {l.label}
        </Link>
      ))}
      {isCorrectionCategory(slug) && total > 0 ? <Link to={`/my-data/correction/${slug}`}>Request a correction</Link> : null}
      {NO_STATEMENT.has(slug) ? null : <Link to={`/my-data/statement?category=${slug}`}>Add a statement</Link>}
      <Link to={`/my-data/history?category=${slug}`}>History of changes</Link>
    </p>
  )
}

export function ItemRectificationLink({ slug, rowId }: { slug: string; rowId: string }) {
  if (slug === 'forum_posts') return <Link to={`/my-data/edit/forum-post/${rowId}`}>Edit</Link>
  if (slug === 'contact_messages') return <Link to={`/my-data/edit/contact/${rowId}`}>Correct contact details</Link>
  if ((CORRECTABLE_ROW_CATEGORIES as readonly string[]).includes(slug)) return <Link to={`/my-data/correction/${slug}?row=${rowId}`}>Request a correction</Link>
  return null
}
