import { expect, test } from '@playwright/test'
import { computeDueAt } from '~/lib/requests/dsr.server'

// Due dates are the end of the day (Europe/Berlin) one calendar month after receipt.
const berlin = (iso: string) => new Date(iso)

test('one calendar month later, at the end of that day in Berlin', () => {
  expect(computeDueAt(berlin('2026-03-10T09:00:00+01:00')).toISOString()).toBe('2026-04-10T21:59:59.999Z') // CEST in April
  expect(computeDueAt(berlin('2026-11-21T12:00:00+01:00')).toISOString()).toBe('2026-12-21T22:59:59.999Z')
})

test('month ends: 31 January is due on the last day of February, leap years included', () => {
  expect(computeDueAt(berlin('2027-01-31T10:00:00+01:00')).toISOString()).toBe('2027-02-28T22:59:59.999Z')
  expect(computeDueAt(berlin('2028-01-31T10:00:00+01:00')).toISOString()).toBe('2028-02-29T22:59:59.999Z')
  expect(computeDueAt(berlin('2026-08-31T10:00:00+02:00')).toISOString()).toBe('2026-09-30T21:59:59.999Z')
  expect(computeDueAt(berlin('2026-12-31T10:00:00+01:00')).toISOString()).toBe('2027-01-31T22:59:59.999Z')
})

test('the day of receipt is the Berlin day, not the UTC day', () => {
  // 23:30 UTC on 31 March is already 1 April in Berlin
  expect(computeDueAt(new Date('2026-03-31T23:30:00Z')).toISOString()).toBe('2026-05-01T21:59:59.999Z')
})

test('an extension counts three months from receipt', () => {
  expect(computeDueAt(berlin('2026-11-30T10:00:00+01:00'), 3).toISOString()).toBe('2027-02-28T22:59:59.999Z')
})
