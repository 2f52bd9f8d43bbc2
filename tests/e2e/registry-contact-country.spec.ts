// The registry's contacts keep their names and addresses as spelled (German), but the country is a word of the
// reader's language: "Deutschland" on German pages, emails and packages, "Germany" on English ones. The DPO keeps
// both in the registry editor, the German one first, like every other registry text.
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { registryContacts } from '#db/schema'
import { renderEmail } from '~/lib/platform/email.server'
import { createUser, loginAs } from '../support/fixtures'

test('the footer names the country in the page language, and the address stays as the registry spells it', async ({ browser, baseURL }) => {
  const [authority] = await db.select().from(registryContacts).where(eq(registryContacts.role, 'supervisory_authority'))
  expect(authority).toMatchObject({ country: 'Germany', countryDe: 'Deutschland' })
  for (const [locale, country, other] of [
    ['de-DE', 'Deutschland', 'Germany'],
    ['en-GB', 'Germany', 'Deutschland'],
  ] as const) {
    const context = await browser.newContext({ locale, baseURL })
    const page = await context.newPage()
    await page.goto('/privacy')
    const footer = page.getByRole('contentinfo')
    await expect(footer).toContainText(`${authority.postalCode} ${authority.city}, ${country}`)
    await expect(footer).not.toContainText(other)
    // the city stays marked as German inside English text; the country is in the page's own language
    const line = footer.locator('address').last().getByText(country)
    await expect(line.locator(`span[lang="de"]`)).toHaveText(`${authority.postalCode} ${authority.city}`)
    await context.close()
  }
})

test('emails write the country in the recipient’s language', async () => {
  const [controller] = await db.select().from(registryContacts).where(eq(registryContacts.role, 'controller'))
  const props = { username: 'jane', code: '042917', expiresInMinutes: 10, loginUrl: 'https://portal.example/login' }
  const [de, en] = await Promise.all([renderEmail(db, 'login-code', props, 'de'), renderEmail(db, 'login-code', props, 'en')])
  expect(de.text).toContain(`${controller.city}, Deutschland`)
  expect(de.text).not.toContain('Germany')
  expect(en.text).toContain(`${controller.city}, Germany`)
})

test.describe('a German DPO', () => {
  test.use({ locale: 'de-DE' })

  test('keeps the country in both languages; an empty German country is refused next to the field and saves nothing', async ({ page, context, baseURL }) => {
    await loginAs(context, await createUser({ role: 'dpo' }), baseURL!)
    const [dpo] = await db.select().from(registryContacts).where(eq(registryContacts.role, 'dpo'))
    await page.goto('/dpo/registry/contacts')
    const form = page.getByRole('form', { name: 'Datenschutzbeauftragter' })
    await expect(form.getByLabel('Land (Deutsch, maßgeblich)')).toHaveValue(dpo.countryDe)
    await expect(form.getByLabel('Land (Englisch)')).toHaveValue(dpo.country)
    await expect(form.getByLabel('Land (Englisch)')).toHaveAttribute('lang', 'en')

    // past the browser's own check, the server answers next to the field
    await form.getByLabel('Land (Deutsch, maßgeblich)').evaluate((input: HTMLInputElement) => input.removeAttribute('required'))
    await form.getByLabel('Land (Deutsch, maßgeblich)').fill('')
    await form.evaluate((f: HTMLFormElement) => (f.noValidate = true))
    await form.getByRole('button', { name: 'Speichern' }).click()
    await expect(form.getByText('Bitte füllen Sie dieses Feld aus.')).toBeVisible()
    const [after] = await db.select().from(registryContacts).where(eq(registryContacts.role, 'dpo'))
    expect(after.countryDe).toBe(dpo.countryDe)
    expect(after.updatedAt).toEqual(dpo.updatedAt)
  })
})
