// What an error log line may hold. Logs hold no IP, email, token, session id or other personal data:
// error messages can quote them (a failed query lists its SQL and parameters, the session id among them),
// and URLs carry tokens (/requests/status/<token>, /account/cancel/undo/<token>, ?token=, ?ack=).

/** The error's name, its database code and where it happened: never its message. */
export function describeErrorForLog(error: unknown) {
  if (!(error instanceof Error)) return 'non-Error thrown'
  const code = errorCode(error) ?? errorCode(error.cause)
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8)
  return [`${error.name}${code ? ` (code ${code})` : ''}`, ...frames].join('\n')
}

function errorCode(value: unknown): string | undefined {
  if (!value || typeof value !== 'object' || !('code' in value)) return undefined
  const code = String((value as { code: unknown }).code)
  // codes are short identifiers (23505, ECONNREFUSED); anything else is not a code
  return /^[A-Za-z0-9_]{1,32}$/.test(code) ? code : undefined
}

/**
 * The request's path as its route reads: every dynamic segment (a token, an id) replaced by its
 * parameter's name, and no query string. `/requests/status/abc…` becomes `/requests/status/:token`.
 */
export function routePathForLog(url: string, params: Record<string, string | undefined>) {
  const { pathname } = new URL(url)
  // the catch-all route's parameter is the whole unknown path: say only that it matched nothing
  if (params['*'] !== undefined) return '(no route)'
  const byValue = new Map(Object.entries(params).flatMap(([name, value]) => (value ? [[value, name] as const] : [])))
  return pathname
    .split('/')
    .map((segment) => {
      let decoded: string
      try {
        decoded = decodeURIComponent(segment)
      } catch {
        return ':?'
      }
      // single fetch asks for /route/<param>.data
      const name = byValue.get(decoded) ?? byValue.get(decoded.replace(/\.data$/, ''))
      return name ? `:${name}` : segment
    })
    .join('/')
}
