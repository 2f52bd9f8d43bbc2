// Restriction (Art. 18), supplementary statements (Art. 16) and notices to recipients (Art. 19).
import { sql } from 'drizzle-orm'
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { dataSubjectRequests } from './dsr'
import { recipients, retentionRules } from './registry'

export const restrictionReason = pgEnum('restriction_reason', [
  'accuracy_contested', // Art. 18(1)(a): while a correction request is reviewed
  'legal_hold', // kept only because the law requires it (after erasure or cancellation)
  'objection', // Art. 18(1)(d): while an objection is assessed
  'unlawful_processing', // Art. 18(1)(b)
  'data_subject_request', // Art. 18(1)(c) or a plain restriction request
])

// Data that is kept but excluded from all other processing. A row restricts one item (row_id) or a
// whole category (row_id null). It ends when lifted_at is set or ends_at passes.
export const restrictions = pgTable(
  'restrictions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    // for people without an account: the email the data is held under
    email: text('email'),
    categorySlug: text('category_slug').notNull(),
    rowId: text('row_id'),
    reason: restrictionReason('reason').notNull(),
    requestId: bigint('request_id', { mode: 'number' }).references(() => dataSubjectRequests.id, { onDelete: 'set null' }),
    retentionRuleId: integer('retention_rule_id').references(() => retentionRules.id),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
  },
  (t) => [
    index('restrictions_user_id_idx').on(t.userId, t.categorySlug),
    index('restrictions_request_id_idx').on(t.requestId),
    index('restrictions_retention_rule_id_idx').on(t.retentionRuleId),
    index('restrictions_ends_at_idx').on(t.endsAt),
  ],
)

// "Completed by means of a supplementary statement" (Art. 16): shown beside the data, exported with it.
export const supplementaryStatements = pgTable(
  'supplementary_statements',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    categorySlug: text('category_slug').notNull(),
    rowId: text('row_id'),
    statement: text('statement').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('supplementary_statements_user_id_idx').on(t.userId, t.categorySlug)],
)

export const recipientNotificationKind = pgEnum('recipient_notification_kind', ['rectification', 'erasure', 'restriction'])

// Art. 19: every notice sent to a recipient about a correction, erasure or restriction.
// What a notice under Art. 19 was about, and how it reached the recipient.
export const RECIPIENT_NOTICE_ABOUT = ['email', 'payment', 'referral', 'forum_name', 'forum_post'] as const
export type RecipientNoticeAbout = (typeof RECIPIENT_NOTICE_ABOUT)[number]
export const RECIPIENT_NOTICE_CHANNELS = ['email_to_recipient', 'email_via_dpo', 'published'] as const
export type RecipientNoticeChannel = (typeof RECIPIENT_NOTICE_CHANNELS)[number]

export const recipientNotifications = pgTable(
  'recipient_notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: bigint('request_id', { mode: 'number' }).references(() => dataSubjectRequests.id, { onDelete: 'set null' }),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    recipientId: integer('recipient_id')
      .notNull()
      .references(() => recipients.id),
    kind: recipientNotificationKind('kind').notNull(),
    // what changed, in the portal's English words, without the personal data itself (e.g. "Email address corrected")
    subject: text('subject').notNull(),
    // how, in the portal's English words (e.g. "Email to <partner>")
    channel: text('channel').notNull(),
    // the same as codes, worded in the reader's language when shown (decision 099); null on rows written before
    about: text('about').$type<RecipientNoticeAbout>(),
    channelCode: text('channel_code').$type<RecipientNoticeChannel>(),
    // whom an email went to directly (channel_code 'email_to_recipient'): the name it was addressed to
    addressee: text('addressee'),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('recipient_notifications_request_id_idx').on(t.requestId),
    index('recipient_notifications_user_id_idx').on(t.userId),
    index('recipient_notifications_recipient_id_idx').on(t.recipientId),
    check('recipient_notifications_about_check', sql`${t.about} in ('email', 'payment', 'referral', 'forum_name', 'forum_post')`),
    check('recipient_notifications_channel_code_check', sql`${t.channelCode} in ('email_to_recipient', 'email_via_dpo', 'published')`),
  ],
)
