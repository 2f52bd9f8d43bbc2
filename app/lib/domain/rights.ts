// The data subject's rights as the GDPR states them. They are the law, not the provider's choices,
// so they live here; who to contact and the authority to complain to come from the registry.
export interface Right {
  key: string
  article: string
  name: string
  description: string
}

export const RIGHTS: Right[] = [
  { key: 'information', article: 'Art. 13, 14', name: 'Information', description: 'to be told who processes your data, why, on which legal basis, for how long and who receives it — this notice.' },
  { key: 'access', article: 'Art. 15', name: 'Access', description: 'to see all data we hold about you and to receive a copy of it, free of charge.' },
  { key: 'rectification', article: 'Art. 16', name: 'Rectification', description: 'to have wrong data corrected and incomplete data completed, also by a supplementary statement.' },
  { key: 'erasure', article: 'Art. 17', name: 'Erasure', description: 'to have your data deleted when it is no longer needed, you withdraw consent or object, unless the law requires us to keep it.' },
  { key: 'restriction', article: 'Art. 18', name: 'Restriction', description: 'to have your data blocked — kept but not otherwise processed — while its accuracy or our grounds are in question.' },
  { key: 'notification', article: 'Art. 19', name: 'Notification of recipients', description: 'that we tell everyone who received your data about a correction, erasure or restriction, and tell you who they are.' },
  { key: 'portability', article: 'Art. 20', name: 'Data portability', description: 'to receive the data you gave us in a structured, machine-readable format and to have it passed on to another provider.' },
  { key: 'objection', article: 'Art. 21', name: 'Objection', description: 'to object at any time to processing based on our legitimate interests; a Global Privacy Control signal counts as an objection.' },
  { key: 'withdraw-consent', article: 'Art. 7(3)', name: 'Withdrawing consent', description: 'to withdraw a consent at any time, as easily as you gave it; processing before the withdrawal stays lawful.' },
  { key: 'complaint', article: 'Art. 77', name: 'Complaint', description: 'to lodge a complaint with a supervisory authority, in particular the one named below.' },
  { key: 'judicial-remedy', article: 'Art. 78, 79', name: 'Judicial remedy', description: 'to go to court against us or against a decision of the supervisory authority.' },
]

export const AUTOMATED_DECISIONS_STATEMENT =
  'We make no decisions about you based solely on automated processing, including profiling (Art. 22 GDPR).'
