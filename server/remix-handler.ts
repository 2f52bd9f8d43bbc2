// Remix's Express adapter, with one difference: a streamed body is piped with backpressure.
// @remix-run/express writes each chunk without waiting for the socket to drain, so a large download
// to a slow client would pile up in memory; here the producer only runs as fast as the client reads.
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'
import type { NextFunction, Request, Response } from 'express'
import { sendErrorPage } from './errors'
import { countedBody } from './security'
import {
  createReadableStreamFromReadable,
  createRequestHandler as createRemixHandler,
  type AppLoadContext,
  type ServerBuild,
} from '@remix-run/node'
import { markBodyDelivered } from '~/lib/access/zip-stream.server'
import { loadEnv } from '~/lib/platform/env.server'

export function createRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild
  mode?: string
  getLoadContext: (req: Request, res: Response) => Promise<AppLoadContext>
}) {
  const handleRequest = createRemixHandler(build, mode)
  const idleTimeoutMs = loadEnv().DOWNLOAD_IDLE_TIMEOUT_SECONDS * 1000
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const request = createRemixRequest(req, res)
      const response = await handleRequest(request, await getLoadContext(req, res))
      if (isLastResortError(response)) {
        // Remix has logged it (entry.server's handleError); the client gets the portal's page, not a bare text
        await response.body?.cancel()
        await sendErrorPage(req, res, response.status)
        return
      }
      await sendResponse(res, response, idleTimeoutMs)
    } catch (error) {
      // once the body has started, the client can only be told by closing the connection
      if (res.headersSent) res.destroy()
      else next(error)
    }
  }
}

// As @remix-run/express 2.17.5 builds it (not exported there): the URL, headers, body, and a signal
// that aborts loaders and actions when the client goes away before the response is finished.
function createRemixRequest(req: Request, res: Response) {
  const forwardedPort = req.get('X-Forwarded-Host')?.split(':')[1]
  const hostPort = req.get('host')?.split(':')[1]
  const port = [forwardedPort, hostPort].map((p) => Number.parseInt(p ?? '', 10)).find((p) => Number.isSafeInteger(p))
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`)
  let controller: AbortController | null = new AbortController()
  res.on('finish', () => (controller = null))
  res.on('close', () => controller?.abort())
  const headers = new Headers()
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  return new globalThis.Request(url.href, {
    method: req.method,
    headers,
    signal: controller.signal,
    // a chunked body has already been read and counted by bodySizeLimit (server/security.ts)
    ...(hasBody ? { body: countedBody(res) ?? createReadableStreamFromReadable(req), duplex: 'half' } : {}),
  } as RequestInit)
}

// What Remix answers when its error boundaries cannot render either: a plain-text 500.
function isLastResortError(response: globalThis.Response) {
  return response.status >= 500 && (response.headers.get('Content-Type') ?? '').startsWith('text/plain')
}

async function sendResponse(res: Response, response: globalThis.Response, idleTimeoutMs: number) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  if (!response.body) {
    res.end()
    return
  }
  const body = Readable.fromWeb(response.body as unknown as NodeWebReadableStream<Uint8Array>, { highWaterMark: 1, objectMode: false })
  // The body stops a reader that takes nothing (toReadableStream); its last bytes wait in our buffers,
  // and a client that stops reading there is cut off the same way, by an idle connection.
  body.once('end', () => res.setTimeout(idleTimeoutMs, () => res.destroy()))
  try {
    await pipeline(body, res)
    // every byte is with the operating system: a body that asked to know (the access package) hears it
    markBodyDelivered(response.body)
  } catch (error) {
    // a client that goes away mid-download is not an error of ours; the stream's cancel() cleans up
    if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error
  }
}
