// Data people leave on the website, with or without an account; matched to a person by user id or email.
import { sql } from 'drizzle-orm'
import { bigint, bigserial, index, pgTable, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { languageCheck, languageColumn } from './language'

export const contactMessages = pgTable(
  'contact_messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('contact_messages_user_id_idx').on(t.userId), index('contact_messages_email_lower_idx').on(sql`lower(${t.email})`)],
)

// Posts and the comments on them (parent_id set), as the forum stores them.
export const forumPosts = pgTable(
  'forum_posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    parentId: bigint('parent_id', { mode: 'number' }).references((): AnyPgColumn => forumPosts.id, { onDelete: 'cascade' }),
    authorName: text('author_name').notNull(),
    authorEmail: text('author_email'),
    title: text('title'),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [
    index('forum_posts_user_id_created_at_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('forum_posts_parent_id_idx').on(t.parentId),
    index('forum_posts_author_email_lower_idx').on(sql`lower(${t.authorEmail})`),
  ],
)

// Comment-feed subscriptions: double opt-in, one-click unsubscribe.
export const feedSubscriptions = pgTable(
  'feed_subscriptions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    email: text('email').notNull(),
    topic: text('topic').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    // the language of the page the subscription was made on: every feed email goes out in it
    language: languageColumn(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('feed_subscriptions_user_id_idx').on(t.userId),
    index('feed_subscriptions_email_lower_idx').on(sql`lower(${t.email})`),
    languageCheck('feed_subscriptions', t.language),
  ],
)
