import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { isErasableCategory } from '~/lib/domain/erasure'

// Erasure from My data (issue 5): a whole category, or one forum post or comment.
export function CategoryErasureLink({ slug, name, total }: { slug: string; name: string; total: number }) {
  const { t } = useTranslation()
  if (!isErasableCategory(slug) || total === 0) return null
  return (
    <li>
      <Link to={`/my-data/erase/${slug}`} className="action-link action-danger">
        {t('mydata:actions.deleteAll')}
        <span className="visually-hidden">: {name}</span>
      </Link>
    </li>
  )
}

export function ItemErasureLink({ slug, rowId }: { slug: string; rowId: string }) {
  const { t } = useTranslation()
  if (slug !== 'forum_posts') return null
  return (
    <Link to={`/my-data/erase/forum-post/${rowId}`} className="action-link action-danger">
      {t('mydata:actions.delete')}
      <span className="visually-hidden"> {t('mydata:actions.itemNumber', { number: rowId })}</span>
    </Link>
  )
}
