import { expect, test } from '@playwright/test'
import { and, desc, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { archivedChanges, auditLog, purposes, recipients, retentionRules } from '#db/schema'
import { monthlyReport } from '~/lib/dpo/dsr-reports.server'
import { createRequest, recordEvent } from '~/lib/requests/dsr.server'
import { adminDb } from '../support/admin-db'
import { createUser, loginAs, uniqueName } from '../support/fixtures'

test.beforeEach(async ({ page, baseURL }) => {
  await loginAs(page.context(), await createUser({ role: 'dpo' }), baseURL!)
})

// Registry changes here touch only rows no published text uses (a new retention rule no purpose refers to),
// because policy tests running at the same time generate notices from the registry.
test('the DPO edits the registry: the archive keeps the old value with the DPO as actor, and the audit trail the action', async ({ page }) => {
  const name = uniqueName('Rule')
  await page.goto('/dpo/registry/retention-rules')
  const add = page.getByRole('form', { name: 'Add a new entry' })
  await add.getByLabel('Name (English)').fill(name)
  await add.getByLabel('Name (German, authoritative)').fill(`${name} (Streitfall)`)
  await add.getByLabel('Description (English)').fill('Kept while a dispute runs.')
  await add.getByLabel('Description (German, authoritative)').fill('Aufbewahrt, solange ein Streit läuft.')
  await add.getByRole('button', { name: 'Add' }).click()
  await expect(page.locator('.toast')).toContainText('Retention rule added')
  const [created] = await db.select().from(retentionRules).where(eq(retentionRules.name, name))

  const renamed = `${name} (disputes)`
  const entry = page.getByRole('form', { name })
  await entry.getByLabel('Name (English)').fill(renamed)
  await entry.getByLabel('Period (optional)').fill('18 months')
  await entry.getByRole('button', { name: 'Save' }).click()
  await expect(page.locator('.toast')).toContainText('Retention rule saved')
  const [archived] = await db
    .select()
    .from(archivedChanges)
    .where(and(eq(archivedChanges.tableName, 'retention_rules'), eq(archivedChanges.rowId, String(created.id))))
    .orderBy(desc(archivedChanges.id))
  expect(archived.oldRow).toMatchObject({ name, period: null })
  expect(archived.newRow).toMatchObject({ name: renamed, period: '1 year 6 mons' })
  expect(archived.actorType).toBe('dpo')
  expect(archived.reason).toMatch(/data protection officer/)
  const [audit] = await adminDb.select().from(auditLog).where(eq(auditLog.kind, 'registry_changed')).orderBy(desc(auditLog.id)).limit(1)
  expect(audit.actorType).toBe('dpo')
  expect(audit.hash).toMatch(/^[0-9a-f]{64}$/)
  await page.goto('/dpo/registry')
  await expect(page.locator('table.registry-history')).toContainText(renamed)
})

test('bad registry input is refused next to the field and changes nothing', async ({ page }) => {
  const name = uniqueName('Processor')
  await page.goto('/dpo/registry/recipients')
  const add = page.getByRole('form', { name: 'Add a new entry' })
  await add.getByLabel('Name (English)').fill(name)
  await add.getByLabel('Name (German, authoritative)').fill(name)
  await add.getByLabel('Service (English)').fill('Sends our newsletters.')
  await add.getByLabel('Service (German, authoritative)').fill('Versendet unsere Newsletter.')
  await add.getByLabel('Privacy policy (optional)').fill('javascript:alert(1)')
  await add.getByRole('button', { name: 'Add' }).click()
  await expect(page.locator('#field-new-privacyUrl-error')).toContainText('Only http and https')
  expect(await db.select().from(recipients).where(eq(recipients.name, name))).toEqual([])

  // a purpose pointed at a legal basis that does not exist
  const [purpose] = await db.select().from(purposes).where(eq(purposes.slug, 'fair_use'))
  await page.goto('/dpo/registry/purposes')
  const form = page.getByRole('form', { name: purpose.name })
  await form.getByLabel('Legal basis').evaluate((el) => {
    const option = document.createElement('option')
    option.value = '999999'
    el.appendChild(option)
    ;(el as HTMLSelectElement).value = '999999'
  })
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.locator(`#field-${purpose.id}-legalBasisId-error`)).toContainText('from the list')
  const [after] = await db.select().from(purposes).where(eq(purposes.id, purpose.id))
  expect(after).toEqual(purpose)
})

test('a legal hold needs its legal reason; a bad period is refused next to the field', async ({ page }) => {
  const name = uniqueName('Hold')
  await page.goto('/dpo/registry/retention-rules')
  const add = page.getByRole('form', { name: 'Add a new entry' })
  await add.getByLabel('Name (English)').fill(name)
  await add.getByLabel('Name (German, authoritative)').fill(`${name} (Gerichtsverfahren)`)
  await add.getByLabel('Description (English)').fill('Kept for a court case.')
  await add.getByLabel('Description (German, authoritative)').fill('Aufbewahrt für ein Gerichtsverfahren.')
  await add.getByLabel('Period (optional)').fill('forever')
  await add.getByLabel(/Legal hold/).check()
  await add.getByRole('button', { name: 'Add' }).click()
  await expect(page.locator('#field-new-period-error')).toContainText('like "90 days"')
  await add.getByLabel('Period (optional)').fill('2 years')
  await add.getByRole('button', { name: 'Add' }).click()
  await expect(page.locator('#field-new-legalReason-error')).toContainText('needs the law')
  await add.getByLabel('Legal reason (English) (optional)').fill('§ 258 ZPO: evidence for a pending case.')
  await add.getByRole('button', { name: 'Add' }).click()
  // an optional text is written in both languages or in neither
  await expect(page.locator('#field-new-legalReasonDe-error')).toContainText('in German too')
  await add.getByLabel('Legal reason (German, authoritative) (optional)').fill('§ 258 ZPO: Beweismittel für ein laufendes Verfahren.')
  await add.getByRole('button', { name: 'Add' }).click()
  await expect(page.locator('.toast')).toContainText('Retention rule added')
  await expect(page.getByRole('form', { name })).toContainText('legal hold')
})

test('the monthly report is shown and downloads as CSV with the same figures', async ({ page }) => {
  const email = `${uniqueName('report')}@example.test`
  const request = await db.transaction((tx) => createRequest(tx, { userId: null, email, type: 'access', status: 'completed', actor: { type: 'data_subject', id: null } }))
  await page.goto('/dpo/reports')
  // the month the request went into (Berlin time), not the month when the test looks: the month may turn in between
  const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(request.receivedAt)
  await expect(page.locator('table.report')).toContainText(month)

  const res = await page.request.get('/dpo/reports.csv')
  expect(res.status()).toBe(200)
  expect(res.headers()['content-type']).toContain('text/csv')
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="dsr-report-\d{4}-\d{2}-\d{2}\.csv"$/)
  const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n')
  expect(lines[0]).toBe('month,received,completed,denied,extended,overdue,median_days_to_answer,self_service_actions')
  const row = lines.find((l) => l.startsWith(`${month},`))!.split(',')
  const [current] = (await monthlyReport()).filter((m) => m.month === month)
  expect(Number(row[1])).toBeGreaterThanOrEqual(1)
  expect(Number(row[2])).toBeGreaterThanOrEqual(1)
  // other tests add requests meanwhile: the figures only grow
  expect(Number(row[1])).toBeLessThanOrEqual(current.received)
})

test('/dpo/audit verifies the chain and shows the entry where it was altered', async ({ page }) => {
  const request = await db.transaction((tx) => createRequest(tx, { userId: null, email: 'audit@example.test', type: 'other', status: 'received', actor: { type: 'data_subject', id: null } }))
  await db.transaction((tx) => recordEvent(tx, { requestId: request.id, kind: 'note_added', actor: { type: 'dpo', id: null }, note: 'checked' }))
  const [row] = await adminDb.select().from(auditLog).where(eq(auditLog.requestId, request.id)).orderBy(desc(auditLog.id)).limit(1)

  await page.goto('/dpo/audit')
  await expect(page.getByTestId('audit-result')).toBeVisible()
  await expect(page.getByTestId(`audit-break-${row.id}`)).toHaveCount(0)

  await adminDb.update(auditLog).set({ kind: 'completed' }).where(eq(auditLog.id, row.id))
  try {
    await page.reload()
    await expect(page.getByTestId('audit-result')).toContainText('broken')
    await expect(page.getByTestId(`audit-break-${row.id}`)).toContainText('altered')
  } finally {
    await adminDb.update(auditLog).set({ kind: row.kind }).where(eq(auditLog.id, row.id))
  }
  await page.reload()
  await expect(page.getByTestId(`audit-break-${row.id}`)).toHaveCount(0)
})
