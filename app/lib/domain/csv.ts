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

/**
 * The value a cell written by csvCell stood for: the apostrophe the guard put before a formula start is
 * taken off again. For values copied out of our own CSVs (a checkpoint's base64url signature can start with "-").
 */
export function csvGuardRemoved(text: string): string {
  return text.charCodeAt(0) === 0x27 && FORMULA_START.has(text.charCodeAt(1)) ? text.slice(1) : text
}
