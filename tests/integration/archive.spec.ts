import { expect, test } from '@playwright/test'
import { and, asc, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { archivedChanges, dataSubjectRequests, users, userSettings, vpnSessions } from '#db/schema'
import { RETENTION_REASON, withChangeContext } from '~/lib/requests/archive.server'
import { ARCHIVED_TABLES } from '~/lib/requests/personal-data-tables'
import { changeUsername } from '~/lib/rectification/rectification.server'
import { adminDb } from '../support/admin-db'
import { createUser, uniqueName } from '../support/fixtures'

function archiveOf(table: string, rowId: string) {
  return db
    .select()
    .from(archivedChanges)
    .where(and(eq(archivedChanges.tableName, table), eq(archivedChanges.rowId, rowId)))
    .orderBy(asc(archivedChanges.id))
}

test('the trigger list in SQL and the TypeScript classification name the same tables, and each has its trigger', async () => {
  const declared = await db.execute<{ table_name: string }>(sql`select table_name from personal_data_tables()`)
  const triggered = await db.execute<{ table_name: string }>(sql`
    select c.relname as table_name from pg_trigger t join pg_class c on c.oid = t.tgrelid
    where t.tgname = 'archive_on_change' and not t.tgisinternal`)
  const sorted = (rows: { table_name: string }[]) => rows.map((r) => r.table_name).sort()
  expect(sorted([...declared])).toEqual([...ARCHIVED_TABLES].sort())
  expect(sorted([...triggered])).toEqual([...ARCHIVED_TABLES].sort())
})

test('1,000 concurrent corrections of one field leave exactly 1,000 archive rows, each old value the previous new value', async () => {
  test.setTimeout(360_000)
  const user = await createUser()
  const names = Array.from({ length: 1000 }, (_, i) => `c${i}_${user.username}`.slice(0, 32))
  expect(new Set(names).size).toBe(1000)
  const results = await Promise.all(names.map((username) => changeUsername({ userId: user.id, username })))
  expect(results.filter((r) => !r.ok)).toEqual([])

  const rows = (await archiveOf('users', user.id)).filter((r) => r.operation === 'UPDATE')
  expect(rows).toHaveLength(1000)
  const oldValue = (r: (typeof rows)[number]) => (r.oldRow as Record<string, unknown>).username
  const newValue = (r: (typeof rows)[number]) => (r.newRow as Record<string, unknown>).username
  expect(oldValue(rows[0])).toBe(user.username)
  for (let i = 1; i < rows.length; i++) expect(oldValue(rows[i]), `archive row ${i}`).toBe(newValue(rows[i - 1]))
  const [current] = await db.select({ username: users.username }).from(users).where(eq(users.id, user.id))
  expect(newValue(rows[rows.length - 1])).toBe(current.username)
  // every value was set exactly once
  expect(new Set(rows.map(newValue)).size).toBe(1000)
  // each archive row says who and why: the customer, under the rectification request it belongs to
  expect(rows.every((r) => r.actorType === 'customer' && r.actorId === user.id && /^Rectification DSR-\d{4}-\d+: Username corrected$/.test(r.reason ?? ''))).toBe(true)
  const requests = await db.select({ status: dataSubjectRequests.status }).from(dataSubjectRequests).where(and(eq(dataSubjectRequests.userId, user.id), eq(dataSubjectRequests.type, 'rectification')))
  expect(requests).toHaveLength(1000)
  expect(requests.every((r) => r.status === 'completed')).toBe(true)
})

test('an UPDATE issued with plain SQL, outside the portal, is archived too', async () => {
  const user = await createUser()
  const renamed = uniqueName('plainsql')
  await adminDb.execute(sql`update users set username = ${renamed} where id = ${user.id}`)
  const rows = await archiveOf('users', user.id)
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ operation: 'UPDATE', actorType: 'system', actorId: null, userId: user.id })
  expect((rows[0].oldRow as Record<string, unknown>).username).toBe(user.username)
  expect((rows[0].newRow as Record<string, unknown>).username).toBe(renamed)
  expect(rows[0].reason).toMatch(/directly in the database \(role \w+\)/)
})

test('a DELETE is archived with the whole row as it was', async () => {
  const user = await createUser()
  await db.insert(userSettings).values({ userId: user.id, key: 'protocol', value: 'wireguard' })
  await db.transaction(async (tx) => {
    await withChangeContext(tx, { actor: { type: 'dpo', id: 'dpo-1' }, reason: 'test deletion' })
    await tx.delete(userSettings).where(eq(userSettings.userId, user.id))
  })
  const [row] = await archiveOf('user_settings', `${user.id}:protocol`)
  expect(row).toMatchObject({ operation: 'DELETE', actorType: 'dpo', actorId: 'dpo-1', reason: 'test deletion', newRow: null, userId: user.id })
  expect(row.oldRow).toMatchObject({ key: 'protocol', value: 'wireguard' })
})

test('secrets never reach the archive, and a change of nothing but a secret archives nothing', async () => {
  const user = await createUser()
  await adminDb.execute(sql`update users set password_hash = 'changed-hash' where id = ${user.id}`)
  expect(await archiveOf('users', user.id)).toHaveLength(0)
  await adminDb.execute(sql`update users set password_hash = 'other-hash', subscription_active = true where id = ${user.id}`)
  const rows = await archiveOf('users', user.id)
  expect(rows).toHaveLength(1)
  expect(JSON.stringify(rows[0])).not.toContain('hash')
  // a write that changes nothing leaves nothing either
  await adminDb.execute(sql`update users set updated_at = now() where id = ${user.id}`)
  expect(await archiveOf('users', user.id)).toHaveLength(1)
})

test("the application's role cannot alter, delete, truncate or forge archive rows", async () => {
  const user = await createUser()
  await adminDb.execute(sql`update users set subscription_active = true where id = ${user.id}`)
  const [row] = await archiveOf('users', user.id)
  const attempts = [
    sql`update archived_changes set reason = 'rewritten' where id = ${row.id}`,
    sql`delete from archived_changes where id = ${row.id}`,
    sql`truncate archived_changes`,
    sql`insert into archived_changes (table_name, row_id, user_id, operation, old_row) values ('users', ${user.id}, ${user.id}, 'UPDATE', '{}')`,
  ]
  for (const attempt of attempts) {
    const error = await db.execute(attempt).then(
      () => null,
      (e: Error) => e,
    )
    // drizzle wraps PostgreSQL's answer in its cause
    expect(String((error?.cause as Error | undefined)?.message ?? error?.message)).toMatch(/permission denied/)
  }
  const after = await archiveOf('users', user.id)
  expect(after).toHaveLength(1)
  expect(after[0].reason).toBe(row.reason)
})

test('the retention job does not archive what its retention ends, and VPN session deletions are never archived', async () => {
  const user = await createUser()
  const started = new Date(Date.now() - 100 * 86_400_000)
  const [a, b] = await db
    .insert(vpnSessions)
    .values([
      { userId: user.id, clientIp: '192.0.2.10', serverId: 'de-1', startedAt: started },
      { userId: user.id, clientIp: '192.0.2.11', serverId: 'de-2', startedAt: started },
    ])
    .returning({ id: vpnSessions.id })
  await db.transaction(async (tx) => {
    await withChangeContext(tx, { actor: { type: 'system', id: null }, reason: RETENTION_REASON })
    await tx.update(users).set({ subscriptionActive: true }).where(eq(users.id, user.id))
    await tx.delete(vpnSessions).where(eq(vpnSessions.id, a.id))
  })
  await adminDb.execute(sql`delete from vpn_sessions where id = ${b.id}`)
  const rows = await db.select().from(archivedChanges).where(eq(archivedChanges.userId, user.id))
  expect(rows).toEqual([])
})

test('purge_expired_archive removes only rows past the registry period (and VPN session rows past their own 90 days)', async () => {
  const user = await createUser()
  const [{ period }] = await db.execute<{ period: string }>(sql`select period::text as period from retention_rules where slug = 'archive_conflict_resolution'`)
  expect(period).toBe('3 years')
  const insert = (table: string, daysAgo: number) =>
    adminDb.execute(sql`insert into archived_changes (table_name, row_id, user_id, operation, old_row, changed_at)
      values (${table}, ${`${table}-${daysAgo}`}, ${user.id}, 'UPDATE', '{}', now() - make_interval(days => ${daysAgo}))`)
  await insert('users', 3 * 366)
  await insert('users', 3 * 365 - 10)
  await insert('vpn_sessions', 91)
  await insert('vpn_sessions', 30)
  // as the portal's role, the way the retention job calls it
  const [{ removed }] = await db.execute<{ removed: number }>(sql`select purge_expired_archive(now()) as removed`)
  expect(removed).toBeGreaterThanOrEqual(2)
  const left = await db.select({ rowId: archivedChanges.rowId }).from(archivedChanges).where(eq(archivedChanges.userId, user.id)).orderBy(asc(archivedChanges.rowId))
  expect(left.map((r) => r.rowId)).toEqual([`users-${3 * 365 - 10}`, 'vpn_sessions-30'])
})
