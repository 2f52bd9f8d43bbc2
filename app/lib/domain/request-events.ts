// The kinds of event a request's history records (dsr_events.kind). One typed list: recording a kind that is
// not here is a type error, and the pages that put events into words (app/lib/dpo/dpo-labels.ts) must cover
// every kind here. Shared with the browser: it imports nothing.
export const REQUEST_EVENT_KINDS = [
  // the life of every request
  'received',
  'identity_verified',
  'status_changed',
  'started',
  'extended',
  'denied',
  'clarification_requested',
  'clarification_answered',
  'marked_manifestly_unfounded',
  'note_added',
  'completed',
  'withdrawn',
  'closed_unverified',
  'closed_account_erased',
  'reminder_sent',
  // restriction (Art. 18) and erasure (Art. 17)
  'restricted',
  'restriction_lifted',
  'data_deleted',
  'data_anonymised',
  'erasure_held',
  'cancellation_scheduled',
  'cancellation_undone',
  'account_erased',
  // the customer's own account and corrections (Art. 16)
  'email_change_reported',
  'reported_not_made_by_holder',
  'sessions_ended',
  'rectification_decided',
  'username_changed',
  'email_changed',
  'settings_changed',
  'forum_name_changed',
  'forum_post_edited',
  'contact_details_changed',
  'supplementary_statement_added',
  // consent and access (Art. 7(3), 15, 20)
  'consent_withdrawn',
  'access_package_prepared',
  'package_delivered',
  'package_download_interrupted',
] as const

export type RequestEventKind = (typeof REQUEST_EVENT_KINDS)[number]

// Events the DPO keeps for the controller; the person sees every other event of their request.
export const INTERNAL_EVENT_KINDS = ['note_added', 'reminder_sent'] as const satisfies readonly RequestEventKind[]

export function isRequestEventKind(value: string): value is RequestEventKind {
  return (REQUEST_EVENT_KINDS as readonly string[]).includes(value)
}
