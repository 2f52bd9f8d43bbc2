import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import postgres from 'postgres'
import { db } from '#db/client.server'
import {
  accountCancellations,
  affiliatePartners,
  consents,
  contactMessages,
  dataSubjectRequests,
  deletionReceipts,
  dsrEvents,
  emailVerifications,
  feedSubscriptions,
  forumPosts,
  outboxMessages,
  payments,
  purposes,
  recipients,
  referrals,
  restrictions,
  retentionRules,
  sessions,
  supplementaryStatements,
  trafficUsage,
  users,
  userSettings,
  vpnSessions,
} from '#db/schema'
import { projectRoot } from '#db/runtime'
import { withChangeContext } from '~/lib/requests/archive.server'
import { loginWithPassword } from '~/lib/platform/accounts.server'
import { createUserSession } from '~/lib/platform/auth.server'
import {
  checkUndoToken,
  completeCancellation,
  completeDueCancellations,
  getCancellationOverview,
  scheduleCancellation,
  undoCancellationByToken,
} from '~/lib/erasure/cancellation.server'
import { createRequest, recordCompletedRequest } from '~/lib/requests/dsr.server'
import { getRequestForDpo } from '~/lib/dpo/dsr-dpo.server'
import { listQueue } from '~/lib/dpo/dsr-queue.server'
import { eraseCategory } from '~/lib/erasure/erasure.server'
import { requestCorrection } from '~/lib/rectification/rectification.server'
import { formatDate } from '~/lib/domain/format'
import { keyed } from '~/lib/platform/rate-limit.server'
import { NOT_PERSONAL_DATA_TABLES, PERSONAL_DATA_TABLES, type PersonalDataTable } from '~/lib/requests/personal-data-tables'
import { runRetention } from '~/lib/erasure/retention.server'
import { createUser, type TestUser } from '../support/fixtures'

const MARKER = () => `marker-${randomUUID()}`

// A customer with something in every category the portal stores, plus data of other people that must survive.
async function customerWithEverything() {
  const user = await createUser()
  const marker = MARKER()
  const bystander = await createUser()
  const now = new Date()
  const [paymentwall] = await db.select({ id: recipients.id }).from(recipients).where(eq(recipients.slug, 'paymentwall'))
  const [partner] = await db.insert(affiliatePartners).values({ name: 'Partner of the test', contactEmail: 'partner@example.test' }).returning()
  const [contactPurpose] = await db.select({ id: purposes.id }).from(purposes).where(eq(purposes.slug, 'contact_form'))
  await db.insert(payments).values({ userId: user.id, paidAt: new Date(now.getTime() - 40 * 86_400_000), transactionNumber: `TX-${marker}`, providerId: paymentwall.id, amountCents: 999, currency: 'EUR' })
  await db.insert(vpnSessions).values([
    { userId: user.id, clientIp: '203.0.113.9', serverId: 'nl-ams-2', startedAt: new Date(now.getTime() - 3 * 86_400_000) },
    { userId: user.id, clientIp: '203.0.113.9', serverId: 'nl-ams-2', startedAt: new Date(now.getTime() - 86_400_000) },
  ])
  await db.insert(trafficUsage).values({ userId: user.id, month: now.toISOString().slice(0, 8) + '01', bytesUsed: 12345 })
  await db.insert(userSettings).values({ userId: user.id, key: 'protocol', value: `wireguard-${marker}` })
  await db.insert(referrals).values({ userId: user.id, affiliatePartnerId: partner.id, referredAt: now })
  await db.insert(contactMessages).values({ userId: user.id, name: user.username, email: user.email, message: `Question ${marker}` })
  const [thread] = await db.insert(forumPosts).values({ userId: user.id, authorName: user.username, authorEmail: user.email, title: 'Thread', body: `Body ${marker}` }).returning()
  await db.insert(forumPosts).values({ userId: user.id, parentId: thread.id, authorName: user.username, authorEmail: user.email, body: `My comment ${marker}` })
  const [othersThread] = await db.insert(forumPosts).values({ userId: bystander.id, authorName: bystander.username, authorEmail: bystander.email, title: 'Other', body: 'not mine' }).returning()
  await db.insert(forumPosts).values({ userId: user.id, parentId: othersThread.id, authorName: user.username, authorEmail: user.email, body: `Comment elsewhere ${marker}` })
  await db.insert(feedSubscriptions).values({ userId: user.id, email: user.email, topic: 'Thread', confirmedAt: now })
  await db.insert(consents).values({ userId: user.id, purposeId: contactPurpose.id, action: 'given', method: 'contact_form', policyVersion: 'v1' })
  await db.insert(supplementaryStatements).values({ userId: user.id, categorySlug: 'payments', statement: `Statement ${marker}` })
  await db.insert(restrictions).values({ userId: user.id, categorySlug: 'vpn_sessions', reason: 'accuracy_contested' })
  await db.insert(emailVerifications).values({ id: randomUUID(), userId: user.id, email: user.email, purpose: 'email_change', codeHash: 'x', expiresAt: new Date(now.getTime() + 600_000) })
  await db.transaction(async (tx) => {
    await recordCompletedRequest(tx, { userId: user.id, type: 'access', subject: 'Copy of my data', action: 'package_delivered', actor: { type: 'customer', id: user.id } })
    // a change the archive keeps (seed 004)
    await withChangeContext(tx, { actor: { type: 'customer', id: user.id }, reason: 'changed a setting' })
    await tx.update(userSettings).set({ value: 'openvpn' }).where(eq(userSettings.userId, user.id))
  })
  await createUserSession(user.id, 'test browser')
  return { user, bystander, marker, othersThreadId: othersThread.id }
}

async function scheduleAndMakeDue(user: TestUser) {
  const scheduled = await scheduleCancellation({ userId: user.id, actor: { type: 'customer', id: user.id } })
  expect(scheduled.ok).toBe(true)
  const [cancellation] = await db.select().from(accountCancellations).where(eq(accountCancellations.userId, user.id))
  // the cooling-off period is over
  await db.update(accountCancellations).set({ effectiveAt: new Date(Date.now() - 1000) }).where(eq(accountCancellations.id, cancellation.id))
  return cancellation
}

function ownedCondition(t: PersonalDataTable, user: TestUser) {
  const parts = []
  if (t.userIdColumn) parts.push(sql`${sql.identifier(t.userIdColumn)} = ${user.id}`)
  if (t.emailColumn) parts.push(sql`lower(${sql.identifier(t.emailColumn)}) = lower(${user.email})`)
  return sql.join(parts, sql` or `)
}

async function heldTables() {
  const rules = await db.select({ slug: retentionRules.slug, isLegalHold: retentionRules.isLegalHold }).from(retentionRules)
  const holds = new Set(rules.filter((r) => r.isLegalHold).map((r) => r.slug))
  return new Set(PERSONAL_DATA_TABLES.filter((t) => t.legalHold && holds.has(t.legalHold)).map((t) => t.table))
}

async function publicTables() {
  const rows = await db.execute<{ table_name: string }>(sql`
    select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`)
  return rows.map((r) => r.table_name)
}

// Every row of every table, as text, that mentions one of the needles.
async function tablesMentioning(needles: string[], skip: Set<string>) {
  const found: Record<string, number> = {}
  for (const table of await publicTables()) {
    if (skip.has(table)) continue
    const conditions = sql.join(
      needles.map((n) => sql`strpos(lower(t::text), lower(${n})) > 0`),
      sql` or `,
    )
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} t where ${conditions}`)
    if (n > 0) found[table] = n
  }
  return found
}

test('every table with a column that can tie a row to a person is classified', async () => {
  const columns = await db.execute<{ table_name: string; column_name: string; data_type: string }>(sql`
    select c.table_name, c.column_name, c.data_type from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public'`)
  const PERSONAL_NAMES = new Set(['user_id', 'username', 'email', 'to_address', 'visitor_id', 'actor_id', 'reviewer_id', 'client_ip', 'ip_address'])
  const looksPersonal = (c: { column_name: string; data_type: string }) =>
    PERSONAL_NAMES.has(c.column_name) || c.column_name.endsWith('_email') || c.column_name.endsWith('_by_id') || c.data_type === 'inet'
  const classified = new Set([...PERSONAL_DATA_TABLES.map((t) => t.table), ...Object.keys(NOT_PERSONAL_DATA_TABLES)])
  const unclassified = [...new Set(columns.filter((c) => looksPersonal(c) && !classified.has(c.table_name)).map((c) => `${c.table_name}.${c.column_name}`))]
  // a new table holding personal data must be added to app/lib/personal-data-tables.ts (erased or held on cancellation)
  expect(unclassified).toEqual([])
  // and the classification names real columns
  for (const t of PERSONAL_DATA_TABLES) {
    for (const column of [t.userIdColumn, t.emailColumn].filter((c): c is string => Boolean(c))) {
      expect(columns.some((c) => c.table_name === t.table && c.column_name === column), `${t.table}.${column}`).toBe(true)
    }
  }
})

test('cancellation lists what will be deleted and what is kept, why and until when, from the registry and the actual rows', async () => {
  const { user } = await customerWithEverything()
  const overview = await getCancellationOverview({ userId: user.id })
  const deleted = overview.plan.toDelete.map((i) => i.label)
  expect(deleted).toEqual(expect.arrayContaining(['Account', 'VPN sessions', 'Forum posts and comments', 'Contact form messages', 'Sign-in sessions']))
  const [tax] = await db.select().from(retentionRules).where(eq(retentionRules.slug, 'statutory_tax'))
  const paymentsHold = overview.plan.toKeep.find((h) => h.ruleSlug === 'statutory_tax')!
  expect(paymentsHold.legalReason).toBe(tax.legalReason)
  expect(paymentsHold.items).toEqual([{ label: 'Payments', rows: 1, categorySlug: 'payments' }])
  // eight years from the end of the year in which the cancellation takes effect, at the latest (Berlin calendar)
  const effectiveYear = Number(new Intl.DateTimeFormat('en-GB', { year: 'numeric', timeZone: 'Europe/Berlin' }).format(overview.effectiveAt))
  expect(formatDate(paymentsHold.until!)).toBe(`1 Jan ${effectiveYear + 9}`)
  expect(overview.plan.toKeep.map((h) => h.ruleSlug)).toEqual(expect.arrayContaining(['statutory_tax', 'archive_conflict_resolution', 'consent_proof', 'requests_records']))
  // cooling-off: the registry's 14 days
  expect(overview.coolingOffDays).toBe(14)

  // when the DPO no longer marks a rule as a legal hold, its data moves to the deletion list
  await db.update(retentionRules).set({ isLegalHold: false }).where(eq(retentionRules.slug, 'consent_proof'))
  try {
    const changed = await getCancellationOverview({ userId: user.id })
    expect(changed.plan.toKeep.map((h) => h.ruleSlug)).not.toContain('consent_proof')
    expect(changed.plan.toDelete.map((i) => i.label)).toContain('Consents')
  } finally {
    await db.update(retentionRules).set({ isLegalHold: true }).where(eq(retentionRules.slug, 'consent_proof'))
  }
})

test('after a cancellation completes, no table holds any of the customer’s data outside the listed legal holds', async () => {
  test.setTimeout(240_000)
  const { user, bystander, marker, othersThreadId } = await customerWithEverything()
  const cancellation = await scheduleAndMakeDue(user)

  const result = await completeCancellation({ cancellationId: cancellation.id })
  expect(result.completed).toBe(true)
  // a rerun (or a second job runner) finds nothing left to do
  expect(await completeCancellation({ cancellationId: cancellation.id })).toEqual({ completed: false })
  expect((await completeDueCancellations()).due).toBe(0)

  // the final email went to the address on file, written before that address was erased
  const finals = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, user.email))
  expect(finals.map((m) => m.template)).toEqual(['cancellation-completed'])
  expect(finals[0].text).toContain('You can no longer log in')
  // login impossible: every session gone, the old credentials match nothing
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
  const clientKey = keyed('client', `test-${randomUUID()}`)
  expect(await loginWithPassword({ identifier: user.email, password: user.password, clientKey })).toEqual({ ok: false, reason: 'invalid' })
  expect(await loginWithPassword({ identifier: user.username, password: user.password, clientKey })).toEqual({ ok: false, reason: 'invalid' })

  // once the outbox has delivered it, retention removes the last copy of the address
  await db.update(outboxMessages).set({ status: 'sent', sentAt: new Date() }).where(eq(outboxMessages.toAddress, user.email))
  await runRetention({ now: new Date(), runId: `test-${randomUUID()}`, only: ['sent-emails'] })

  const held = await heldTables()
  for (const t of PERSONAL_DATA_TABLES) {
    const [{ n }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t.table)} where ${ownedCondition(t, user)}`)
    if (held.has(t.table)) continue
    if (t.table === 'users') {
      // the tombstone: its id keeps the legal holds' owner, nothing else of the person is left
      const [row] = await db.select().from(users).where(eq(users.id, user.id))
      expect(row.email).not.toBe(user.email)
      expect(row.username).not.toBe(user.username)
      expect(row.status).toBe('cancelled')
      expect(row.erasedAt).toBeInstanceOf(Date)
      continue
    }
    if (t.table === 'restrictions') {
      // what is left are the legal holds themselves, each with its end date
      const rows = await db.select().from(restrictions).where(eq(restrictions.userId, user.id))
      expect(rows.length).toBe(n)
      for (const r of rows) {
        expect(r.reason).toBe('legal_hold')
        expect(r.endsAt).toBeInstanceOf(Date)
      }
      expect(rows.map((r) => r.categorySlug).sort()).toEqual(['archive', 'consents', 'payments', 'requests'])
      continue
    }
    expect(n, `${t.table} still holds rows of the customer`).toBe(0)
  }
  // held data is still there, and restricted
  expect(await db.select().from(payments).where(eq(payments.userId, user.id))).toHaveLength(1)

  // and a search of every table, as text, for anything of the person outside the holds finds nothing
  const skip = new Set([...held, 'restrictions'])
  expect(await tablesMentioning([user.email, user.username, marker], skip)).toEqual({})
  // the account id (a random key, kept on the tombstone) may remain only where the holds and the request records refer to it
  expect(await tablesMentioning([user.id], new Set([...skip, 'users', ...Object.keys(NOT_PERSONAL_DATA_TABLES)]))).toEqual({})

  // other people's data is untouched: their thread stays, only the customer's comment under it is gone
  const theirs = await db.select({ id: forumPosts.id }).from(forumPosts).where(eq(forumPosts.userId, bystander.id))
  expect(theirs.map((p) => p.id)).toEqual([othersThreadId])
  const [request] = await db.select().from(dataSubjectRequests).where(and(eq(dataSubjectRequests.userId, user.id), eq(dataSubjectRequests.subject, 'Account cancellation')))
  expect(request.status).toBe('completed')
})

test('forum posts can be anonymised instead of deleted on cancellation', async () => {
  const user = await createUser()
  await db.insert(forumPosts).values({ userId: user.id, authorName: user.username, authorEmail: user.email, title: 'Keep me', body: 'useful answer' })
  await scheduleCancellation({ userId: user.id, forumMode: 'anonymise', actor: { type: 'customer', id: user.id } })
  const [cancellation] = await db.select().from(accountCancellations).where(eq(accountCancellations.userId, user.id))
  await db.update(accountCancellations).set({ effectiveAt: new Date(Date.now() - 1000) }).where(eq(accountCancellations.id, cancellation.id))
  expect((await completeCancellation({ cancellationId: cancellation.id })).completed).toBe(true)
  const [post] = await db.select().from(forumPosts).where(eq(forumPosts.title, 'Keep me'))
  expect(post).toMatchObject({ userId: null, authorName: 'deleted user', authorEmail: null, body: 'useful answer' })
})

test('the undo link works once and only during the cooling-off period; a forged one does nothing', async () => {
  const user = await createUser()
  await scheduleCancellation({ userId: user.id, actor: { type: 'customer', id: user.id } })
  const [mail] = await db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, user.email), eq(outboxMessages.template, 'cancellation-scheduled')))
  const token = /\/account\/cancel\/undo\/([A-Za-z0-9_-]+)/.exec(mail.text)![1]

  const forged = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA')
  expect(await undoCancellationByToken({ token: forged })).toEqual({ state: 'invalid' })
  expect(await undoCancellationByToken({ token: 'not-a-token' })).toEqual({ state: 'invalid' })
  expect((await db.select().from(users).where(eq(users.id, user.id)))[0].status).toBe('cancellation_pending')

  expect((await undoCancellationByToken({ token })).state).toBe('pending')
  expect((await db.select().from(users).where(eq(users.id, user.id)))[0].status).toBe('active')
  expect(await undoCancellationByToken({ token })).toEqual({ state: 'used' })
  expect(await checkUndoToken({ token })).toEqual({ state: 'used' })
  const [request] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, user.id))
  expect(request.status).toBe('withdrawn')

  // a second cancellation's link stops working when the cooling-off period ends
  await scheduleCancellation({ userId: user.id, actor: { type: 'customer', id: user.id } })
  const mails = await db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, user.email), eq(outboxMessages.template, 'cancellation-scheduled')))
  const second = /\/account\/cancel\/undo\/([A-Za-z0-9_-]+)/.exec(mails.find((m) => m.id !== mail.id)!.text)![1]
  await db.update(accountCancellations).set({ effectiveAt: new Date(Date.now() - 1000) }).where(and(eq(accountCancellations.userId, user.id), sql`undone_at is null`))
  expect(await undoCancellationByToken({ token: second })).toEqual({ state: 'ended' })
  expect((await db.select().from(users).where(eq(users.id, user.id)))[0].status).toBe('cancellation_pending')
})

test('kill -9 in the middle of an erasure leaves the account whole; the rerun erases it completely', async () => {
  test.setTimeout(240_000)
  const { user } = await customerWithEverything()
  const cancellation = await scheduleAndMakeDue(user)
  const before = await db.select().from(vpnSessions).where(eq(vpnSessions.userId, user.id))
  expect(before).toHaveLength(2)

  // the owner's connection holds a share lock on the account row: the erasure deletes everything else, then waits
  // for it at its last step (the tombstone), inside its one open transaction
  const lockHolder = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
  const observer = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
  try {
    let childPid = 0
    await lockHolder.begin(async (tx) => {
      const [{ pid }] = await tx`select pg_backend_pid() as pid`
      await tx`select id from users where id = ${user.id} for share`
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/kill-erasure.ts', String(cancellation.id)], {
        cwd: projectRoot,
        env: process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ? -1 : code)))
      // wait until the child's backend is blocked by us, with its deletions already done in its transaction
      await expect
        .poll(
          async () => {
            const rows = await observer`
              select a.pid, (select count(*)::int from pg_locks l join pg_class c on c.oid = l.relation
                             where l.pid = a.pid and c.relname = 'vpn_sessions' and l.mode = 'RowExclusiveLock') as deleting
              from pg_stat_activity a where ${pid} = any(pg_blocking_pids(a.pid))`
            childPid = rows[0]?.pid ?? 0
            return rows[0]?.deleting ?? 0
          },
          { timeout: 30_000 },
        )
        .toBe(1)
      child.kill('SIGKILL')
      expect(await exited).toBe(-1)
    })
    // the lock is released; the orphaned backend finds its client gone and rolls back
    await expect.poll(async () => (await observer`select count(*)::int as n from pg_stat_activity where pid = ${childPid}`)[0].n, { timeout: 30_000 }).toBe(0)
  } finally {
    await lockHolder.end()
    await observer.end()
  }

  // whole: nothing of the erasure is visible
  const [row] = await db.select().from(users).where(eq(users.id, user.id))
  expect(row.email).toBe(user.email)
  expect(row.erasedAt).toBeNull()
  expect(await db.select().from(vpnSessions).where(eq(vpnSessions.userId, user.id))).toHaveLength(2)
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(1)
  expect(await db.select().from(accountCancellations).where(eq(accountCancellations.id, cancellation.id))).toHaveLength(1)
  expect(await db.select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, user.email), eq(outboxMessages.template, 'cancellation-completed')))).toEqual([])

  // the job's rerun completes it: completely erased
  expect((await completeCancellation({ cancellationId: cancellation.id })).completed).toBe(true)
  const [after] = await db.select().from(users).where(eq(users.id, user.id))
  expect(after.erasedAt).toBeInstanceOf(Date)
  expect(await db.select().from(vpnSessions).where(eq(vpnSessions.userId, user.id))).toEqual([])
  expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toEqual([])
})

// The shape of what an erasure leaves behind: the receipt's columns and details, and the request's events.
async function erasureTrail(requestId: number, table: string) {
  const receipts = await db.select().from(deletionReceipts).where(and(eq(deletionReceipts.requestId, requestId), eq(deletionReceipts.tableName, table)))
  const events = await db.select().from(dsrEvents).where(and(eq(dsrEvents.requestId, requestId), sql`${dsrEvents.data} ->> 'category' = ${table}`))
  return {
    receipts: receipts.map((r) => ({ runId: r.runId.replace(/\d+$/, 'N'), tableName: r.tableName, rowCount: r.rowCount, userIdSet: r.userId !== null, details: r.details })),
    events: events.map((e) => ({ kind: e.kind, data: e.data })),
  }
}

test('a cancellation erases through the same engine as a category erasure: the same receipts and events per table', async () => {
  const sessionsOf = (userId: string) =>
    db.insert(vpnSessions).values([1, 2].map((d) => ({ userId, clientIp: '192.0.2.7', serverId: 'de-fra-1', startedAt: new Date(Date.now() - d * 86_400_000) })))
  const byCategory = await createUser()
  await sessionsOf(byCategory.id)
  const erased = await eraseCategory({ userId: byCategory.id, categorySlug: 'vpn_sessions', actor: { type: 'customer', id: byCategory.id } })

  const byCancellation = await createUser()
  await sessionsOf(byCancellation.id)
  const cancellation = await scheduleAndMakeDue(byCancellation)
  expect((await completeCancellation({ cancellationId: cancellation.id })).completed).toBe(true)

  const category = await erasureTrail(erased.requestId, 'vpn_sessions')
  const account = await erasureTrail(cancellation.requestId!, 'vpn_sessions')
  expect(category.receipts).toEqual([{ runId: 'request:N', tableName: 'vpn_sessions', rowCount: 2, userIdSet: true, details: { action: 'deleted' } }])
  expect(account.receipts).toEqual(category.receipts)
  expect(account.events).toEqual(category.events)
  // and the cancellation's receipts name it as their reason
  const [receipt] = await db.select().from(deletionReceipts).where(and(eq(deletionReceipts.requestId, cancellation.requestId!), eq(deletionReceipts.tableName, 'vpn_sessions')))
  expect(receipt.ruleSlug).toBe('account_cancellation')
})

test('the erased account’s other open requests are closed with the reason, and leave the DPO’s open queue', async () => {
  const user = await createUser()
  const access = await db.transaction((tx) =>
    createRequest(tx, { userId: user.id, type: 'access', status: 'received', subject: 'What do you store?', actor: { type: 'customer', id: user.id } }),
  )
  const correction = await requestCorrection({ userId: user.id, categorySlug: 'traffic', rowId: null, details: 'The figure is far too high.' })
  if (!correction.ok) throw new Error('correction request refused')
  const done = await db.transaction((tx) =>
    recordCompletedRequest(tx, { userId: user.id, type: 'access', subject: 'Copy of my data', action: 'package_delivered', actor: { type: 'customer', id: user.id } }),
  )
  const cancellation = await scheduleAndMakeDue(user)
  expect((await completeCancellation({ cancellationId: cancellation.id })).completed).toBe(true)

  for (const requestId of [access.id, correction.requestId]) {
    const dpoView = await getRequestForDpo({ requestId })
    expect(dpoView?.request.status).toBe('withdrawn')
    expect(dpoView?.request.withdrawnAt).toBeInstanceOf(Date)
    const closing = dpoView!.events.find((e) => e.kind === 'closed_account_erased')
    expect(closing).toMatchObject({ actorType: 'system', fromStatus: 'received', toStatus: 'withdrawn' })
    expect(closing!.note).toContain('the account was erased')
  }
  // a request that was already closed stays as it was; the cancellation's own request is completed
  expect((await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, done.id)))[0].status).toBe('completed')
  expect((await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, cancellation.requestId!)))[0].status).toBe('completed')
  // nothing of the account is left waiting in the DPO's queue
  for (const number of [access.number, correction.requestNumber]) {
    expect((await listQueue({ filter: { view: 'open', q: number } })).rows).toEqual([])
    expect((await listQueue({ filter: { view: 'all', q: number } })).rows.map((r) => r.status)).toEqual(['withdrawn'])
  }
})
