import { Link } from '@remix-run/react'
import { isErasableCategory } from '~/lib/domain/erasure'

// Erasure from My data (issue 5): a whole category, or one forum post or comment.
export function CategoryErasureLink({ slug, total }: { slug: string; total: number }) {
  if (!isErasableCategory(slug) || total === 0) return null
  return (
    <Link to={`/my-data/erase/${slug}`} className="erase-link">
      Erase all
    </Link>
  )
}

export function ItemErasureLink({ slug, rowId }: { slug: string; rowId: string }) {
  if (slug !== 'forum_posts') return null
  return (
    <Link to={`/my-data/erase/forum-post/${rowId}`} className="erase-link">
      Erase
    </Link>
  )
}
