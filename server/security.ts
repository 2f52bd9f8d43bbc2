import { randomBytes } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'
import { contentSecurityPolicy } from '~/lib/platform/content-security-policy.server'
import { loadEnv } from '~/lib/platform/env.server'
import { sendErrorPage } from './errors'

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
  void sendErrorPage(req, res, 403)
}

// Forms here are small; a body over this is refused before anything reads it.
export const MAX_BODY_BYTES = 1024 * 1024
// how long a refused client has to read the 413 page before its connection is reset
const CLOSE_GRACE_MS = 1_000

/**
 * A declared Content-Length over the limit is refused at once (Node never reads past the declared length).
 * A chunked body declares nothing, so it is read here, counted, and kept (at most the limit) for the app;
 * the moment it passes the limit, reading stops and the 413 page goes out.
 */
export function bodySizeLimit(req: Request, res: Response, next: NextFunction) {
  const declared = req.get('content-length')
  if (declared !== undefined) {
    if (Number(declared) > MAX_BODY_BYTES) refuseTooLarge(req, res)
    else next()
    return
  }
  if (req.get('transfer-encoding') === undefined) return next()
  const chunks: Buffer[] = []
  let size = 0
  const stop = () => {
    req.off('data', onData)
    req.off('end', onEnd)
    req.off('error', onError)
  }
  const onData = (chunk: Buffer) => {
    size += chunk.length
    if (size <= MAX_BODY_BYTES) return void chunks.push(chunk)
    stop()
    refuseTooLarge(req, res)
  }
  const onEnd = () => {
    stop()
    res.locals.body = Buffer.concat(chunks, size)
    next()
  }
  // the client went away mid-body: nobody is left to answer
  const onError = () => {
    stop()
    req.destroy()
  }
  req.on('data', onData)
  req.on('end', onEnd)
  req.on('error', onError)
}

// Nothing more of the body is read. Closing at once would make a client that is still sending see a reset,
// often before it has read the page, so the connection is closed in stages (RFC 9112, section 9.6): the
// page, then our end of the connection, then after a grace period the rest, unread.
function refuseTooLarge(req: Request, res: Response) {
  req.pause()
  // counts as reading for Node, which would otherwise drain the whole body after the answer
  req.read(0)
  const socket = req.socket
  res.once('finish', () => {
    socket.end()
    setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref()
  })
  void sendErrorPage(req, res, 413)
}

/** A chunked body that bodySizeLimit has read and counted; other bodies are still the request stream. */
export function countedBody(res: Response): Buffer | undefined {
  return Buffer.isBuffer(res.locals.body) ? res.locals.body : undefined
}
