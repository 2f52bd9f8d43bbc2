// Retention periods as the DPO writes and reads them: a number and one unit, in German ("90 Tage",
// "6 Monate", "8 Jahre", "2 Wochen", "1 Jahr") or English ("90 days"). Stored as the PostgreSQL interval it
// always was, written the English way PostgreSQL reads ("90 days"); shown in the reader's language.
// No I/O and no catalogue here (the browser's form check uses it too): the words come from the caller.

export type PeriodUnit = 'day' | 'week' | 'month' | 'year'
export interface Period {
  count: number
  unit: PeriodUnit
}

// what a person may write, lower-cased; German with its plural and dative forms ("nach 30 Tagen")
const WRITTEN_UNITS: Record<string, PeriodUnit> = {
  day: 'day',
  days: 'day',
  tag: 'day',
  tage: 'day',
  tagen: 'day',
  week: 'week',
  weeks: 'week',
  woche: 'week',
  wochen: 'week',
  month: 'month',
  months: 'month',
  monat: 'month',
  monate: 'month',
  monaten: 'month',
  year: 'year',
  years: 'year',
  jahr: 'year',
  jahre: 'year',
  jahren: 'year',
}

// what PostgreSQL writes for a stored interval (IntervalStyle postgres: "6 mons", "1 year", "14 days")
const STORED_UNITS: Record<string, PeriodUnit> = { ...WRITTEN_UNITS, mon: 'month', mons: 'month' }

const PERIOD = /^\s*([1-9]\d{0,3})\s+(\p{L}+)\s*$/u

/** A period as the DPO wrote it, in German or English; null when it is not a number and one unit. */
export function parsePeriod(text: string): Period | null {
  const match = PERIOD.exec(text)
  const unit = match ? WRITTEN_UNITS[match[2].toLowerCase()] : undefined
  return match && unit ? { count: Number(match[1]), unit } : null
}

/** The interval to store, as PostgreSQL reads it: "90 days", "1 year". */
export function periodInterval({ count, unit }: Period) {
  return `${count} ${unit}${count === 1 ? '' : 's'}`
}

/**
 * A stored interval read back ("90 days", "6 mons", "1 year 6 mons" for 18 months) as one unit; null for one
 * that no single unit says (years or months together with days, times of day).
 */
export function readStoredPeriod(value: string): Period | null {
  const parts = value.trim().split(/\s+/)
  if (parts.length === 0 || parts.length % 2 !== 0) return null
  const amounts: Partial<Record<PeriodUnit, number>> = {}
  for (let i = 0; i < parts.length; i += 2) {
    const unit = STORED_UNITS[parts[i + 1].toLowerCase()]
    if (!/^\d+$/.test(parts[i]) || !unit || amounts[unit] !== undefined) return null
    amounts[unit] = Number(parts[i])
  }
  const { day = 0, week = 0, month = 0, year = 0 } = amounts
  const days = day + 7 * week
  if (days > 0) return month || year ? null : { count: days, unit: 'day' }
  const months = 12 * year + month
  if (months === 0) return null
  return months % 12 === 0 ? { count: months / 12, unit: 'year' } : { count: months, unit: 'month' }
}

/** The catalogue key that says a unit with a count (dpo:period.<unit>_one / _other). */
export const PERIOD_UNIT_KEYS: Record<PeriodUnit, string> = {
  day: 'dpo:period.day',
  week: 'dpo:period.week',
  month: 'dpo:period.month',
  year: 'dpo:period.year',
}

/** A stored interval in the reader's words ("6 Monate"); one PostgreSQL wrote otherwise is shown as it is. */
export function formatPeriod(t: (key: string, options: { count: number }) => string, value: string | null | undefined) {
  if (value === null || value === undefined || value === '') return ''
  const period = readStoredPeriod(value)
  return period ? t(PERIOD_UNIT_KEYS[period.unit], { count: period.count }) : value
}
