// The consent ledger: append-only, one row per choice; the current state of a purpose is its latest row.
import { bigserial, index, integer, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from './accounts'
import { purposes } from './registry'

export const consentAction = pgEnum('consent_action', ['given', 'withdrawn'])
export const consentMethod = pgEnum('consent_method', [
  'signup_checkbox',
  'banner_accept_all',
  'banner_reject_all',
  'banner_save',
  'settings_toggle',
  'email_link',
  'global_privacy_control',
  'contact_form',
  'forum_signup',
  'feed_subscription',
])

export const consents = pgTable(
  'consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    // pseudonymous random id of a visitor without an account (cookie), never an IP address
    visitorId: text('visitor_id'),
    // email for people without an account who consented through a form
    email: text('email'),
    purposeId: integer('purpose_id').notNull().references(() => purposes.id),
    action: consentAction('action').notNull(),
    method: consentMethod('method').notNull(),
    policyVersion: text('policy_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consents_user_id_purpose_id_idx').on(t.userId, t.purposeId, t.createdAt.desc()),
    index('consents_visitor_id_idx').on(t.visitorId),
    index('consents_purpose_id_idx').on(t.purposeId),
  ],
)
