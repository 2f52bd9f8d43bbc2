// WCAG 2.2 AA as axe-core measures it, on every page of the portal: anonymous (with the cookie banner open),
// customer and DPO, with field errors shown, on error pages (404, 403), in English and in German.
// The list of pages is tests/support/route-visits.ts (shared with the German leak check).
import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { allVisits, LANGUAGES, newPage, openVisit, routeFiles, ROUTES, widerThanViewport } from '../support/route-visits'

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

// One line per violation and element, so a failure says what to fix where.
async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze()
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim()}`))
}

test('every route file has an entry in the accessibility list', () => {
  const files = routeFiles()
  expect(files.filter((f) => !(f in ROUTES)), 'route files without an entry in ROUTES').toEqual([])
  expect(Object.keys(ROUTES).filter((f) => !files.includes(f)), 'entries in ROUTES without a route file').toEqual([])
})

for (const { file, visit } of allVisits()) {
  for (const language of LANGUAGES) {
    test(`${file}: ${visit.label} as ${visit.as} (${language}) has no WCAG 2.2 AA violations`, async ({ browser, baseURL }) => {
      // axe on the longest pages (My data) takes a while on a busy machine
      test.setTimeout(240_000)
      const { context, page } = await newPage(browser, baseURL!, visit.as, language)
      await openVisit(page, visit)
      await expect(page.locator('html')).toHaveAttribute('lang', language)
      await expect(page).toHaveTitle(/\S/)
      expect(await axeViolations(page)).toEqual([])
      // reflow (WCAG 1.4.10): at 320 CSS px nothing makes the page scroll sideways; wide tables scroll in their own region
      await page.setViewportSize({ width: 320, height: 800 })
      expect(await widerThanViewport(page)).toEqual([])
      await context.close()
    })
  }
}
