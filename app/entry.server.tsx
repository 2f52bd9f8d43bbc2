import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { NonceProvider } from '~/components/nonce'
import { createRenderInstance, getLanguage } from '~/lib/platform/i18n.server'

export const streamTimeout = 5_000

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const bot = isbot(request.headers.get('user-agent') ?? '')
  const nonce = loadContext.nonce
  const i18n = await createRenderInstance(await getLanguage(request))
  return new Promise((resolve, reject) => {
    let shellRendered = false
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <NonceProvider value={nonce}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </NonceProvider>
      </I18nextProvider>,
      {
        nonce,
        [bot ? 'onAllReady' : 'onShellReady']() {
          shellRendered = true
          const body = new PassThrough()
          responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }))
          pipe(body)
        },
        onShellError(error: unknown) {
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          // the error's message only: never request data, which may be personal
          if (shellRendered) console.error(`Render error: ${describeErrorForLog(error)}`)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}

// Error messages can quote personal data (a failed query lists its parameters), so the log gets the
// error's name, its database code and where it happened: never the message or the request's query string.
function describeErrorForLog(error: unknown) {
  if (!(error instanceof Error)) return 'non-Error thrown'
  const cause = error.cause as { code?: unknown } | undefined
  const code = cause && typeof cause === 'object' && 'code' in cause ? ` (code ${String(cause.code)})` : ''
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at ')).slice(0, 8)
  return [`${error.name}${code}`, ...frames].join('\n')
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  console.error(`Error on ${new URL(request.url).pathname}: ${describeErrorForLog(error)}`)
}
