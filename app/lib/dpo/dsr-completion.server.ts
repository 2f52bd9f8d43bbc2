// The DPO approves a request and it is carried out through the same code the self-service uses: erasure
// (erasure.server.ts), rectification (rectification.server.ts), restriction (restriction.server.ts); access
// is the customer's own live page and copy, or, without an account, the data shown on the status page.
import { eq } from 'drizzle-orm'
import { db, type Transaction } from '#db/client.server'
import { dataCategories, dataSubjectRequests } from '#db/schema'
import { countCommunityData } from '../erasure/community.server'
import { isActive, type DpoActionResult } from './dsr-dpo.server'
import { statusUrlOf } from '../requests/dsr-public.server'
import { lockRequest, requestRecipient, transitionRequest, type Actor, type DataSubjectRequest } from '../requests/dsr.server'
import { sendEmail } from '../platform/email.server'
import { absoluteUrl } from '../platform/env.server'
import { COMMUNITY_CATEGORIES, eraseByEmail, eraseCategory, isErasableCategory, type ErasureMode } from '../erasure/erasure.server'
import { checkDpoCorrection, correctionFieldsOf, decideRectification } from '../rectification/rectification.server'
import { CORRECTABLE_ROW_CATEGORIES } from '../requests/personal-data-tables'
import { restrict } from '../requests/restriction.server'
import { AUTHORITATIVE_LANGUAGE } from '~/i18n/config'
import { msg } from '~/i18n/translate'
import { categoryNameOf } from '../registry/registry.server'

type CommunityCategory = (typeof COMMUNITY_CATEGORIES)[number]

const isCommunityCategory = (slug: string | null): slug is CommunityCategory => (COMMUNITY_CATEGORIES as readonly (string | null)[]).includes(slug)

export type CompletionKind = 'erase_category' | 'erase_by_email' | 'rectify' | 'restrict' | 'access' | 'answer'

export interface CompletionPlan {
  kind: CompletionKind
  /** what pressing "complete" will do, for the DPO */
  description: string
  /** the same in the DPO's language: a catalogue key, with the request's data category as {{category}} */
  descriptionKey: string
  /** the DPO's own words must go to the person: nothing is done automatically */
  messageRequired: boolean
  /** forum posts: delete or anonymise */
  asksForumMode: boolean
  /** a correction: the fields the DPO can enter the corrected value of, and whether the record must be named */
  correction?: { fields: { key: string; label: string }[]; asksForRecord: boolean }
}

/** What completing this request does, decided by its type, its owner and the data concerned. */
export function completionPlanOf(request: Pick<DataSubjectRequest, 'type' | 'userId' | 'email' | 'categorySlug'>): CompletionPlan {
  const { type, userId, categorySlug } = request
  switch (type) {
    case 'erasure':
      if (userId && categorySlug && isErasableCategory(categorySlug)) {
        return { kind: 'erase_category', descriptionKey: 'dpo:plan.eraseCategory', description: `Erase the customer's ${categorySlug.replace(/_/g, ' ')} now (with a deletion receipt), unless a legal hold holds it back.`, messageRequired: false, asksForumMode: categorySlug === 'forum_posts' }
      }
      if (!userId) {
        const what = isCommunityCategory(categorySlug) ? categorySlug.replace(/_/g, ' ') : 'contact messages, forum posts and feed subscriptions'
        return { kind: 'erase_by_email', descriptionKey: isCommunityCategory(categorySlug) ? 'dpo:plan.eraseByEmail' : 'dpo:plan.eraseByEmailAll', description: `Erase the ${what} held under the confirmed address now (with a deletion receipt).`, messageRequired: false, asksForumMode: !categorySlug || categorySlug === 'forum_posts' }
      }
      return {
        kind: 'answer',
        descriptionKey: 'dpo:plan.eraseAccount',
        description: 'Erasing the whole account goes through its cancellation (/account/cancel), with the cooling-off period and legal holds; nothing is erased from here. Tell the person what you did or what to do.',
        messageRequired: true,
        asksForumMode: false,
      }
    case 'rectification': {
      const fields = userId ? correctionFieldsOf(categorySlug) : []
      if (fields.length > 0) {
        return {
          kind: 'rectify',
          descriptionKey: 'dpo:plan.rectifyWithValue',
          description: 'Enter the corrected value (the old one goes to the archive, recipients are told), or leave it empty if you corrected the data elsewhere; any restriction that protected the data meanwhile is lifted. Say what you corrected.',
          messageRequired: true,
          asksForumMode: false,
          correction: { fields, asksForRecord: (CORRECTABLE_ROW_CATEGORIES as readonly (string | null)[]).includes(categorySlug) },
        }
      }
      return { kind: 'answer', descriptionKey: 'dpo:plan.rectifyByHand', description: 'Correct the data, then tell the person what you corrected.', messageRequired: true, asksForumMode: false }
    }
    case 'restriction':
      return { kind: 'restrict', descriptionKey: 'dpo:plan.restrict', description: 'Restrict the data concerned now: it stays stored but is used for nothing else.', messageRequired: false, asksForumMode: false }
    case 'access':
    case 'portability':
      return userId
        ? { kind: 'access', descriptionKey: 'dpo:plan.accessAccount', description: 'Tell the customer that My data shows everything and offers the complete copy (ZIP) for download.', messageRequired: false, asksForumMode: false }
        : { kind: 'access', descriptionKey: 'dpo:plan.accessEmail', description: 'Show the data held under the confirmed address on the person’s status page, and tell them.', messageRequired: false, asksForumMode: false }
    default:
      return { kind: 'answer', descriptionKey: 'dpo:plan.answer', description: 'Answer the person in your own words.', messageRequired: true, asksForumMode: false }
  }
}

async function categoryName(slug: string) {
  return (await categoryNameOf(slug)) ?? slug
}

// Outcome lines are message keys (msg): the email puts them into the person's language; the request's
// event keeps them language-neutral.
async function restrictionOutcome(request: DataSubjectRequest): Promise<{ lines: string[]; apply: (tx: Transaction) => Promise<void> }> {
  const slugs = request.categorySlug ? [request.categorySlug] : request.userId ? [] : [...COMMUNITY_CATEGORIES]
  const names = await Promise.all(slugs.map(categoryName))
  if (slugs.length === 0) {
    return { lines: [msg('emails:requestCompleted.outcome.restrictedAsAsked')], apply: async () => {} }
  }
  return {
    lines: names.map((name) => msg('emails:requestCompleted.outcome.restricted', { category: name })),
    apply: async (tx) => {
      for (const categorySlug of slugs) {
        // people without an account: restricted under the address they confirmed
        await restrict(tx, { userId: request.userId, email: request.email, categorySlug, reason: 'data_subject_request', requestId: request.id })
      }
    },
  }
}

async function accessOutcome(request: DataSubjectRequest) {
  if (request.userId) {
    return [msg('emails:requestCompleted.outcome.accessCustomer', { url: absoluteUrl('/my-data') })]
  }
  const held = await countCommunityData({ email: request.email })
  return [
    msg('emails:requestCompleted.outcome.contactMessages', { n: held.contactMessages }),
    msg('emails:requestCompleted.outcome.forumPosts', { n: held.forumPosts }),
    msg('emails:requestCompleted.outcome.feedSubscriptions', { n: held.feedSubscriptions }),
    msg('emails:requestCompleted.outcome.shownOnPage'),
  ]
}

// Completion that this module carries out itself, in one transaction with the person's email.
async function completeHere(request: DataSubjectRequest, { actor, message, lines, apply }: { actor: Actor; message: string | null; lines: string[]; apply?: (tx: Transaction) => Promise<void> }): Promise<DpoActionResult> {
  return db.transaction(async (tx) => {
    const locked = await lockRequest(tx, request.id)
    if (!locked || !isActive(locked)) return { ok: false, field: 'form', message: msg('dpo:result.closed') } as const
    if (apply) await apply(tx)
    await transitionRequest(tx, { requestId: request.id, to: 'completed', actor, kind: 'completed', note: message ?? undefined, data: { outcome: lines } })
    await notifyCompleted(tx, locked, lines, message)
    return { ok: true, message: msg('dpo:result.completed') } as const
  })
}

async function notifyCompleted(executor: Transaction, request: DataSubjectRequest, lines: string[], message: string | null) {
  const recipient = await requestRecipient(executor, request)
  if (!recipient) return
  await sendEmail(executor, {
    ...recipient,
    template: 'request-completed',
    props: { number: request.number, type: request.type, outcome: lines, message, statusUrl: statusUrlOf(request) },
  })
}

/** Carries out and completes an approved request; a refusal (closed, held, message missing) changes nothing. */
export async function completeRequest({
  requestId,
  actor,
  message,
  forumMode = 'delete',
  correction = null,
}: {
  requestId: number
  actor: Actor
  message: string | null
  forumMode?: ErasureMode
  /** a correction request: the field, the corrected value as typed, and the record when the request names none */
  correction?: { field: string; value: string; rowId?: string | null } | null
}): Promise<DpoActionResult> {
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, requestId))
  if (!request || request.status === 'identity_unverified') return { ok: false, field: 'form', message: msg('dpo:result.notFound') }
  if (!isActive(request)) return { ok: false, field: 'form', message: msg('dpo:result.closed') }
  const plan = completionPlanOf(request)
  if (plan.messageRequired && !message) return { ok: false, field: 'message', message: msg('dpo:result.messageRequired') }

  switch (plan.kind) {
    case 'erase_category': {
      const outcome = await eraseCategory({ userId: request.userId!, categorySlug: request.categorySlug as Parameters<typeof eraseCategory>[0]['categorySlug'], mode: forumMode, actor, requestId })
      if (outcome.status === 'held') {
        return { ok: false, field: 'form', message: msg('dpo:result.held', { hold: outcome.holdName }) }
      }
      return { ok: true, message: msg('dpo:result.erased', { count: outcome.rows }) }
    }
    case 'erase_by_email': {
      const categories = isCommunityCategory(request.categorySlug) ? [request.categorySlug] : [...COMMUNITY_CATEGORIES]
      const { erased } = await eraseByEmail({ email: request.email!, categories, forumMode, actor, requestId })
      const total = Object.values(erased).reduce((a, b) => a + b, 0)
      return { ok: true, message: msg('dpo:result.erasedByEmail', { count: total }) }
    }
    case 'rectify': {
      // checked before anything is written: a value the customer's own form would refuse changes nothing
      const checked = correction ? checkDpoCorrection(request.categorySlug, correction) : null
      if (checked && !checked.ok) return checked
      const decided = await decideRectification({
        requestId,
        actorId: actor.id!,
        outcome: 'corrected',
        note: message!,
        correction: checked?.ok ? { rowId: correction?.rowId || null, values: checked.values } : undefined,
        // the person hears of it in the same transaction
        afterwards: async (tx, { restrictionsLifted }) => {
          // the value as the person reads it, in the language the email is written in
          const language = (await requestRecipient(tx, request))?.language ?? AUTHORITATIVE_LANGUAGE
          const lines = checked?.ok
            ? [msg('emails:requestCompleted.outcome.correctedValue', { field: checked.label, value: checked.shown(language) }), ...(restrictionsLifted > 0 ? [msg('emails:requestCompleted.outcome.restrictionLifted')] : [])]
            : [msg(restrictionsLifted > 0 ? 'emails:requestCompleted.outcome.corrected' : 'emails:requestCompleted.outcome.correctedElsewhere')]
          await notifyCompleted(tx, { ...request, status: 'completed' }, lines, message)
        },
      })
      if (!decided.ok) return decided
      return { ok: true, message: checked?.ok ? msg('dpo:result.rectifiedValue', { field: checked.label }) : msg('dpo:result.rectified') }
    }
    case 'restrict': {
      const { lines, apply } = await restrictionOutcome(request)
      return completeHere(request, { actor, message, lines, apply })
    }
    case 'access':
      return completeHere(request, { actor, message, lines: await accessOutcome(request) })
    case 'answer':
      return completeHere(request, { actor, message, lines: [msg('emails:requestCompleted.outcome.answerBelow')] })
  }
}
