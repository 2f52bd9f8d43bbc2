// Whose a row is. One rule for every table that holds personal data: the account's id, or the email address
// the person gave (people without an account, and forms a customer filled in while logged out). Showing,
// exporting, correcting and erasing all ask here, so they can never disagree about whose data it is.
import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { forumPosts } from '#db/schema'
import type { PersonalDataTable } from './personal-data-tables'

export interface DataOwner {
  userId?: string | null
  email?: string | null
}

type Column = AnyPgColumn | SQL

/** `userId` column is the account, or lower(`email` column) is the address; give the columns the table has. */
export function ownedBy(owner: DataOwner, columns: { userId?: Column | null; email?: Column | null }): SQL {
  const conditions: SQL[] = []
  if (owner.userId && columns.userId) conditions.push(sql`${columns.userId} = ${owner.userId}`)
  if (owner.email && columns.email) conditions.push(sql`lower(${columns.email}) = lower(${owner.email})`)
  if (conditions.length === 0) throw new Error('An owner needs a user id or an email address.')
  return conditions.length === 1 ? conditions[0] : sql`(${sql.join(conditions, sql` or `)})`
}

const qualified = (alias: string, column: string) => sql`${sql.identifier(alias)}.${sql.identifier(column)}`

/**
 * Whether a forum post or comment is the person's: written under their account, or under the address they
 * posted with. The only place that decides it; `alias` names forum_posts in a plain-SQL query. Anonymised
 * posts have neither and belong to nobody.
 */
export function forumPostOwnedBy(owner: DataOwner, alias?: string): SQL {
  return alias
    ? ownedBy(owner, { userId: qualified(alias, 'user_id'), email: qualified(alias, 'author_email') })
    : ownedBy(owner, { userId: forumPosts.userId, email: forumPosts.authorEmail })
}

/** The person's rows of a table of personal-data-tables.ts; the users row is the account itself, matched by id only. */
export function rowsOwnedBy(t: PersonalDataTable, owner: DataOwner): SQL {
  if (t.table === 'forum_posts') return forumPostOwnedBy(owner)
  return ownedBy(owner, {
    userId: t.userIdColumn ? sql`${sql.identifier(t.userIdColumn)}` : null,
    email: t.emailColumn && t.table !== 'users' ? sql`${sql.identifier(t.emailColumn)}` : null,
  })
}
