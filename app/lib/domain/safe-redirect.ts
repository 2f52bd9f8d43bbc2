// Where a form may send the browser next: only a path on this site (docs/decisions/010-one-redirect-check.md).
// Everything else, however it is spelled, becomes the fallback; nothing here throws.

const MAX_LENGTH = 2000
// what a URL we produce ourselves contains: printable ASCII; a backslash is never needed
const PRINTABLE_ASCII = /^[\x21-\x5b\x5d-\x7e]*$/
// C0 and C1 controls, DEL, line and paragraph separators, bidi overrides, zero-width characters
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/
const ANY_BASE = 'http://redirect-check.invalid'
// slashes and backslashes in disguise that NFKC leaves alone (division, fraction, big and diagonal solidus...)
const SLASH_LOOKALIKES = /[\u2044\u2215\u2571\u29f8\u3033]/g
const BACKSLASH_LOOKALIKES = /[\u2216\u2572\u29f5\u29f9\ufe68]/g

// "//" or "/\" at the start: what a browser reads as another host.
function startsLikeTwoSlashes(path: string) {
  return /^[/\\]{2}/.test(path)
}

// Strict UTF-8 decoding when the escapes allow it; else byte by byte, as a lenient decoder would.
function decodeLeniently(value: string) {
  try {
    return decodeURIComponent(value)
  } catch {
    return value.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  }
}

// Every spelling the value takes when decoded again and again (by us, a proxy, or the next hop).
function decodedForms(value: string): string[] | null {
  const forms = [value]
  let current = value
  for (let i = 0; i < 5; i++) {
    const next = decodeLeniently(current)
    if (next === current) return forms
    forms.push(next)
    current = next
  }
  return null // still changing after five rounds: nobody encodes a path that often
}

// How a normaliser may read it: NFKC turns fullwidth "／" into "/"; the look-alikes are folded by hand.
function folded(value: string) {
  return value.normalize('NFKC').replace(SLASH_LOOKALIKES, '/').replace(BACKSLASH_LOOKALIKES, '\\')
}

// One spelling, and its folded reading, must each be a plain path that stays a path once dot segments
// are resolved ("/..//host" is "//host").
function isSafeForm(form: string) {
  for (const spelling of new Set([form, folded(form)])) {
    if (!spelling.startsWith('/') || startsLikeTwoSlashes(spelling)) return false
    if (spelling.includes('\\') || INVISIBLE.test(spelling)) return false
    let resolved: URL
    try {
      resolved = new URL(spelling, ANY_BASE)
    } catch {
      return false
    }
    if (resolved.origin !== ANY_BASE || startsLikeTwoSlashes(decodeLeniently(resolved.pathname))) return false
  }
  return true
}

/**
 * `value` when it is a same-origin absolute path ("/account?tab=1"), else `fallback`.
 * Refused: anything not starting with exactly one "/", "//" and "/\", schemes, control characters
 * (tab, CR, LF, NUL...), backslashes, non-ASCII, and encoded spellings that decode to any of those.
 */
export function safeRedirectPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) return fallback
  if (!PRINTABLE_ASCII.test(value)) return fallback
  const forms = decodedForms(value)
  if (!forms || !forms.every(isSafeForm)) return fallback
  return value
}
