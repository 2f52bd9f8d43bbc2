// Wall-clock arithmetic in a named time zone (Europe/Berlin for the controller), without a library.

export function zonedParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant)
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

// The UTC instant at which the clock in `timeZone` shows the given wall time.
export function wallTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number, timeZone: string) {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, ms)
  let guess = asUtc
  // two rounds settle the offset, also on the days the clocks change
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(guess), timeZone)
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms)
    guess += asUtc - shown
  }
  return new Date(guess)
}

// "2026-12-05T10:15" as typed into <input type="datetime-local">, read as Berlin time; null if malformed.
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value)
  if (!m) return null
  const [year, month, day, hour, minute] = m.slice(1).map(Number)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return null
  const instant = wallTimeToUtc(year, month, day, hour, minute, 0, 0, timeZone)
  const back = zonedParts(instant, timeZone)
  // 31 February or a time skipped by the clock change does not exist
  if (back.year !== year || back.month !== month || back.day !== day || back.hour !== hour || back.minute !== minute) return null
  return instant
}

export function toLocalDateTimeInput(instant: Date, timeZone: string) {
  const p = zonedParts(instant, timeZone)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`
}
