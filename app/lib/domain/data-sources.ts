// Where a category's data comes from (Art. 14(2)(f) GDPR), as the registry's data_source values read.
export const DATA_SOURCE_LABELS: Record<string, string> = {
  data_subject: 'from you',
  our_systems: 'from our systems',
  affiliate: 'from the affiliate partner who referred you',
  payment_provider: 'from the payment provider',
}
