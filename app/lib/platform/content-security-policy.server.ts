// The portal's Content-Security-Policy. No third-party resource is allowed by default; a response that
// shows external media the visitor allowed (cookie-consent.server.ts) adds that origin to frame-src only.
export function contentSecurityPolicy(nonce: string, { frameSrc = [] }: { frameSrc?: readonly string[] } = {}) {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    frameSrc.length ? `frame-src ${frameSrc.join(' ')}` : "frame-src 'none'",
  ].join('; ')
}
