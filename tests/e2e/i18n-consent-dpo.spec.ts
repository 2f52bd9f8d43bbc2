// Issue 12: the DPO writes the registry's texts in German and English; the German pages show the German one.
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { purposes } from '#db/schema'
import { createUser, loginAs } from '../support/fixtures'

// A purpose no consent depends on (its text is not compared for re-consent), shown on every page's banner.
const SLUG = 'necessary_cookies'

test("the DPO renames a purpose in German: German pages show the new name, English ones keep theirs; an empty German name is refused", async ({ browser, baseURL }) => {
  const [before] = await db.select().from(purposes).where(eq(purposes.slug, SLUG))
  const renamed = `Technisch notwendige Cookies (geändert ${Date.now()})`
  try {
    const dpoContext = await browser.newContext()
    await loginAs(dpoContext, await createUser({ role: 'dpo' }), baseURL!)
    const dpo = await dpoContext.newPage()
    await dpo.goto('/dpo/registry/purposes')
    const form = dpo.getByRole('form', { name: before.name })
    await expect(form.getByLabel('Name (German, authoritative)')).toHaveValue(before.nameDe)
    await expect(form.getByLabel('Name (German, authoritative)')).toHaveAttribute('lang', 'de')

    // both languages are required: an empty German name is refused next to its field, nothing changes
    await form.getByLabel('Name (German, authoritative)').fill('')
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(dpo.locator(`#field-${before.id}-nameDe-error`)).toContainText('Please fill in this field.')
    expect((await db.select().from(purposes).where(eq(purposes.slug, SLUG)))[0]).toEqual(before)

    await form.getByLabel('Name (German, authoritative)').fill(renamed)
    await form.getByRole('button', { name: 'Save' }).click()
    await expect(dpo.locator('.toast')).toContainText('Purpose saved')
    const [after] = await db.select().from(purposes).where(eq(purposes.slug, SLUG))
    expect(after).toMatchObject({ nameDe: renamed, name: before.name, description: before.description, descriptionDe: before.descriptionDe })

    const german = await (await browser.newContext({ locale: 'de-DE' })).newPage()
    await german.goto('/cookies')
    await expect(german.getByRole('main')).toContainText(renamed)
    await german.goto('/')
    await expect(german.getByRole('region', { name: 'Cookies auf dieser Website' })).toContainText(renamed)

    const english = await (await browser.newContext({ locale: 'en-GB' })).newPage()
    await english.goto('/cookies')
    await expect(english.getByRole('main')).toContainText(before.name)
    await expect(english.getByRole('main')).not.toContainText(renamed)
  } finally {
    await db.update(purposes).set({ nameDe: before.nameDe }).where(eq(purposes.slug, SLUG))
  }
})
