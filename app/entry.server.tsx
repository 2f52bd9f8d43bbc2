import { PassThrough } from 'node:stream'
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { NonceProvider } from '~/components/nonce'
import { createRenderInstance, getLanguage } from '~/lib/platform/i18n.server'
import { describeErrorForLog, routePathForLog } from '~/lib/platform/error-log.server'

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

// The log gets the error's name, code and frames, and the route's shape: never a message, a token in the
// path or a query string (app/lib/platform/error-log.server.ts).
export const handleError: HandleErrorFunction = (error, { request, params }) => {
  if (request.signal.aborted) return
  console.error(`Error on ${routePathForLog(request.url, params)}: ${describeErrorForLog(error)}`)
}
