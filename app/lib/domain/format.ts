// Dates as people in the controller's country read them; stored in UTC, shown in Europe/Berlin, in the
// page's language (German: "1. Dez. 2026, 14:05"; English: "1 Dec 2026, 14:05").
export const DISPLAY_TIME_ZONE = 'Europe/Berlin'

type Language = 'de' | 'en'
export const LOCALES: Record<Language, string> = { de: 'de-DE', en: 'en-GB' }

const formats = new Map<string, Intl.DateTimeFormat>()
function formatter(language: Language, dateOnly: boolean) {
  const key = `${language}:${dateOnly}`
  let f = formats.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[language] ?? LOCALES.en, dateOnly ? { dateStyle: 'medium', timeZone: DISPLAY_TIME_ZONE } : { dateStyle: 'medium', timeStyle: 'short', timeZone: DISPLAY_TIME_ZONE })
    formats.set(key, f)
  }
  return f
}

export function formatDateTime(value: Date | string, language: Language = 'en') {
  return formatter(language, false).format(new Date(value))
}

export function formatDate(value: Date | string, language: Language = 'en') {
  return formatter(language, true).format(new Date(value))
}

export function formatNumber(value: number, language: Language = 'en') {
  return new Intl.NumberFormat(LOCALES[language] ?? LOCALES.en).format(value)
}

// "53.94 EUR" / "53,94 EUR": the currency code as the records hold it
export function formatMoney(cents: number, currency: string | null, language: Language = 'en') {
  const amount = new Intl.NumberFormat(LOCALES[language] ?? LOCALES.en, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(cents / 100)
  return currency ? `${amount} ${currency}` : amount
}
