import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { contentSecurityPolicy } from '~/lib/platform/content-security-policy.server'
import { loadEnv } from '~/lib/platform/env.server'

export function withNonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.nonce = randomBytes(16).toString('base64')
  next()
}

// Defaults are applied just before the headers go out, so a route may set its own (e.g. a stricter CSP).
export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const isAsset = req.path.startsWith('/build/')
  const defaults: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(res.locals.nonce as string),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    // Every page may show personal data (at least the footer's login state): never store it.
    ...(isAsset ? {} : { 'Cache-Control': 'no-store' }),
  }
  if (req.secure) defaults['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains'
  const writeHead = res.writeHead
  res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
    for (const [name, value] of Object.entries(defaults)) {
      if (!this.hasHeader(name)) this.setHeader(name, value)
    }
    return writeHead.apply(this, args)
  } as typeof writeHead
  next()
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
// Mail providers POST one-click unsubscribes (RFC 8058) from their servers, without Origin or Fetch
// Metadata. The signed token in the URL is the only credential the route accepts, and an attacker's page
// cannot know it, so the request needs no same-origin proof.
const TOKEN_AUTHENTICATED_POSTS = new Set(['/feed/unsubscribe'])

// CSRF defence for every state-changing request: the browser must say it comes from this origin.
export function sameOriginGuard(req: Request, res: Response, next: NextFunction) {
  if (SAFE_METHODS.has(req.method) || (req.method === 'POST' && TOKEN_AUTHENTICATED_POSTS.has(req.path))) return next()
  const fetchSite = req.get('sec-fetch-site')
  const origin = req.get('origin')
  const expected = loadEnv().APP_URL ? new URL(loadEnv().APP_URL!).origin : `${req.protocol}://${req.get('host')}`
  const siteOk = fetchSite === undefined || fetchSite === 'same-origin'
  const originOk = origin === undefined ? fetchSite !== undefined : origin === expected
  if (siteOk && originOk) return next()
  res.status(403).type('text/plain').send('Forbidden: this request did not come from this site.')
}

// Forms here are small; a body over this is refused before anything reads it.
const MAX_BODY_BYTES = 1024 * 1024

export function bodySizeLimit(req: Request, res: Response, next: NextFunction) {
  const length = Number(req.get('content-length') ?? 0)
  if (length > MAX_BODY_BYTES) {
    res.status(413).set('Connection', 'close').type('text/plain').send('The submitted form is too large.')
    return
  }
  next()
}
