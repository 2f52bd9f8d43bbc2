import { expect, test } from '@playwright/test'
import { and, eq, like } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, dsrEvents, outboxMessages } from '#db/schema'
import { closeUnverifiedRequests, sendDeadlineReminders } from '~/lib/requests/dsr-jobs.server'
import { listQueue } from '~/lib/dpo/dsr-queue.server'
import { createRequest, type DsrStatus } from '~/lib/requests/dsr.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'
import { uniqueName } from '../support/fixtures'

const DAY = 86_400_000

async function requestReceived(daysAgo: number, status: DsrStatus, now: Date) {
  const email = `${uniqueName('jobs')}@example.test`
  return db.transaction((tx) =>
    createRequest(tx, { userId: null, email, type: 'access', status, receivedAt: new Date(now.getTime() - daysAgo * DAY), actor: { type: 'data_subject', id: null } }),
  )
}

// Reminder emails that list a request, as the DPO's mailbox would show them.
async function remindersListing(number: string) {
  return db
    .select({ subject: outboxMessages.subject, to: outboxMessages.toAddress, text: outboxMessages.text })
    .from(outboxMessages)
    .where(and(eq(outboxMessages.template, 'request-reminder'), like(outboxMessages.text, `%${number}%`)))
}

test('the DPO is reminded once when a request is 7 days from its due date, and once when it is overdue', async () => {
  const now = new Date()
  const dueSoon = await requestReceived(26, 'received', now) // due in about 5 days
  const overdue = await requestReceived(40, 'in_progress', now)
  const notYet = await requestReceived(5, 'received', now) // more than 3 weeks left
  const closed = await requestReceived(40, 'completed', now)

  await sendDeadlineReminders({ now })
  const soonMails = await remindersListing(dueSoon.number)
  expect(soonMails).toHaveLength(1)
  expect(soonMails[0].subject).toMatch(/due within 7 days/)
  // to the DPO's mailbox as the registry names it
  const { dpo } = await getRegistryContacts('en')
  expect(soonMails[0].to).toBe(dpo.email)
  const overdueMails = await remindersListing(overdue.number)
  expect(overdueMails).toHaveLength(1)
  expect(overdueMails[0].subject).toMatch(/Overdue/)
  expect(await remindersListing(notYet.number)).toHaveLength(0)
  expect(await remindersListing(closed.number)).toHaveLength(0)

  // a second run, at the same time or an hour later, reminds of nothing again
  await sendDeadlineReminders({ now })
  await sendDeadlineReminders({ now: new Date(now.getTime() + 3600_000) })
  expect(await remindersListing(dueSoon.number)).toHaveLength(1)
  expect(await remindersListing(overdue.number)).toHaveLength(1)

  // when the soon-due request passes its date, the overdue reminder follows
  await sendDeadlineReminders({ now: new Date(dueSoon.dueAt.getTime() + 60_000) })
  const later = await remindersListing(dueSoon.number)
  expect(later.map((m) => m.subject).sort()).toEqual([expect.stringMatching(/Overdue/), expect.stringMatching(/due within 7 days/)].sort())
  const events = await db.select().from(dsrEvents).where(and(eq(dsrEvents.requestId, dueSoon.id), eq(dsrEvents.kind, 'reminder_sent')))
  expect(events.map((e) => (e.data as { reminder: string }).reminder).sort()).toEqual(['due_soon', 'overdue'])
})

test('a request whose address was never confirmed is closed after 7 days, without the text nobody proved, and only once', async () => {
  const now = new Date()
  const stale = await requestReceived(8, 'identity_unverified', now)
  const fresh = await requestReceived(6, 'identity_unverified', now)
  const first = await closeUnverifiedRequests({ now })
  expect(first.closed).toBeGreaterThanOrEqual(1)
  const [closed] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, stale.id))
  expect(closed.status).toBe('withdrawn')
  expect(closed.email).toBeNull()
  expect(closed.details).toBeNull()
  const [event] = await db.select().from(dsrEvents).where(and(eq(dsrEvents.requestId, stale.id), eq(dsrEvents.kind, 'closed_unverified')))
  expect(event.actorType).toBe('system')
  const [open] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, fresh.id))
  expect(open.status).toBe('identity_unverified')

  expect((await closeUnverifiedRequests({ now })).closed).toBe(0)
  // it never was the DPO's: not in the queue, closed or open
  const page = await listQueue({ filter: { view: 'all', q: `#${stale.id}` } })
  expect(page.rows).toEqual([])
  // a week later the fresh one goes the same way
  await closeUnverifiedRequests({ now: new Date(now.getTime() + 2 * DAY) })
  const [later] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, fresh.id))
  expect(later.status).toBe('withdrawn')
})
