// The DPO's registry editor and policy form in German: German labels, hints, buttons, field errors and outcome
// messages (a toast, no longer "?saved=<English text>" in the URL); registry texts in their German column, the
// English ones marked lang="en" where both are edited side by side and in the registry's history; document names as
// words of the page language.
import { expect, test } from '@playwright/test'
import { eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { legalBases, purposes, retentionRules } from '#db/schema'
import { createUser, loginAs, uniqueName } from '../support/fixtures'

test.describe('a German DPO', () => {
  test.use({ locale: 'de-DE' })

  test.beforeEach(async ({ context, baseURL }) => {
    await loginAs(context, await createUser({ role: 'dpo' }), baseURL!)
  })

  test('adds a retention rule in German: German labels and errors next to the field, a German toast, no English in the URL', async ({ page }) => {
    const name = uniqueName('Regel')
    await page.goto('/dpo/registry/retention-rules')
    await expect(page.locator('html')).toHaveAttribute('lang', 'de')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aufbewahrungsregeln und Aufbewahrungspflichten')
    const add = page.getByRole('form', { name: 'Neuen Eintrag hinzufügen' })
    await add.getByLabel('Name (Deutsch, maßgeblich)').fill(`${name} (Streitfall)`)
    await add.getByLabel('Name (Englisch)').fill(name)
    await expect(add.getByLabel('Name (Englisch)')).toHaveAttribute('lang', 'en')
    await add.getByLabel('Beschreibung (Deutsch, maßgeblich)').fill('Aufbewahrt, solange ein Streit läuft.')
    await add.getByLabel('Beschreibung (Englisch)').fill('Kept while a dispute runs.')
    await add.getByLabel('Gesetzlicher Grund (Deutsch, maßgeblich) (optional)').fill('§ 258 ZPO: Beweismittel.')
    await add.getByRole('button', { name: 'Hinzufügen' }).click()
    await expect(page.locator('#field-new-legalReason-error')).toHaveText('Schreiben Sie dies auch auf Englisch.')
    expect(await db.select().from(retentionRules).where(eq(retentionRules.name, name))).toEqual([])

    await add.getByLabel('Gesetzlicher Grund (Englisch) (optional)').fill('§ 258 ZPO: evidence.')
    await add.getByRole('button', { name: 'Hinzufügen' }).click()
    await expect(page.locator('.toast')).toHaveText('Aufbewahrungsregel hinzugefügt.')
    expect(page.url()).not.toContain('saved=')
    const [created] = await db.select().from(retentionRules).where(eq(retentionRules.name, name))
    expect(created).toMatchObject({ nameDe: `${name} (Streitfall)`, legalReasonDe: '§ 258 ZPO: Beweismittel.' })
    // the entry is headed by its German name
    const entry = page.getByRole('form', { name: `${name} (Streitfall)` })
    await expect(entry.getByRole('heading', { level: 2 })).toHaveText(`${name} (Streitfall)`)

    // a change of the English name: saved with a German toast, and the registry's history marks the English text as such
    await entry.getByLabel('Name (Englisch)').fill(`${name} (disputes)`)
    await entry.getByRole('button', { name: 'Speichern' }).click()
    await expect(page.locator('.toast')).toHaveText('Aufbewahrungsregel gespeichert.')
    await page.goto('/dpo/registry')
    const change = page.locator('table.registry-history ins', { hasText: `${name} (disputes)` })
    await expect(change).toHaveAttribute('lang', 'en')
  })

  test('a retention period written the German way ("6 Monate", "2 Wochen") is accepted and shown back in German', async ({ page }) => {
    test.setTimeout(240_000)
    const name = uniqueName('Frist')
    await page.goto('/dpo/registry/retention-rules')
    const add = page.getByRole('form', { name: 'Neuen Eintrag hinzufügen' })
    await add.getByLabel('Name (Deutsch, maßgeblich)').fill(name)
    await add.getByLabel('Name (Englisch)').fill(name)
    await add.getByLabel('Beschreibung (Deutsch, maßgeblich)').fill('Aufbewahrt für eine Frist.')
    await add.getByLabel('Beschreibung (Englisch)').fill('Kept for a while.')
    // a unit nobody writes: refused next to the field, naming the forms that are accepted, in German
    await add.getByLabel('Dauer (optional)').fill('6 Monde')
    await add.getByRole('button', { name: 'Hinzufügen' }).click()
    await expect(page.locator('#field-new-period-error')).toHaveText(/Tag\(e\), Woche\(n\), Monat\(e\) oder Jahr\(e\).*„90 Tage“/)
    expect(await db.select().from(retentionRules).where(eq(retentionRules.name, name))).toEqual([])

    await add.getByLabel('Dauer (optional)').fill('6 Monate')
    await add.getByRole('button', { name: 'Hinzufügen' }).click()
    await expect(page.locator('.toast')).toHaveText('Aufbewahrungsregel hinzugefügt.')
    const [created] = await db.select().from(retentionRules).where(eq(retentionRules.name, name))
    // the same interval as "6 months" always was
    const [{ same }] = await db.execute<{ same: boolean }>(sql`select period = interval '6 months' as same from retention_rules where id = ${created.id}`)
    expect(same).toBe(true)
    const entry = page.getByRole('form', { name })
    await page.reload()
    await expect(entry.getByLabel('Dauer (optional)')).toHaveValue('6 Monate')

    for (const [written, shown] of [['2 Wochen', '14 Tage'], ['8 Jahre', '8 Jahre']]) {
      await entry.getByLabel('Dauer (optional)').fill(written)
      await entry.getByRole('button', { name: 'Speichern' }).click()
      await expect(page.locator('.toast')).toHaveText('Aufbewahrungsregel gespeichert.')
      // as the page shows the stored value when it is opened again
      await page.reload()
      await expect(entry.getByLabel('Dauer (optional)')).toHaveValue(shown)
    }
    // the registry's history says the change in German, not as PostgreSQL writes it ("8 years")
    await page.goto('/dpo/registry')
    await expect(page.locator('table.registry-history')).toContainText('8 Jahre')
  })

  test('purposes: headings and choices in German, the English fields marked lang="en"; contacts and settings in German', async ({ page }) => {
    const [purpose] = await db.select().from(purposes).where(eq(purposes.slug, 'fair_use'))
    const [basis] = await db.select().from(legalBases).where(eq(legalBases.id, purpose.legalBasisId))
    await page.goto('/dpo/registry/purposes')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zwecke')
    const form = page.getByRole('form', { name: purpose.nameDe })
    await expect(form.getByRole('heading', { level: 2 })).toHaveText(purpose.nameDe)
    await expect(form.getByLabel('Beschreibung (Englisch)')).toHaveAttribute('lang', 'en')
    await expect(form.getByLabel('Beschreibung (Englisch)')).toHaveValue(purpose.description)
    await expect(form.getByLabel('Rechtsgrundlage')).toHaveValue(String(basis.id))
    await expect(form.getByLabel('Rechtsgrundlage').locator('option:checked')).toHaveText(basis.articleDe)
    await expect(form.getByRole('button', { name: 'Speichern' })).toBeVisible()

    await page.goto('/dpo/registry/contacts')
    for (const role of ['Verantwortlicher', 'Datenschutzbeauftragter', 'Aufsichtsbehörde']) await expect(page.getByRole('heading', { name: role, exact: true })).toBeVisible()
    await expect(page.getByLabel('Postleitzahl').first()).toBeVisible()

    // a value out of range is refused in German next to the field; nothing is saved
    await page.goto('/dpo/registry/settings')
    const entry = page.locator('#entry-policy_notice_days_significant')
    await expect(entry).toContainText('Eine ganze Zahl von Tagen zwischen 14 und 365.')
    await entry.getByLabel('Wert').fill('3')
    await entry.getByRole('button', { name: 'Speichern' }).click()
    await expect(page.locator('#field-policy_notice_days_significant-value-error')).toHaveText('Geben Sie eine ganze Zahl von Tagen zwischen 14 und 365 ein.')
  })

  test('the policy form in German: document names, labels and errors in German; the switch shows it in English', async ({ page }) => {
    await page.goto('/dpo/policies')
    await expect(page.getByRole('link', { name: 'Nutzungsbedingungen', exact: true })).toHaveAttribute('href', '/dpo/policies/new?document=terms')
    await expect(page.getByRole('link', { name: /^Nutzungsbedingungen, Fassung \d+$/ }).first()).toBeVisible()
    await expect(page.getByRole('main')).not.toContainText('terms of service')

    await page.goto('/dpo/policies/new?document=terms')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Neue Fassung: Nutzungsbedingungen')
    await expect(page.getByLabel('Text auf Deutsch (maßgeblich)')).toHaveAttribute('lang', 'de')
    await page.getByLabel(/^Was sich ändert, auf Deutsch/).fill('')
    await page.getByRole('button', { name: 'Entwurf speichern und Änderungen ansehen' }).click()
    await expect(page.locator('#field-changeSummaryDe-error')).toHaveText('Bitte füllen Sie dieses Feld aus.')

    await page.getByRole('button', { name: 'English' }).click()
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('New version of the terms of service')
    await expect(page.getByLabel('Text in English')).toBeVisible()
  })
})
