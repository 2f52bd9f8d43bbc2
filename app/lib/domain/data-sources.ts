// Where a data category's data comes from (the registry's `source` code), as catalogue keys: words for people.
export const DATA_SOURCE_KEYS: Record<string, string> = {
  data_subject: 'mydata:source.data_subject',
  our_systems: 'mydata:source.our_systems',
  affiliate: 'mydata:source.affiliate',
  payment_provider: 'mydata:source.payment_provider',
}
