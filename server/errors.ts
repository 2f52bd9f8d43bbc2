// The portal's own error page for everything answered outside Remix's error boundaries: the CSRF and
// body-size guards, errors thrown before or around Remix (the session lookup with the database down),
// and Remix's last-resort plain-text 500. Never a stack, a query or a session id; see decision 006.
import type { NextFunction, Request, Response } from 'express'
import { FALLBACK_LANGUAGE, type Language } from '~/i18n/config'
import { describeErrorForLog } from '~/lib/platform/error-log.server'
import { fixedT, getLanguage } from '~/lib/platform/i18n.server'

// the catalogue's common:errors.<key>; the root ErrorBoundary uses the same texts
const PAGE_KEYS: Record<number, string> = { 400: 'badRequest', 403: 'crossSite', 404: 'notFound', 413: 'tooLarge' }

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function errorPageHtml(status: number, language: Language) {
  const t = fixedT(language)
  const key = PAGE_KEYS[status] ?? 'generic'
  const title = escapeHtml(t(`common:errors.${key}.title`))
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · ${escapeHtml(t('common:brand'))}</title>
</head>
<body>
<main>
<h1>${title}</h1>
<p>${escapeHtml(t(`common:errors.${key}.body`))}</p>
<p><a href="/">${escapeHtml(t('common:errors.backHome'))}</a></p>
</main>
</body>
</html>
`
}

// The visitor's language as the app would pick it (?lng=, the lng cookie, Accept-Language); English if
// even that fails, since this page may be answering a request that is itself broken.
async function languageOf(req: Request): Promise<Language> {
  try {
    const headers = new Headers()
    for (const name of ['cookie', 'accept-language']) {
      const value = req.get(name)
      if (value) headers.set(name, value)
    }
    return await getLanguage(new globalThis.Request(new URL(req.originalUrl, 'http://portal.invalid'), { headers }))
  } catch {
    return FALLBACK_LANGUAGE
  }
}

export async function sendErrorPage(req: Request, res: Response, status: number) {
  const html = errorPageHtml(status, await languageOf(req))
  if (res.headersSent) return
  res.status(status).type('html').set('Cache-Control', 'no-store').send(html)
}

function statusOf(error: unknown) {
  const status = Number((error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode)
  return Number.isInteger(status) && status >= 400 && status < 600 ? status : 500
}

// Express's own handler would send the stack (and a failed query's SQL and parameters) to the client
// outside production, and log the message: this one answers with the page and logs only what is safe.
export function errorHandler(error: unknown, req: Request, res: Response, _next: NextFunction) {
  const status = statusOf(error)
  if (status >= 500) console.error(`Error outside the app's routes: ${describeErrorForLog(error)}`)
  if (res.headersSent) {
    // the body has begun: the client can only be told by closing the connection
    res.destroy()
    return
  }
  // nothing a half-done response set (a cookie) goes out with the page; the security headers are added on writeHead
  for (const name of res.getHeaderNames()) res.removeHeader(name)
  void sendErrorPage(req, res, status)
}
