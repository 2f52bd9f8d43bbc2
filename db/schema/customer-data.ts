// What the VPN service itself stores about a customer (domain.md, data inventory).
import { bigint, bigserial, date, index, inet, integer, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core'
import { users, affiliatePartners } from './accounts'
import { recipients } from './registry'

// Payment date and transaction number only; card data never reaches us (seed 001, 003).
export const payments = pgTable(
  'payments',
  {
    id: serial('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    transactionNumber: text('transaction_number').notNull(),
    providerId: integer('provider_id').notNull().references(() => recipients.id),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
  },
  (t) => [index('payments_user_id_paid_at_idx').on(t.userId, t.paidAt), index('payments_provider_id_idx').on(t.providerId)],
)

// Kept 90 days for abuse prevention (seed 003), then purged by the retention job.
export const vpnSessions = pgTable(
  'vpn_sessions',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    clientIp: inet('client_ip').notNull(),
    serverId: text('server_id').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('vpn_sessions_user_id_started_at_idx').on(t.userId, t.startedAt.desc(), t.id.desc()),
    index('vpn_sessions_started_at_idx').on(t.startedAt),
  ],
)

// The current month's figure only; reset at month end, no history kept.
export const trafficUsage = pgTable('traffic_usage', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  month: date('month').notNull(),
  bytesUsed: bigint('bytes_used', { mode: 'number' }).notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const userSettings = pgTable(
  'user_settings',
  {
    userId: text('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    value: text('value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
)

// The affiliate partner who referred the customer (kept in the customer record, seed 001).
export const referrals = pgTable(
  'referrals',
  {
    userId: text('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    affiliatePartnerId: integer('affiliate_partner_id').notNull().references(() => affiliatePartners.id),
    referredAt: timestamp('referred_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('referrals_affiliate_partner_id_idx').on(t.affiliatePartnerId)],
)
