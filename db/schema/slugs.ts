// The registry rows that code looks up by slug. The rows themselves (names, periods, texts) are data the
// DPO edits; these keys are part of the code, so they live with the schema, not with the seed data.
export const DATA_CATEGORY_SLUGS = [
  'account',
  'payments',
  'vpn_sessions',
  'traffic',
  'settings',
  'affiliate',
  'contact_messages',
  'forum_posts',
  'feed_subscriptions',
  'consents',
  'archive',
  'cookies',
] as const
export type DataCategorySlug = (typeof DATA_CATEGORY_SLUGS)[number]

export const RETENTION_RULE_SLUGS = [
  'while_registered',
  'statutory_tax',
  'vpn_sessions_90_days',
  'current_month',
  'permanent_in_record',
  'contact_messages_after_answer',
  'forum_until_removed',
  'until_consent_withdrawn',
  'consent_proof',
  'archive_conflict_resolution',
  'requests_records',
  'server_logs',
  'per_cookie',
  'unconfirmed_signups',
  'expired_credentials',
  'sent_emails',
] as const
export type RetentionRuleSlug = (typeof RETENTION_RULE_SLUGS)[number]
