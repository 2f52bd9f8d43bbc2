// Request types, statuses and steps as people read them: explicit maps from the stored codes to catalogue
// keys (app/locales/<lng>/requests.json), so the catalogue check sees every key and no code reaches a page.
import type { TFunction } from 'i18next'
import type { DsrEvent, DsrStatus, DsrType } from './dsr.server'

export const TYPE_KEYS: Record<DsrType, string> = {
  access: 'requests:type.access',
  portability: 'requests:type.portability',
  rectification: 'requests:type.rectification',
  erasure: 'requests:type.erasure',
  restriction: 'requests:type.restriction',
  objection: 'requests:type.objection',
  consent_withdrawal: 'requests:type.consent_withdrawal',
  other: 'requests:type.other',
}

export const STATUS_KEYS: Record<DsrStatus, string> = {
  identity_unverified: 'requests:state.identity_unverified',
  received: 'requests:state.received',
  in_progress: 'requests:state.in_progress',
  awaiting_clarification: 'requests:state.awaiting_clarification',
  completed: 'requests:state.completed',
  denied: 'requests:state.denied',
  withdrawn: 'requests:state.withdrawn',
}

// Every step a person can see on their request; any other is "a step was recorded", never its code.
export const EVENT_KEYS: Record<string, string> = {
  received: 'requests:event.received',
  identity_verified: 'requests:event.identity_verified',
  status_changed: 'requests:event.status_changed',
  started: 'requests:event.started',
  extended: 'requests:event.extended',
  denied: 'requests:event.denied',
  clarification_requested: 'requests:event.clarification_requested',
  clarification_answered: 'requests:event.clarification_answered',
  marked_manifestly_unfounded: 'requests:event.marked_manifestly_unfounded',
  completed: 'requests:event.completed',
  withdrawn: 'requests:event.withdrawn',
  closed_unverified: 'requests:event.closed_unverified',
  restricted: 'requests:event.restricted',
  restriction_lifted: 'requests:event.restriction_lifted',
  rectification_decided: 'requests:event.rectification_decided',
  erasure_held: 'requests:event.erasure_held',
  cancellation_scheduled: 'requests:event.cancellation_scheduled',
  cancellation_undone: 'requests:event.cancellation_undone',
  account_erased: 'requests:event.account_erased',
  access_package_prepared: 'requests:event.access_package_prepared',
  package_delivered: 'requests:event.package_delivered',
  package_download_interrupted: 'requests:event.package_download_interrupted',
  username_changed: 'requests:event.username_changed',
  email_changed: 'requests:event.email_changed',
  settings_changed: 'requests:event.settings_changed',
  forum_name_changed: 'requests:event.forum_name_changed',
  forum_post_edited: 'requests:event.forum_post_edited',
  contact_details_changed: 'requests:event.contact_details_changed',
  supplementary_statement_added: 'requests:event.supplementary_statement_added',
  email_change_reported: 'requests:event.email_change_reported',
  reported_not_made_by_holder: 'requests:event.reported_not_made_by_holder',
  sessions_ended: 'requests:event.sessions_ended',
  consent_withdrawn: 'requests:event.consent_withdrawn',
}

// What was deleted or anonymised, by the category the event names.
const WHAT_KEYS: Record<string, string> = {
  vpn_sessions: 'requests:what.vpn_sessions',
  contact_messages: 'requests:what.contact_messages',
  forum_posts: 'requests:what.forum_posts',
  feed_subscriptions: 'requests:what.feed_subscriptions',
}

// Steps whose note is a person's own words (the DPO's reason or question, the person's answer); other
// notes are the portal's bookkeeping and are said by the step's words instead.
const NOTE_KINDS = new Set(['extended', 'denied', 'clarification_requested', 'clarification_answered', 'marked_manifestly_unfounded', 'completed', 'rectification_decided'])

type Who = 'you' | 'dpo' | 'system'
const ERASED_KEYS: Record<'deleted' | 'anonymised' | 'postDeleted' | 'postAnonymised', Record<Who, string>> = {
  deleted: { you: 'requests:erased.deleted.you', dpo: 'requests:erased.deleted.dpo', system: 'requests:erased.deleted.system' },
  anonymised: { you: 'requests:erased.anonymised.you', dpo: 'requests:erased.anonymised.dpo', system: 'requests:erased.anonymised.system' },
  postDeleted: { you: 'requests:erased.postDeleted.you', dpo: 'requests:erased.postDeleted.dpo', system: 'requests:erased.postDeleted.system' },
  postAnonymised: { you: 'requests:erased.postAnonymised.you', dpo: 'requests:erased.postAnonymised.dpo', system: 'requests:erased.postAnonymised.system' },
}

type EventLike = Pick<DsrEvent, 'kind' | 'actorType' | 'note' | 'data'>

/** The step in words: who did what ("You deleted your forum posts and comments: 3 items"). */
export function describeEvent(t: TFunction, event: EventLike) {
  const erased = /^data_(deleted|anonymised)$/.exec(event.kind)
  if (erased) {
    const data = (event.data ?? {}) as { category?: unknown; count?: unknown; postId?: unknown }
    const who: Who = event.actorType === 'customer' || event.actorType === 'data_subject' ? 'you' : event.actorType === 'dpo' ? 'dpo' : 'system'
    const what = typeof data.category === 'string' && WHAT_KEYS[data.category] ? t(WHAT_KEYS[data.category]) : t('requests:what.data')
    const count = typeof data.count === 'number' ? data.count : 0
    const deleted = erased[1] === 'deleted'
    if (data.postId !== undefined) return t(ERASED_KEYS[deleted ? 'postDeleted' : 'postAnonymised'][who])
    return t(ERASED_KEYS[deleted ? 'deleted' : 'anonymised'][who], { what, count })
  }
  return EVENT_KEYS[event.kind] ? t(EVENT_KEYS[event.kind]) : t('requests:event.other')
}

export function eventNote(event: EventLike) {
  return event.note && NOTE_KINDS.has(event.kind) ? event.note : null
}

export function actorKey(actorType: string) {
  return actorType === 'customer' || actorType === 'data_subject' ? 'requests:by.you' : actorType === 'dpo' ? 'requests:by.dpo' : 'requests:by.system'
}
