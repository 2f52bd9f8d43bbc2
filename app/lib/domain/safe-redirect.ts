// Where a form or link may send the browser afterwards: a path on this site, nothing else.
// Anything that a browser could read as another origin (//host, /\host, tabs or newlines that browsers
// strip, backslashes, a scheme) gives the fallback instead.
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return fallback
  if (!value.startsWith('/') || value.startsWith('//')) return fallback
  if (/[\u0000-\u001F\u007F-\u009F\\\u2028\u2029]/.test(value)) return fallback
  let decoded = value
  try {
    decoded = decodeURIComponent(value)
  } catch {
    return fallback
  }
  if (decoded.startsWith('//') || /[\u0000-\u001F\u007F-\u009F\\]/.test(decoded)) return fallback
  try {
    const url = new URL(value, 'http://portal.invalid')
    if (url.origin !== 'http://portal.invalid') return fallback
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return fallback
  }
}
