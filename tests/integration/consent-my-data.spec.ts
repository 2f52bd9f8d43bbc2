import { expect, test } from '@playwright/test'
import type { TFunction } from 'i18next'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { consents } from '#db/schema'
import { openAccessPackage } from '~/lib/access/access-package.server'
import { giveCustomerConsent, recordConsents, withdrawCustomerConsent } from '~/lib/consent/consent.server'
import { loadCategoryPage } from '~/lib/access/my-data-view.server'
import { createUser } from '../support/fixtures'
import { parseCsv } from '../support/csv'
import { unzipText } from '../support/unzip'

test("every ledger entry of a customer appears in My data and in the access package, as proof of what they agreed to", async () => {
  const customer = await createUser()
  await giveCustomerConsent({ userId: customer.id, purpose: 'forum' })
  await recordConsents(db, {
    subject: { userId: customer.id, visitorId: 'BBBBBBBBBBBBBBBBBBBBBB' },
    method: 'banner_accept_all',
    choices: [
      { purpose: 'analytics', action: 'given' },
      { purpose: 'external_media', action: 'given' },
    ],
  })
  await withdrawCustomerConsent({ userId: customer.id, email: customer.email, purpose: 'forum', forumChoice: 'anonymise' })
  const ledger = await db.select().from(consents).where(eq(consents.userId, customer.id))
  expect(ledger).toHaveLength(4)
  const ids = ledger.map((r) => String(r.id)).sort()

  const section = (await loadCategoryPage({ userId: customer.id, slug: 'consents', after: null, language: 'en', t: ((key: string) => key) as TFunction, consents: [] }))!
  expect(section.total).toBe(4)
  expect(section.items.map((i) => i.rowId).sort()).toEqual(ids)

  const opened = await openAccessPackage({ userId: customer.id, username: customer.username })
  if (!opened.ok) throw new Error(`package not opened: ${opened.reason}`)
  const zip = Buffer.from(await new Response(opened.body).arrayBuffer())
  const files = await unzipText(zip)
  const data = JSON.parse(files.get('data.json')!)
  const items: { id: number; purposeKey: string; action: string; method: string; policyVersion: string }[] = data.categories.consents.items
  expect(items.map((i) => String(i.id)).sort()).toEqual(ids)
  for (const row of ledger) {
    expect(items.find((i) => i.id === row.id)).toMatchObject({ action: row.action, method: row.method, policyVersion: row.policyVersion })
  }
  const csv = parseCsv(files.get('csv/consents.csv')!)
  expect(csv.length - 1).toBe(4)
})
