// CSV as RFC 4180 writes it (CRLF, quotes doubled), safe to open in a spreadsheet: a cell that a
// spreadsheet would run as a formula gets a leading apostrophe (OWASP "CSV injection").
// = + - @ tab CR
const FORMULA_START = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d])
const NEEDS_QUOTES = /[",\r\n]/

export type CsvValue = string | number | boolean | null | undefined | object

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return ''
  let text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  if (FORMULA_START.has(text.charCodeAt(0))) text = `'${text}`
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function csvRow(values: readonly CsvValue[]): string {
  let row = ''
  for (let i = 0; i < values.length; i++) row += (i ? ',' : '') + csvCell(values[i])
  return `${row}\r\n`
}
