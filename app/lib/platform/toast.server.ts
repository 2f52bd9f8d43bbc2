// The outcome of an action, shown once on the next page ("Your username was changed"). It travels in a
// signed cookie as a message key, so no one can make the portal show text of their choosing (a
// ?done=<text> URL could), and it is put into words in the reader's language when shown.
import { createCookie, redirect } from '@remix-run/node'
import { msg } from '~/i18n/translate'
import { loadEnv } from './env.server'

function toastCookie() {
  return createCookie('__Host-toast', { httpOnly: true, secure: true, sameSite: 'lax', path: '/', maxAge: 120, secrets: [loadEnv().SESSION_SECRET] })
}

export async function toastHeader(key: string, params?: Record<string, string | number>) {
  return toastCookie().serialize(msg(key, params))
}

export async function redirectWithToast(url: string, key: string, params?: Record<string, string | number>, init?: ResponseInit) {
  const headers = new Headers(init?.headers)
  headers.append('Set-Cookie', await toastHeader(key, params))
  return redirect(url, { ...init, headers })
}

// The message waiting for this browser, if any, and the header that clears it (it is shown once).
export async function takeToast(request: Request): Promise<{ toast: string | null; clear: string | null }> {
  const cookies = request.headers.get('Cookie')
  if (!cookies?.includes('__Host-toast=')) return { toast: null, clear: null }
  const cookie = toastCookie()
  const value: unknown = await cookie.parse(cookies)
  return { toast: typeof value === 'string' ? value : null, clear: await cookie.serialize('', { maxAge: 0 }) }
}
