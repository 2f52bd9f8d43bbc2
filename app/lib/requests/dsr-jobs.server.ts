// Scheduled work on requests: deadline reminders to the DPO (7 days before the due date, and once
// overdue), and closing requests whose email address was never confirmed. Each job is a plain function of
// `now`, idempotent (a second run at the same `now` does nothing), run by the job runner (jobs.server.ts).
import { and, asc, eq, gt, inArray, isNull, lte } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests } from '#db/schema'
import { AUTHORITATIVE_LANGUAGE } from '~/i18n/config'
import { RETENTION_REASON, withChangeContext } from './archive.server'
import { ACTIVE_STATUSES, languageOfAddress, recordEvent, transitionRequest, type Actor } from './dsr.server'
import { sendEmail } from '../platform/email.server'
import { absoluteUrl } from '../platform/env.server'
import { getRegistryContacts, getRegistrySetting } from '../registry/registry.server'

const SYSTEM: Actor = { type: 'system', id: null }
export const DUE_SOON_DAYS = 7
const BATCH = 200

type ReminderKind = 'due_soon' | 'overdue'

// Claims the requests of one kind that have not had this reminder yet, emails the DPO one list, and marks them.
async function remind(kind: ReminderKind, now: Date) {
  const sentColumn = kind === 'due_soon' ? dataSubjectRequests.dueSoonReminderSentAt : dataSubjectRequests.overdueReminderSentAt
  const window =
    kind === 'due_soon'
      ? and(gt(dataSubjectRequests.dueAt, now), lte(dataSubjectRequests.dueAt, new Date(now.getTime() + DUE_SOON_DAYS * 86_400_000)))
      : lte(dataSubjectRequests.dueAt, now)
  let total = 0
  for (;;) {
    const sent = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: dataSubjectRequests.id, number: dataSubjectRequests.number, type: dataSubjectRequests.type, dueAt: dataSubjectRequests.dueAt })
        .from(dataSubjectRequests)
        .where(and(inArray(dataSubjectRequests.status, [...ACTIVE_STATUSES]), window, isNull(sentColumn)))
        .orderBy(asc(dataSubjectRequests.dueAt), asc(dataSubjectRequests.id))
        .limit(BATCH)
        .for('update', { skipLocked: true })
      if (due.length === 0) return 0
      const ids = due.map((r) => r.id)
      await tx
        .update(dataSubjectRequests)
        .set(kind === 'due_soon' ? { dueSoonReminderSentAt: now } : { overdueReminderSentAt: now })
        .where(inArray(dataSubjectRequests.id, ids))
      for (const id of ids) await recordEvent(tx, { requestId: id, kind: 'reminder_sent', actor: SYSTEM, data: { reminder: kind } })
      // the DPO's mailbox as the registry names it, so a change of DPO redirects the reminders too
      const { dpo } = await getRegistryContacts(AUTHORITATIVE_LANGUAGE, tx)
      await sendEmail(tx, {
        to: dpo.email,
        language: await languageOfAddress(tx, dpo.email),
        template: 'request-reminder',
        props: {
          kind,
          requests: due.map((r) => ({ number: r.number, type: r.type, dueAt: r.dueAt, url: absoluteUrl(`/dpo/requests/${r.id}`) })),
          queueUrl: absoluteUrl(kind === 'overdue' ? '/dpo?overdue=1' : '/dpo'),
        },
      })
      return due.length
    })
    total += sent
    if (sent < BATCH) return total
  }
}

/** Reminds the DPO of requests due within 7 days and of requests past their due date, each once per deadline. */
export async function sendDeadlineReminders({ now = new Date() }: { now?: Date } = {}) {
  // an overdue request is not also announced as "due soon"
  const overdue = await remind('overdue', now)
  const dueSoon = await remind('due_soon', now)
  return { overdue, dueSoon }
}

/**
 * Closes requests whose address was not confirmed within the registry's period (default 7 days). What the
 * unconfirmed person typed is removed with it: nobody proved it was theirs, so nothing of it is kept.
 */
export async function closeUnverifiedRequests({ now = new Date() }: { now?: Date } = {}) {
  const days = Number((await getRegistrySetting('dsr_unverified_close_days')) ?? 7)
  const cutoff = new Date(now.getTime() - (Number.isFinite(days) && days > 0 ? days : 7) * 86_400_000)
  let closed = 0
  for (;;) {
    const count = await db.transaction(async (tx) => {
      const stale = await tx
        .select({ id: dataSubjectRequests.id })
        .from(dataSubjectRequests)
        .where(and(eq(dataSubjectRequests.status, 'identity_unverified'), lte(dataSubjectRequests.receivedAt, cutoff)))
        .limit(BATCH)
        .for('update', { skipLocked: true })
      if (stale.length === 0) return 0
      // like the end of a retention period: no archived copy of the unconfirmed text (decision 040)
      await withChangeContext(tx, { actor: SYSTEM, reason: RETENTION_REASON })
      const ids = stale.map((r) => r.id)
      await tx
        .update(dataSubjectRequests)
        .set({ email: null, subject: null, details: null, updatedAt: now })
        .where(inArray(dataSubjectRequests.id, ids))
      for (const id of ids) {
        await transitionRequest(tx, { requestId: id, to: 'withdrawn', actor: SYSTEM, kind: 'closed_unverified', data: { afterDays: days } })
      }
      return ids.length
    })
    closed += count
    if (count < BATCH) return { closed }
  }
}

/** For the job runner (jobs.server.ts PORTAL_SCHEDULES): hourly, so a reminder is never more than an hour late. */
export const DSR_SCHEDULES = [
  { name: 'dsr-deadline-reminders', cron: '5 * * * *', run: ({ now }: { now: Date }) => sendDeadlineReminders({ now }) },
  { name: 'dsr-close-unverified', cron: '35 * * * *', run: ({ now }: { now: Date }) => closeUnverifiedRequests({ now }) },
] as const
