import { expect, test } from '@playwright/test'
import { retentionRuleSchema } from '~/lib/dpo/registry-forms'
import { formatPeriod } from '~/lib/domain/period'
import { fixedT } from '~/lib/platform/i18n.server'

const rule = { name: 'Rule', nameDe: 'Regel', description: 'Kept.', descriptionDe: 'Aufbewahrt.', legalReason: '', legalReasonDe: '', isLegalHold: false }

test('a retention period is accepted in German and English units and stored as the interval PostgreSQL reads', () => {
  const stored = (period: string) => {
    const parsed = retentionRuleSchema.safeParse({ ...rule, period })
    return parsed.success ? parsed.data.period : null
  }
  const cases: [string, string][] = [
    ['90 Tage', '90 days'],
    ['1 Tag', '1 day'],
    ['1 Woche', '1 week'],
    ['2 Wochen', '2 weeks'],
    ['1 Monat', '1 month'],
    ['6 Monate', '6 months'],
    ['1 Jahr', '1 year'],
    ['8 Jahre', '8 years'],
    ['90 days', '90 days'],
    ['6 months', '6 months'],
  ]
  for (const [written, interval] of cases) expect(stored(written), written).toBe(interval)
  for (const wrong of ['6 Monde', 'sechs Monate', '0 Tage', '90', 'Tage 90', '1 Jahr 2 Monate']) expect(stored(wrong), wrong).toBeNull()
  expect(stored('')).toBeNull()
})

test("a stored period is shown in the reader's language", () => {
  const de = fixedT('de')
  const en = fixedT('en')
  expect(['90 days', '6 mons', '1 mon', '1 year', '8 years', '14 days', '1 day'].map((p) => formatPeriod(de, p))).toEqual(['90 Tage', '6 Monate', '1 Monat', '1 Jahr', '8 Jahre', '14 Tage', '1 Tag'])
  expect(['90 days', '6 mons', '1 year'].map((p) => formatPeriod(en, p))).toEqual(['90 days', '6 months', '1 year'])
  // "18 months" is stored as PostgreSQL writes it back: "1 year 6 mons"
  expect(['1 year 6 mons', '2 years'].map((p) => formatPeriod(de, p))).toEqual(['18 Monate', '2 Jahre'])
  expect(formatPeriod(de, null)).toBe('')
})
