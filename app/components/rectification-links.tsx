import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CORRECTION_CATEGORIES } from '~/lib/requests/personal-data-tables'

// Where each category of My data is corrected: in place, or by a request to the DPO; and completed by a statement.
const EDIT_LINKS: Record<string, { href: string; label: string }[]> = {
  account: [
    { href: '/my-data/edit/username', label: 'mydata:actions.changeUsername' },
    { href: '/my-data/edit/email', label: 'mydata:actions.changeEmail' },
  ],
  settings: [{ href: '/my-data/edit/settings', label: 'mydata:actions.changeSettings' }],
  forum_posts: [{ href: '/my-data/edit/forum-name', label: 'mydata:actions.changeForumName' }],
}

// Records kept as proof or made by the archive itself are completed by a statement, never corrected.
const NO_STATEMENT = new Set(['archive', 'cookies'])

const isCorrectionCategory = (slug: string) => (CORRECTION_CATEGORIES as readonly string[]).includes(slug)

/** One link per way of correcting or completing a category, as list items of the category's actions. */
export function CategoryRectificationLinks({ slug, name, total }: { slug: string; name: string; total: number }) {
  const { t } = useTranslation()
  const edits = total > 0 ? (EDIT_LINKS[slug] ?? []) : []
  return (
    <>
      {edits.map((l) => (
        <li key={l.href}>
          <Link to={l.href} className="action-link">
            {t(l.label)}
          </Link>
        </li>
      ))}
      {isCorrectionCategory(slug) && total > 0 ? (
        <li>
          {/* one correction per category: the form asks which item, if only one is wrong */}
          <Link to={`/my-data/correction/${slug}`} className="action-link">
            {t('mydata:actions.correct')}
            <span className="visually-hidden">: {name}</span>
          </Link>
        </li>
      ) : null}
      {NO_STATEMENT.has(slug) ? null : (
        <li>
          <Link to={`/my-data/statement?category=${slug}`} className="action-link">
            {t('mydata:actions.addStatement')}
            <span className="visually-hidden">: {name}</span>
          </Link>
        </li>
      )}
      <li>
        <Link to={`/my-data/history?category=${slug}`} className="action-link">
          {t('mydata:actions.history')}
          <span className="visually-hidden">: {name}</span>
        </Link>
      </li>
    </>
  )
}

/** What can be done with one item in place: forum posts are edited, contact details corrected. */
export function ItemRectificationLink({ slug, rowId }: { slug: string; rowId: string }) {
  const { t } = useTranslation()
  if (slug === 'forum_posts') {
    return (
      <Link to={`/my-data/edit/forum-post/${rowId}`} className="action-link">
        {t('mydata:actions.edit')}
        <span className="visually-hidden"> {t('mydata:actions.itemNumber', { number: rowId })}</span>
      </Link>
    )
  }
  if (slug === 'contact_messages') {
    return (
      <Link to={`/my-data/edit/contact/${rowId}`} className="action-link">
        {t('mydata:actions.correctContact')}
        <span className="visually-hidden"> {t('mydata:actions.itemNumber', { number: rowId })}</span>
      </Link>
    )
  }
  return null
}

export function hasItemActions(slug: string) {
  return slug === 'forum_posts' || slug === 'contact_messages'
}
