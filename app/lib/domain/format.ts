// Dates as people in the controller's country read them; stored in UTC, shown in Europe/Berlin.
export const DISPLAY_TIME_ZONE = 'Europe/Berlin'

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE })
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: DISPLAY_TIME_ZONE })

export function formatDateTime(value: Date | string) {
  return dateTime.format(new Date(value))
}

export function formatDate(value: Date | string) {
  return dateOnly.format(new Date(value))
}
