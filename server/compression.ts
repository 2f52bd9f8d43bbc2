// Compresses pages, scripts and styles (gzip or brotli, as the browser asks). Every write is flushed, so a
// streamed page reaches the browser chunk by chunk as before. The access package is left alone: a ZIP is
// already compressed, and its download is streamed with backpressure (server/remix-handler.ts) that a
// compressor in between would buffer.
import zlib from 'node:zlib'
import compression from 'compression'
import type { Request, Response } from 'express'

const NEVER_COMPRESSED_PATHS = new Set(['/my-data/download'])

export function shouldCompress(req: Request, res: Response) {
  if (NEVER_COMPRESSED_PATHS.has(req.path)) return false
  if (String(res.getHeader('Content-Type') ?? '').startsWith('application/zip')) return false
  return compression.filter(req, res)
}

export const compressResponses = compression({
  filter: shouldCompress,
  flush: zlib.constants.Z_SYNC_FLUSH,
  brotli: { flush: zlib.constants.BROTLI_OPERATION_FLUSH },
})
