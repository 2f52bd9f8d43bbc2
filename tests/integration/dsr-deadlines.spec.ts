import { expect, test } from '@playwright/test'
import { computeDueAt, daysUntilDue, extensionWindowEndsAt } from '~/lib/requests/dsr.server'

// More cases for the deadline function (the first ones are in due-date.spec.ts): clock changes, the
// receipt day in Berlin against the day in UTC, other time zones, leap years with an extension.

test('the clock change in spring or autumn does not move the due time off the end of the Berlin day', () => {
  // received the day before summer time starts (29 March 2026): due 28 April, in summer time
  expect(computeDueAt(new Date('2026-03-28T10:00:00+01:00')).toISOString()).toBe('2026-04-28T21:59:59.999Z')
  // received in the first minutes of the day the clocks go forward
  expect(computeDueAt(new Date('2026-03-29T00:30:00+01:00')).toISOString()).toBe('2026-04-29T21:59:59.999Z')
  // received in summer time, due after the clocks went back (25 October 2026)
  expect(computeDueAt(new Date('2026-10-24T10:00:00+02:00')).toISOString()).toBe('2026-11-24T22:59:59.999Z')
  // received in the doubled hour of the autumn change (02:30 happens twice)
  expect(computeDueAt(new Date('2026-10-25T02:30:00+01:00')).toISOString()).toBe('2026-11-25T22:59:59.999Z')
})

test('a request arriving after midnight in Berlin counts from the Berlin day, also in summer', () => {
  // 22:30 UTC on 30 June is 00:30 on 1 July in Berlin
  expect(computeDueAt(new Date('2026-06-30T22:30:00Z')).toISOString()).toBe('2026-08-01T21:59:59.999Z')
  // one minute earlier it is still 30 June in Berlin
  expect(computeDueAt(new Date('2026-06-30T21:59:00Z')).toISOString()).toBe('2026-07-30T21:59:59.999Z')
})

test('another time zone gives the end of the day there', () => {
  // 03:00 UTC on 1 March is still 28 February in New York; due on 28 March, in New York's summer time (UTC-4)
  expect(computeDueAt(new Date('2027-03-01T03:00:00Z'), 1, 'America/New_York').toISOString()).toBe('2027-03-29T03:59:59.999Z')
  expect(computeDueAt(new Date('2027-03-01T03:00:00Z'), 1, 'Asia/Tokyo').toISOString()).toBe('2027-04-01T14:59:59.999Z')
})

test('leap years and extensions: the same date months later, or the last day of a shorter month', () => {
  expect(computeDueAt(new Date('2028-02-29T12:00:00+01:00')).toISOString()).toBe('2028-03-29T21:59:59.999Z')
  expect(computeDueAt(new Date('2027-12-31T12:00:00+01:00'), 3).toISOString()).toBe('2028-03-31T21:59:59.999Z')
  expect(computeDueAt(new Date('2028-11-30T12:00:00+01:00'), 3).toISOString()).toBe('2029-02-28T22:59:59.999Z')
  expect(computeDueAt(new Date('2027-11-30T12:00:00+01:00'), 3).toISOString()).toBe('2028-02-29T22:59:59.999Z')
})

test('an extension is possible until the end of the first month, not a moment later', () => {
  const received = new Date('2027-01-31T10:00:00+01:00')
  expect(extensionWindowEndsAt(received).toISOString()).toBe('2027-02-28T22:59:59.999Z')
  expect(extensionWindowEndsAt(received)).toEqual(computeDueAt(received))
})

test('days left count Berlin calendar days, across a clock change too', () => {
  const due = computeDueAt(new Date('2026-02-28T09:00:00+01:00')) // 28 March 2026, end of day
  expect(daysUntilDue(due, new Date('2026-03-28T23:30:00+01:00'))).toBe(0)
  expect(daysUntilDue(due, new Date('2026-03-27T00:10:00+01:00'))).toBe(1)
  expect(daysUntilDue(due, new Date('2026-03-30T08:00:00+02:00'))).toBe(-2)
  // due 1 April: from 28 March that is 4 days, although the night of 29 March is an hour short
  expect(daysUntilDue(computeDueAt(new Date('2026-03-01T12:00:00+01:00')), new Date('2026-03-28T12:00:00+01:00'))).toBe(4)
})
