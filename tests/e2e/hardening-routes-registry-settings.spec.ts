// Issue 11, item 13b: numeric registry settings are whole numbers within a range, checked on the server;
// anything else is refused next to the field and nothing is saved.
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { registrySettings } from '#db/schema'
import { createUser, loginAs } from '../support/fixtures'

async function settingValue(key: string) {
  const [row] = await db.select().from(registrySettings).where(eq(registrySettings.key, key))
  return row.value
}

// not a whole number in ASCII digits, whatever the range
const NOT_NUMBERS = [
  'fourteen',
  '-14',
  '1e309',
  '1e3',
  '99999999999999999999999',
  '14.5',
  '0x10',
  '١٤', // Arabic-Indic digits
  '１４', // full-width digits
  '14 days',
  '+15',
  'NaN',
  'Infinity',
]

test('the DPO cannot save text, negative, huge or out-of-range values as a number of days', async ({ page, context, baseURL }) => {
  await loginAs(context, await createUser({ role: 'dpo' }), baseURL!)
  const key = 'policy_notice_days_significant'
  const before = await settingValue(key)
  await page.goto('/dpo/registry/settings')
  const entry = page.locator(`#entry-${key}`)

  for (const value of [...NOT_NUMBERS, '13', '0', '366', '']) {
    await entry.getByLabel('Value').fill(value)
    await entry.getByRole('button', { name: 'Save' }).click()
    const error = page.locator(`#field-${key}-value-error`)
    await expect(error, JSON.stringify(value)).toContainText(value === '' ? 'Please fill in this field.' : 'Enter a whole number of days from 14 to 365.')
    expect(await settingValue(key), JSON.stringify(value)).toBe(before)
  }
  // the range is said before anyone gets it wrong
  await expect(entry).toContainText('A whole number of days from 14 to 365.')
})

test('hostile values posted directly are refused with 400, never a 500; a valid one is stored as plain digits', async ({ page, context, baseURL }) => {
  await loginAs(context, await createUser({ role: 'dpo' }), baseURL!)
  const origin = { Origin: new URL(baseURL!).origin }
  for (const key of ['cancellation_cooling_off_days', 'cookie_consent_max_age_days', 'dsr_unverified_close_days', 'policy_notice_days_minor']) {
    const before = await settingValue(key)
    for (const value of [...NOT_NUMBERS, '', '0', '-1', '1000000', '7'.repeat(300)]) {
      const response = await page.request.post('/dpo/registry/settings', { form: { intent: 'save', key, value }, headers: origin, maxRedirects: 0 })
      expect(response.status(), `${key}=${JSON.stringify(value)}`).toBe(400)
      expect(await settingValue(key)).toBe(before)
    }
  }
  // leading zeros and spaces: the number itself is stored (the seed's 7 days, so other tests see no change)
  const saved = await page.request.post('/dpo/registry/settings', { form: { intent: 'save', key: 'dsr_unverified_close_days', value: ' 007 ' }, headers: origin, maxRedirects: 0 })
  expect(saved.status()).toBe(302)
  expect(await settingValue('dsr_unverified_close_days')).toBe('7')
})
