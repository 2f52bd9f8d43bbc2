// The shared vocabulary in app/lib/domain: ids in URLs and forms, and the kinds of request event.
import { expect, test } from '@playwright/test'
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { parseRowId, rowIdSchema } from '~/lib/domain/ids'
import { INTERNAL_EVENT_KINDS, isRequestEventKind, REQUEST_EVENT_KINDS } from '~/lib/domain/request-events'
import { eventKey } from '~/lib/dpo/dpo-labels'
import { fixedT } from '~/lib/platform/i18n.server'

test('an id is digits only, without sign, leading zero or more than 15 digits; anything else is no id', () => {
  for (const good of ['1', '42', '999999999999999']) expect(parseRowId(good)).toBe(Number(good))
  const hostile = ['', '0', '007', '-1', '+1', '1e3', '0x10', '1.0', ' 1', '1 ', '١٢', '１２', '9999999999999999', '1;drop table users', 'NaN', 'Infinity', '__proto__']
  for (const bad of hostile) expect(parseRowId(bad), bad).toBeNull()
  for (const bad of [undefined, null, 1, ['1'], { id: 1 }]) expect(parseRowId(bad)).toBeNull()
  expect(rowIdSchema().safeParse('12').data).toBe(12)
  expect(rowIdSchema('x').safeParse('012').success).toBe(false)
})

test('every kind of request event has words in German and English; internal kinds are kinds', async () => {
  for (const kind of REQUEST_EVENT_KINDS) {
    const key = eventKey(kind)
    expect(key, kind).not.toBe('dpo:event.other')
    for (const lng of ['de', 'en']) {
      const words = fixedT(lng as 'de' | 'en')(key) as string
      expect(words, `${kind} (${lng})`).not.toBe(key.split(':')[1])
      expect(words).not.toMatch(/_/)
    }
  }
  for (const kind of INTERNAL_EVENT_KINDS) expect(isRequestEventKind(kind)).toBe(true)
  expect(isRequestEventKind('package_downloaded')).toBe(false)
})

test('every event kind in the database is one of the listed kinds', async () => {
  const rows = await db.execute<{ kind: string }>(sql`select distinct kind from dsr_events`)
  for (const { kind } of rows) expect(isRequestEventKind(kind), kind).toBe(true)
})
