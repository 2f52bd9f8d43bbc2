import { expect, test } from '@playwright/test'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { consents, outboxMessages, policyNotices, policyVersions, purposes } from '#db/schema'
import { DEMO_ACCOUNTS } from '#db/seed'
import { versionInForce } from '~/lib/policy/policy.server'
import { adminDb } from '../support/admin-db'
import { createUser, loginAs } from '../support/fixtures'

test('the DPO publishes a significant change: every active customer is told, can see the diff, and re-consent is asked only where the text changed', async ({ browser, baseURL }) => {
  test.setTimeout(240_000)
  const [contactForm] = await db.select().from(purposes).where(eq(purposes.slug, 'contact_form'))
  const [forum] = await db.select().from(purposes).where(eq(purposes.slug, 'forum'))
  const before = (await versionInForce({ document: 'privacy' }))!
  const addition = `We answer contact-form messages within two working days (${Date.now()}).`

  // customers who consented under the text in force now: one to the purpose that will change, one to another
  const changedCustomer = await createUser()
  const unchangedCustomer = await createUser()
  await db.insert(consents).values([
    { userId: changedCustomer.id, purposeId: contactForm.id, action: 'given', method: 'contact_form', policyVersion: String(before.number) },
    { userId: unchangedCustomer.id, purposeId: forum.id, action: 'given', method: 'forum_signup', policyVersion: String(before.number) },
  ])

  // the DPO changes the registry's description of the contact form, then drafts the next version from it
  await db.update(purposes).set({ description: `${contactForm.description} ${addition}` }).where(eq(purposes.id, contactForm.id))
  const dpoContext = await browser.newContext()
  await loginAs(dpoContext, await createUser({ role: 'dpo' }), baseURL!)
  const dpo = await dpoContext.newPage()
  await dpo.goto('/dpo/policies/new?document=privacy')
  await expect(dpo.getByLabel('Text in English')).toHaveValue(new RegExp(addition.replace(/[().]/g, '\\$&')))
  await dpo.getByLabel(/What changes, in German/).fill('Wir sagen jetzt, wie schnell wir Nachrichten aus dem Kontaktformular beantworten.')
  await dpo.getByLabel(/What changes, in English/).fill('We now say how fast we answer contact-form messages.')
  await dpo.getByLabel(/significant change/).check()
  await dpo.getByRole('button', { name: /Save draft/ }).click()
  await expect(dpo.getByRole('region', { name: 'Changes to the English text' }).locator('ins')).toContainText('two working days')

  // effective time inside the 14-day notice period: refused next to the field
  await dpo.getByLabel(/Takes effect at/).fill('2020-01-01T10:00')
  await dpo.getByRole('button', { name: /Publish/ }).click()
  await expect(dpo.locator('#field-effectiveAt-error')).toContainText('at the earliest')

  // who is to be told: the active customers before publishing (counted after it, the count would take in a customer
  // another test creates after the campaign's pass, whom only the next scheduled pass tells)
  const activeBefore = await db.execute<{ id: string }>(
    sql`select id from users where role = 'customer' and status = 'active' and email_verified_at is not null and erased_at is null`,
  )
  await dpo.goto(dpo.url())
  await dpo.getByRole('button', { name: /Publish/ }).click()
  await expect(dpo.locator('.toast')).toContainText('Published;')
  const versionId = Number(new URL(dpo.url()).pathname.split('/').pop())
  const [version] = await db.select().from(policyVersions).where(eq(policyVersions.id, versionId))
  expect(version.status).toBe('published')
  expect(version.effectiveAt!.getTime() - Date.now()).toBeGreaterThan(13.9 * 86_400_000)

  // every customer active before (and still active: other tests cancel accounts meanwhile) gets a notice in the outbox
  const untold = async () => {
    const still = await db.execute<{ id: string }>(sql`
      select u.id from users u
      where u.role = 'customer' and u.status = 'active' and u.email_verified_at is not null and u.erased_at is null
        and not exists (select 1 from policy_notices n where n.version_id = ${versionId} and n.user_id = u.id and n.outbox_id is not null)`)
    const before = new Set(activeBefore.map((u) => u.id))
    return still.filter((u) => before.has(u.id)).length
  }
  expect(activeBefore.length).toBeGreaterThan(0)
  // the campaign runs after the publication, in the background, on a busy machine
  await expect.poll(untold, { timeout: 30_000 }).toBe(0)

  const effective = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(version.effectiveAt!)
  for (const account of [DEMO_ACCOUNTS.customer, DEMO_ACCOUNTS.secondCustomer]) {
    const [mail] = await db
      .select()
      .from(outboxMessages)
      .innerJoin(policyNotices, eq(policyNotices.outboxId, outboxMessages.id))
      .where(and(eq(outboxMessages.toAddress, account.email), eq(policyNotices.versionId, versionId)))
    expect(mail, account.email).toBeTruthy()
    expect(mail.outbox_messages.subject).toContain(effective)
    expect(mail.outbox_messages.text).toContain(`Hello ${account.username}`)
    expect(mail.outbox_messages.text).toContain('/account/cancel')
  }

  // the demo customer follows the link from the email, logged out: the diff, and a button that acknowledges the notice
  const [demoMail] = await db
    .select({ text: outboxMessages.text, noticeId: policyNotices.id })
    .from(outboxMessages)
    .innerJoin(policyNotices, eq(policyNotices.outboxId, outboxMessages.id))
    .where(and(eq(outboxMessages.toAddress, DEMO_ACCOUNTS.customer.email), eq(policyNotices.versionId, versionId)))
  const diffLink = demoMail.text.match(/https?:\/\/\S+\/privacy\/history\/\d+\?ack=[0-9a-f-]{36}/)![0]
  const visitor = await (await browser.newContext()).newPage()
  await visitor.goto(new URL(diffLink).pathname + new URL(diffLink).search)
  await expect(visitor.getByRole('region', { name: 'Changes' }).locator('ins')).toContainText('two working days')
  await visitor.getByRole('button', { name: 'I have read it' }).click()
  await expect(visitor.getByText('we noted that you have read this change')).toBeVisible()
  await expect(visitor.getByRole('link', { name: 'cancel your account' })).toHaveAttribute('href', '/account/cancel')
  const [notice] = await db.select().from(policyNotices).where(eq(policyNotices.id, demoMail.noticeId))
  expect(notice.acknowledgedAt).toBeInstanceOf(Date)

  // before it takes effect the current notice announces it
  await visitor.goto('/privacy')
  await expect(visitor.getByText(`Version ${version.number} takes effect on ${effective}`)).toBeVisible()

  // move the clock: the version is in force; only the customer whose purpose text changed is asked again
  await adminDb.update(policyVersions).set({ effectiveAt: new Date(Date.now() - 60_000) }).where(eq(policyVersions.id, versionId))
  const changedContext = await browser.newContext()
  await loginAs(changedContext, changedCustomer, baseURL!)
  const changedPage = await changedContext.newPage()
  await changedPage.goto('/account')
  await expect(changedPage.getByRole('note')).toContainText(contactForm.name)
  await expect(changedPage.getByRole('link', { name: 'Review your consent' })).toHaveAttribute('href', '/consents')

  const unchangedContext = await browser.newContext()
  await loginAs(unchangedContext, unchangedCustomer, baseURL!)
  const unchangedPage = await unchangedContext.newPage()
  await unchangedPage.goto('/account')
  await expect(unchangedPage.getByRole('heading', { name: `Hello, ${unchangedCustomer.username}` })).toBeVisible()
  await expect(unchangedPage.getByText('Review your consent')).toHaveCount(0)
})

test('the public history lists every version of the privacy notice, each with a readable diff', async ({ page }) => {
  await page.goto('/privacy/history')
  const rows = page.getByRole('row')
  expect(await rows.count()).toBeGreaterThanOrEqual(3) // header + at least two versions
  await page.getByRole('link', { name: 'Version 2', exact: true }).click()
  await expect(page).toHaveURL(/\/privacy\/history\/2$/)
  await expect(page.getByRole('heading', { name: /Changes since version 1/ })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Changes' }).locator('del').first()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Changes' }).locator('ins').first()).toBeVisible()
})

test('unknown documents and versions get 404, malformed ones 400, and customers cannot publish', async ({ page, context, baseURL }) => {
  expect((await page.goto('/nothing/history'))?.status()).toBe(404)
  expect((await page.goto('/privacy/history/999999'))?.status()).toBe(404)
  expect((await page.goto('/privacy/history/abc'))?.status()).toBe(400)
  await loginAs(context, await createUser(), baseURL!)
  expect((await page.goto('/dpo/policies/new?document=privacy'))?.status()).toBe(403)
  const res = await page.request.post('/dpo/policies/1', { form: { intent: 'publish', effectiveAt: '2030-01-01T10:00' }, headers: { Origin: baseURL! } })
  expect(res.status()).toBe(403)
})
