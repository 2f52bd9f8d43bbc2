import { boolean, index, integer, pgEnum, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { languageCheck, languageColumn } from './language'

export const userRole = pgEnum('user_role', ['customer', 'dpo'])
export const accountStatus = pgEnum('account_status', ['active', 'cancellation_pending', 'cancelled'])

export const affiliatePartners = pgTable('affiliate_partners', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  contactEmail: text('contact_email').notNull(),
})

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    email: text('email').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: userRole('role').notNull().default('customer'),
    status: accountStatus('status').notNull().default('active'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    accountExpiresAt: timestamp('account_expires_at', { withTimezone: true }),
    subscriptionActive: boolean('subscription_active').notNull().default(false),
    ageConfirmedAt: timestamp('age_confirmed_at', { withTimezone: true }).notNull(),
    // set when the account was erased: the row stays as a tombstone so legal holds keep their owner
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    // emails go out in this language: set at sign-up from the page, changed with the language switch (decision 015)
    language: languageColumn(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_lower_idx').on(sql`lower(${t.username})`),
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    languageCheck('users', t.language),
  ],
)

// lucia's session table; created_at carries the absolute lifetime lucia v3 lacks
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    // a coarse description for the session list ("Chrome on Linux"); never the IP address
    userAgent: text('user_agent'),
    // last time the password was re-entered in this session, for sensitive steps
    reauthenticatedAt: timestamp('reauthenticated_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('sessions_user_id_idx').on(t.userId), index('sessions_expires_at_idx').on(t.expiresAt)],
)

export const verificationPurpose = pgEnum('verification_purpose', ['signup', 'email_change', 'request_identity', 'login'])

// Emailed 6-digit codes. Only a hash of the code is stored.
export const emailVerifications = pgTable(
  'email_verifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    purpose: verificationPurpose('purpose').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('email_verifications_user_id_idx').on(t.userId), index('email_verifications_expires_at_idx').on(t.expiresAt)],
)

// Fixed-window counters for rate limits. Keys are HMACs: no raw IP address or email is stored.
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    keyHash: text('key_hash').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [uniqueIndex('rate_limits_pk').on(t.bucket, t.keyHash, t.windowStart), index('rate_limits_window_start_idx').on(t.windowStart)],
)
