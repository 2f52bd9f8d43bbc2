import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { registryContacts, purposes } from '#db/schema'
import { getPurposes, getRegistryContacts } from '~/lib/registry/registry.server'
import { createUser, loginAs } from '../support/fixtures'

test('the privacy notice in force was generated from the registry', async ({ page }) => {
  const [contacts, allPurposes] = await Promise.all([getRegistryContacts('en'), getPurposes()])
  await page.goto('/privacy')
  const notice = page.locator('article.privacy-notice')
  await expect(notice).toContainText(contacts.controller.name)
  await expect(notice).toContainText(contacts.dpo.email)
  await expect(notice).toContainText(contacts.supervisoryAuthority.name)
  for (const purpose of allPurposes) {
    await expect(notice.getByRole('heading', { name: purpose.name, exact: true })).toBeVisible()
    await expect(notice).toContainText(purpose.legalBasis.article)
    await expect(notice).toContainText(purpose.retention.name)
    for (const recipient of purpose.recipients) await expect(notice).toContainText(recipient.name)
  }
  await expect(notice.getByRole('heading', { name: 'Your rights' })).toBeVisible()
  await expect(notice.getByRole('heading', { name: 'How to complain' })).toBeVisible()
})

test("an UPDATE of the DPO's email in the database shows on the next page load", async ({ page }) => {
  const { dpo } = await getRegistryContacts('en')
  const changed = `privacy-${Date.now()}@example.test`
  await db.update(registryContacts).set({ email: changed }).where(eq(registryContacts.role, 'dpo'))
  try {
    await page.goto('/privacy')
    await expect(page.getByRole('contentinfo')).toContainText(changed)
    await expect(page.locator('article.privacy-notice')).toContainText(changed)
    await expect(page.getByRole('contentinfo')).not.toContainText(dpo.email)
  } finally {
    await db.update(registryContacts).set({ email: dpo.email }).where(eq(registryContacts.role, 'dpo'))
  }
})

test("renaming a purpose changes the DPO's next draft; the published notice keeps its text until a version is published", async ({ page, context, baseURL }) => {
  const [first] = await getPurposes()
  const renamed = `${first.name} (renamed ${Date.now()})`
  await db.update(purposes).set({ name: renamed }).where(eq(purposes.id, first.id))
  try {
    await loginAs(context, await createUser({ role: 'dpo' }), baseURL!)
    await page.goto('/dpo/policies/new?document=privacy')
    await expect(page.getByLabel('Text in English')).toHaveValue(new RegExp(`### ${renamed.replace(/[()]/g, '\\$&')}`))
    await page.goto('/privacy')
    await expect(page.getByRole('heading', { name: first.name, exact: true })).toBeVisible()
    await expect(page.getByRole('heading', { name: renamed })).toHaveCount(0)
  } finally {
    await db.update(purposes).set({ name: first.name }).where(eq(purposes.id, first.id))
  }
})
