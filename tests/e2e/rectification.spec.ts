import { expect, test, type Page } from '@playwright/test'
import { and, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { archivedChanges, contactMessages, dataSubjectRequests, forumPosts, payments, recipients, users, userSettings } from '#db/schema'
import { decideRectification } from '~/lib/rectification/rectification.server'
import { createUser, loginAs, type TestUser } from '../support/fixtures'

const archiveOf = (userId: string) => db.select().from(archivedChanges).where(eq(archivedChanges.userId, userId))

async function setValue(page: Page, label: string, value: string) {
  // a person cannot type past maxlength; a hostile client can, so set the value directly
  await page.getByLabel(label, { exact: true }).evaluate((el, v) => ((el as HTMLInputElement).value = v), value)
}

test('bad input on the username form is answered next to the field and changes and archives nothing', async ({ page, context, baseURL }) => {
  const user = await createUser()
  const other = await createUser()
  await loginAs(context, user, baseURL!)
  const cases = [
    { value: other.username.toUpperCase(), message: /taken/ },
    { value: 'x'.repeat(33), message: /at most 32/ },
    { value: 'bad\u0007name', message: /letters, digits/ },
    { value: 'ab', message: /at least 3/ },
    { value: user.username, message: /already your username/ },
  ]
  for (const c of cases) {
    await page.goto('/my-data/edit/username')
    await setValue(page, 'New username', c.value)
    await page.getByLabel('Your password').fill(user.password)
    await page.getByRole('button', { name: 'Change username' }).click()
    await expect(page.locator('#field-username-error')).toHaveText(c.message)
    await expect(page.locator('#field-username')).toHaveAttribute('aria-invalid', 'true')
  }
  // the password is asked again, and a wrong one stops the change
  await page.goto('/my-data/edit/username')
  await page.getByLabel('New username').fill(`${user.username}x`)
  await page.getByLabel('Your password').fill('wrong password')
  await page.getByRole('button', { name: 'Change username' }).click()
  await expect(page.locator('#field-password-error')).toHaveText(/not right/)

  const [row] = await db.select({ username: users.username }).from(users).where(eq(users.id, user.id))
  expect(row.username).toBe(user.username)
  expect(await archiveOf(user.id)).toEqual([])
  expect(await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, user.id))).toEqual([])
})

test('a tampered form that tries to change a field the customer may not edit is rejected and changes nothing', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await db.insert(userSettings).values({ userId: user.id, key: 'protocol', value: 'wireguard' })
  await loginAs(context, user, baseURL!)
  const [before] = await db.select().from(users).where(eq(users.id, user.id))
  const posts: Array<{ url: string; form: Record<string, string> }> = [
    { url: '/my-data/edit/username', form: { username: `${user.username}x`, password: user.password, role: 'dpo' } },
    { url: '/my-data/edit/username', form: { username: `${user.username}y`, password: user.password, account_expires_at: '2099-01-01' } },
    { url: '/my-data/edit/email', form: { intent: 'start', email: `x-${user.email}`, password: user.password, email_verified_at: '2020-01-01' } },
    { url: '/my-data/edit/settings', form: { setting_protocol: 'openvpn-tcp', setting_user_id: 'someone-else' } },
    { url: '/my-data/edit/settings', form: { setting_protocol: 'openvpn-tcp', status: 'active' } },
  ]
  for (const p of posts) {
    const res = await page.request.post(p.url, { form: p.form, headers: { Origin: baseURL! }, maxRedirects: 0 })
    expect(res.status(), `${p.url} ${JSON.stringify(p.form)}`).toBe(400)
    expect(await res.text()).toContain('cannot be changed here')
  }
  const [after] = await db.select().from(users).where(eq(users.id, user.id))
  expect(after).toEqual(before)
  const [setting] = await db.select().from(userSettings).where(eq(userSettings.userId, user.id))
  expect(setting.value).toBe('wireguard')
  expect(await archiveOf(user.id)).toEqual([])
})

test('the correction form takes an item number only as the table shows it (no zero, no leading zero) and files nothing else', async ({ page, context, baseURL }) => {
  const user = await createUser()
  const [paypal] = await db.select().from(recipients).where(eq(recipients.slug, 'paypal'))
  const [payment] = await db
    .insert(payments)
    .values({ userId: user.id, paidAt: new Date(Date.now() - 86_400_000), transactionNumber: 'PP-WRONG-8', providerId: paypal.id, amountCents: 990, currency: 'EUR' })
    .returning()
  await loginAs(context, user, baseURL!)
  // a link that spells the number otherwise does not fill it in
  await page.goto(`/my-data/correction/payments?row=0${payment.id}`)
  await expect(page.getByLabel('Which item is wrong?')).toHaveValue('')
  await page.getByLabel('What is wrong, and what would be right?').fill('The transaction number is PP-RIGHT-8.')
  for (const typed of ['0', `0${payment.id}`, `+${payment.id}`, '1'.repeat(16)]) {
    await page.getByLabel('Which item is wrong?').fill(typed)
    await page.getByRole('button', { name: 'Send the correction request' }).click()
    await expect(page.locator('#field-row-error'), typed).toHaveText("Enter the item's number as the table shows it, or leave the field empty.")
  }
  expect(await db.select().from(dataSubjectRequests).where(and(eq(dataSubjectRequests.userId, user.id), eq(dataSubjectRequests.type, 'rectification')))).toEqual([])
})

test('a payment the customer cannot edit: a correction request restricts it on My data until the DPO decides', async ({ page, context, baseURL }) => {
  const user = await createUser()
  const dpo = await createUser({ role: 'dpo' })
  const [paypal] = await db.select().from(recipients).where(eq(recipients.slug, 'paypal'))
  const [payment] = await db
    .insert(payments)
    .values({ userId: user.id, paidAt: new Date(Date.now() - 86_400_000), transactionNumber: 'PP-WRONG-7', providerId: paypal.id, amountCents: 5394, currency: 'EUR' })
    .returning()
  await loginAs(context, user, baseURL!)
  // one correction link per category; the form asks which item is wrong
  await page.goto('/my-data')
  await page.locator('#category-payments').getByRole('link', { name: 'Correct' }).click()
  await expect(page).toHaveURL(/\/my-data\/correction\/payments$/)
  await page.getByLabel('Which item is wrong?').fill(String(payment.id))
  await page.getByRole('button', { name: 'Send the correction request' }).click()
  await expect(page.locator('#field-details-error')).toHaveText(/Enter what is wrong/)
  await page.getByLabel('What is wrong, and what would be right?').fill('The transaction number is PP-RIGHT-7.')
  await page.getByRole('button', { name: 'Send the correction request' }).click()
  await expect(page).toHaveURL(/\/my-data\/payments$/)
  await expect(page.getByRole('status')).toContainText(/Your correction request DSR-\d{4}-\d+ was sent/)
  await expect(page.locator(`#item-payments-${payment.id}`)).toContainText('Restricted while your correction request is reviewed')

  const [request] = await db.select().from(dataSubjectRequests).where(and(eq(dataSubjectRequests.userId, user.id), eq(dataSubjectRequests.type, 'rectification')))
  expect(request.status).toBe('received')
  // the DPO's side, until the DPO console calls it
  await decideRectification({ requestId: request.id, actorId: dpo.id, outcome: 'corrected', note: 'Confirmed by PayPal.', correction: { values: { transactionNumber: 'PP-RIGHT-7' } } })

  await page.goto('/my-data/payments')
  const row = page.locator(`#item-payments-${payment.id}`)
  await expect(row).toContainText('PP-RIGHT-7')
  await expect(row).not.toContainText('Restricted while')
  await page.goto('/my-data/history?category=payments')
  const changed = page.locator('table.history tbody tr').filter({ hasText: 'Transaction number' })
  await expect(changed.locator('td').nth(1)).toHaveText('PP-WRONG-7')
  await expect(changed.locator('td').nth(2)).toHaveText('PP-RIGHT-7')
  await expect(changed.locator('td').nth(4)).toContainText('Data protection officer')
})

test('a supplementary statement is shown beside the data', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await loginAs(context, user, baseURL!)
  await page.goto('/my-data')
  await page.locator('#category-vpn_sessions').getByRole('link', { name: 'Add a statement' }).click()
  const statement = 'The sessions from 192.0.2.99 were made with my stolen laptop, not by me.'
  await page.getByLabel('Your statement').fill(statement)
  await page.getByRole('button', { name: 'Add the statement' }).click()
  await expect(page).toHaveURL(/\/my-data#category-vpn_sessions$/)
  await expect(page.getByRole('status')).toContainText('Your statement was added')
  await expect(page.locator('#category-vpn_sessions')).toContainText(`Your statement: ${statement}`)
})

test('settings, forum posts and contact details are edited in place, the history lists each old value by category', async ({ page, context, baseURL }) => {
  const user = await createUser()
  await db.insert(userSettings).values({ userId: user.id, key: 'protocol', value: 'wireguard' })
  const [post] = await db.insert(forumPosts).values({ userId: user.id, authorName: 'Old Name', title: 'Kill switch question', body: 'Does it work on Linux?' }).returning()
  const [message] = await db.insert(contactMessages).values({ userId: user.id, name: 'Typo Nmae', email: user.email, message: 'Hello' }).returning()
  await loginAs(context, user, baseURL!)

  await page.goto('/my-data/edit/settings')
  await page.getByLabel('VPN protocol').selectOption('openvpn-tcp')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page).toHaveURL(/\/my-data\/history$/)

  await page.goto('/my-data/forum_posts')
  await page.locator(`#item-forum_posts-${post.id}`).getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Text').fill('Does it work on Linux and macOS?')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page).toHaveURL(/\/my-data\/history$/)

  await page.goto('/my-data/edit/forum-name')
  await setValue(page, 'Display name', 'x'.repeat(61))
  await page.getByRole('button', { name: 'Change display name' }).click()
  await expect(page.locator('#field-name-error')).toHaveText(/at most 60/)
  await page.getByLabel('Display name').fill('New Name')
  await page.getByRole('button', { name: 'Change display name' }).click()
  // saved before the next page.goto, which would otherwise cut the save short
  await expect(page).toHaveURL(/\/my-data\/history$/)

  await page.goto(`/my-data/edit/contact/${message.id}`)
  await page.getByLabel('Name').fill('Typo Name')
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page).toHaveURL(/\/my-data\/history$/)

  const table = page.locator('table.history')
  await expect(table).toContainText('Typo Nmae')
  await page.getByRole('navigation', { name: 'Filter by category' }).getByRole('link', { name: 'Forum posts and comments' }).click()
  // the unfiltered table has the forum rows too: first the filtered one, then what it holds
  await expect(table).not.toContainText('Typo Nmae')
  await expect(table).toContainText('Does it work on Linux?')
  await expect(table).toContainText('Old Name')
  await page.goto('/my-data/history?category=settings')
  const setting = table.locator('tbody tr').filter({ hasText: 'Setting “VPN protocol”' })
  await expect(setting.locator('td').nth(1)).toHaveText('wireguard')
  await expect(setting.locator('td').nth(2)).toHaveText('openvpn-tcp')
})

test("another customer's post, message or history cannot be reached", async ({ page, context, baseURL }) => {
  const owner: TestUser = await createUser()
  const intruder = await createUser()
  const [post] = await db.insert(forumPosts).values({ userId: owner.id, authorName: 'Owner', body: 'Mine' }).returning()
  const [message] = await db.insert(contactMessages).values({ userId: owner.id, name: 'Owner', email: owner.email, message: 'Mine' }).returning()
  await db.update(forumPosts).set({ body: 'Mine, edited' }).where(eq(forumPosts.id, post.id))
  await loginAs(context, intruder, baseURL!)
  for (const url of [`/my-data/edit/forum-post/${post.id}`, `/my-data/edit/contact/${message.id}`, '/my-data/edit/forum-post/abc', '/my-data/correction/account', '/my-data/statement?category=nope']) {
    const res = await page.goto(url)
    expect(res?.status(), url).toBe(404)
  }
  const res = await page.request.post(`/my-data/edit/forum-post/${post.id}`, { form: { body: 'hijacked' }, headers: { Origin: baseURL! }, maxRedirects: 0 })
  expect(res.status()).toBe(404)
  const [unchanged] = await db.select().from(forumPosts).where(eq(forumPosts.id, post.id))
  expect(unchanged.body).toBe('Mine, edited')
  await page.goto('/my-data/history')
  await expect(page.getByRole('main')).not.toContainText('Mine')
})
