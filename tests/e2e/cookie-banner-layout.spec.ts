// The cookie banner leaves the page visible (decision 097): its first layer, on a phone (375 × 800 CSS px) and on a
// desktop, takes at most 40 % of the screen in German and in English, and the page's own heading is on the first
// screen, not under the banner. What is asked is named in that first layer from the registry, with a link to the
// cookie notice and three equal actions; the per-category choices are one step away ("Let me choose"), with and
// without JavaScript, by keyboard, and axe-clean when open.
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { listCookieCategories } from '~/lib/consent/cookie-consent.server'
import { consentStateOf, ledgerRows } from '../support/consent-helpers'

const WORDS = {
  de: { region: 'Cookies auf dieser Website', accept: 'Alle akzeptieren', reject: 'Alle ablehnen', settings: 'Einzeln auswählen', save: 'Auswahl erlauben', notice: 'Cookie-Hinweis', details: 'Was das ist und wer es anbietet' },
  en: { region: 'Cookies on this site', accept: 'Accept all', reject: 'Reject all', settings: 'Let me choose', save: 'Allow selection', notice: 'cookie notice', details: 'What this is and who provides it' },
} as const
const LOCALES = { de: 'de-DE', en: 'en' } as const
const SCREENS = { phone: { width: 375, height: 800 }, desktop: { width: 1280, height: 720 } } as const

const banner = (page: Page, language: keyof typeof WORDS) => page.getByRole('region', { name: WORDS[language].region })
// "Let me choose" is the <summary> of a <details>: a disclosure button to assistive technology, which Playwright's role
// model does not list as a button
const settingsOf = (page: Page, language: keyof typeof WORDS) => banner(page, language).locator('summary', { hasText: WORDS[language].settings })

for (const language of ['de', 'en'] as const) {
  test.describe(`in ${language === 'de' ? 'German' : 'English'}`, () => {
    test.use({ locale: LOCALES[language] })
    const words = WORDS[language]

    for (const [screen, viewport] of Object.entries(SCREENS)) {
      test(`on a ${screen} (${viewport.width} × ${viewport.height}) the banner takes at most 40 % of the height and the page's heading is on the first screen`, async ({ page }) => {
        await page.setViewportSize(viewport)
        for (const path of ['/', '/privacy', '/contact']) {
          await page.goto(path)
          const box = await banner(page, language).boundingBox()
          expect(box, path).not.toBeNull()
          expect(box!.height, `banner height on ${path} (${language}, ${screen})`).toBeLessThanOrEqual(viewport.height * 0.4)
          const heading = page.getByRole('heading', { level: 1 })
          await expect(heading).toBeInViewport({ ratio: 1 })
          const h1 = await heading.boundingBox()
          // not under the banner: entirely below it, or beside it
          expect(h1!.y >= box!.y + box!.height || h1!.x >= box!.x + box!.width || h1!.x + h1!.width <= box!.x, `h1 overlaps the banner on ${path}`).toBe(true)
        }
      })
    }

    test('the first layer names every category from the registry, links to the cookie notice and offers three equal actions', async ({ page }) => {
      await page.setViewportSize(SCREENS.phone)
      await page.goto('/')
      const region = banner(page, language)
      // visible without opening anything, in the registry's words for this language
      for (const category of await listCookieCategories(language)) {
        if (category.category !== 'necessary') await expect(region.getByText(category.name, { exact: false }).first()).toBeVisible()
      }
      await expect(region.getByRole('link', { name: new RegExp(words.notice) })).toHaveAttribute('href', '/cookies')
      const actions = [region.getByRole('button', { name: words.accept }), region.getByRole('button', { name: words.reject }), settingsOf(page, language)]
      const boxes = await Promise.all(actions.map((a) => a.boundingBox()))
      const classes = await Promise.all(actions.map((a) => a.getAttribute('class')))
      const styles = await Promise.all(actions.map((a) => a.evaluate((el) => { const s = getComputedStyle(el); return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderStyle].join(' ') })))
      for (let i = 1; i < 3; i++) {
        expect(classes[i]).toBe(classes[0])
        expect(styles[i]).toBe(styles[0])
        expect(Math.abs(boxes[i]!.height - boxes[0]!.height)).toBeLessThanOrEqual(1)
        expect(Math.abs(boxes[i]!.width - boxes[0]!.width)).toBeLessThanOrEqual(1)
      }
      // the per-category switches are not in the first layer
      await expect(region.getByRole('checkbox')).toHaveCount(0)
    })

    test('"Let me choose" opens the per-category choice by keyboard, in order, with labels, and it is axe-clean when open', async ({ page }) => {
      await page.setViewportSize(SCREENS.phone)
      await page.goto('/')
      const region = banner(page, language)
      const accept = region.getByRole('button', { name: words.accept })
      await accept.focus()
      await page.keyboard.press('Tab')
      await expect(region.getByRole('button', { name: words.reject })).toBeFocused()
      await page.keyboard.press('Tab')
      const settings = settingsOf(page, language)
      await expect(settings).toBeFocused()
      const disclosure = settings.locator('xpath=..')
      await expect(disclosure).toHaveJSProperty('open', false)
      await page.keyboard.press('Enter')
      await expect(disclosure).toHaveJSProperty('open', true)
      const optional = (await listCookieCategories(language)).filter((c) => c.category !== 'necessary')
      for (const category of optional) await expect(region.getByRole('checkbox', { name: category.name })).toBeVisible()
      // the next stops are the choices (the necessary category's explanation, then the first switch), and after
      // "Allow selection" focus goes on out of the banner (no trap)
      await page.keyboard.press('Tab')
      await expect(region.locator('summary', { hasText: words.details }).first()).toBeFocused()
      await page.keyboard.press('Tab')
      await expect(region.getByRole('checkbox', { name: optional[0].name })).toBeFocused()
      await region.getByRole('button', { name: words.save }).focus()
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.closest('.cookie-banner') === null)).toBe(true)
      const results = await new AxeBuilder({ page }).include('.cookie-banner').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze()
      expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([])
    })
  })
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, locale: 'de-DE' })

  test('"Einzeln auswählen" opens the choice and "Auswahl erlauben" records only what was ticked', async ({ page, context, baseURL }) => {
    await page.goto('/privacy')
    const region = banner(page, 'de')
    await settingsOf(page, 'de').click()
    await region.getByRole('checkbox', { name: /Externe Medien/ }).check()
    await region.getByRole('button', { name: WORDS.de.save }).click()
    await expect(page).toHaveURL(/\/privacy$/)
    await expect(region).toHaveCount(0)
    const state = await consentStateOf(context, baseURL!)
    expect([...state.allowed]).toEqual(['external_media'])
    expect((await ledgerRows({ visitorId: state.visitorId! })).map((r) => [r.purpose, r.action, r.method])).toEqual([
      ['analytics', 'withdrawn', 'banner_save'],
      ['marketing', 'withdrawn', 'banner_save'],
      ['external_media', 'given', 'banner_save'],
    ])
  })
})
