// Issue 11, item 1: a copy stopped while the next batch of rows is on its way must still close its
// cursor, so that its connection answers again and its snapshot (transaction) can end.
import { expect, test } from '@playwright/test'
import { db, getConnection } from '#db/client.server'
import { vpnSessions } from '#db/schema'
import { CATEGORY_SPECS, streamSection } from '~/lib/access/my-data.server'
import { createUser } from '../support/fixtures'

test('a section reader stopped while its next batch is on the way closes the cursor, and the transaction ends', async () => {
  const user = await createUser()
  await db.insert(vpnSessions).values(
    Array.from({ length: 2_000 }, (_, i) => ({ userId: user.id, clientIp: '192.0.2.7', serverId: 'x', startedAt: new Date(Date.now() - i * 60_000) })),
  )
  const connection = await getConnection().client.reserve()
  try {
    await connection`begin isolation level repeatable read read only`
    const batches = streamSection({ connection, spec: CATEGORY_SPECS.vpn_sessions, userId: user.id, batchSize: 100 })
    const first = await batches.next()
    expect(first.value).toHaveLength(100)
    // the second batch was asked for before the first was handed out; the reader stops now
    await batches.return(undefined)
    const answer = await Promise.race([
      connection`rollback`.then(() => 'rolled back'),
      new Promise((resolve) => setTimeout(() => resolve('the connection does not answer'), 15_000)),
    ])
    expect(answer).toBe('rolled back')
    // outside the snapshot again: the default isolation level
    const [{ isolation }] = await connection`select current_setting('transaction_isolation') as isolation`
    expect(isolation).toBe('read committed')
  } finally {
    connection.release()
  }
})
