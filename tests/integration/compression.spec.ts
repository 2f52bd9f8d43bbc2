// Pages, scripts and styles travel compressed; the access package (a ZIP streamed with backpressure) does not,
// and a compressed page still reaches the client chunk by chunk.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import zlib from 'node:zlib'
import express from 'express'
import { expect, test } from '@playwright/test'
import { createUserSession } from '~/lib/platform/auth.server'
import { compressResponses } from '../../server/compression'
import { createUser } from '../support/fixtures'

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

// The bytes as they cross the wire: no client-side decoding.
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

function decode(r: RawResponse) {
  const encoding = r.headers['content-encoding']
  if (encoding === 'gzip') return zlib.gunzipSync(r.body).toString('utf8')
  if (encoding === 'br') return zlib.brotliDecompressSync(r.body).toString('utf8')
  return r.body.toString('utf8')
}

test('the page, its scripts and its stylesheet are sent gzip- or brotli-compressed when the browser accepts it', async ({ baseURL }) => {
  for (const accept of ['gzip', 'br', 'gzip, deflate, br']) {
    const page = await rawGet(`${baseURL}/`, { 'Accept-Encoding': accept })
    expect(page.status).toBe(200)
    expect(page.headers['content-type']).toMatch(/^text\/html/)
    expect(accept.split(', ')).toContain(page.headers['content-encoding'])
    const html = decode(page)
    expect(html).toMatch(/^<!DOCTYPE html>/i)
    expect(page.body.length).toBeLessThan(Buffer.byteLength(html) / 2)

    const css = html.match(/<link rel="stylesheet" href="(\/build\/[^"]+\.css)"/)![1]
    const response = await rawGet(`${baseURL}${css}`, { 'Accept-Encoding': accept })
    expect(response.status, css).toBe(200)
    expect(response.headers['content-type'], css).toMatch(/^text\/css/)
    expect(accept.split(', '), css).toContain(response.headers['content-encoding'])
    expect(decode(response).length, css).toBeGreaterThan(response.body.length)

    // every script the page loads; those under 1 KB are not worth compressing
    const scripts = [...new Set([...html.matchAll(/(?:src|href)="(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))]
    expect(scripts.length).toBeGreaterThan(1)
    let compressed = 0
    for (const js of scripts) {
      const r = await rawGet(`${baseURL}${js}`, { 'Accept-Encoding': accept })
      expect(r.status, js).toBe(200)
      expect(r.headers['content-type'], js).toMatch(/javascript/)
      if (Buffer.byteLength(decode(r)) < 1024) continue
      expect(accept.split(', '), js).toContain(r.headers['content-encoding'])
      expect(Buffer.byteLength(decode(r)), js).toBeGreaterThan(r.body.length)
      compressed++
    }
    expect(compressed).toBeGreaterThan(0)
  }
  // a client that asks for nothing compressed gets plain bytes
  const plain = await rawGet(`${baseURL}/`, { 'Accept-Encoding': 'identity' })
  expect(plain.headers['content-encoding']).toBeUndefined()
  expect(plain.body.toString('utf8')).toMatch(/^<!DOCTYPE html>/i)
})

test('the access package download is a plain ZIP even when the browser accepts gzip and brotli', async ({ baseURL }) => {
  const user = await createUser()
  const cookie = (await createUserSession(user.id, 'compression test')).split(';')[0]
  const confirm = await fetch(`${baseURL}/my-data`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: baseURL!, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'download-package', password: user.password }),
    redirect: 'manual',
  })
  expect(confirm.status).toBe(302)
  const location = confirm.headers.get('location')!
  expect(location).toMatch(/^\/my-data\/download\?ticket=/)
  const zip = await rawGet(`${baseURL}${location}`, { Cookie: cookie, 'Accept-Encoding': 'gzip, deflate, br' })
  expect(zip.status).toBe(200)
  expect(zip.headers['content-type']).toBe('application/zip')
  expect(zip.headers['content-encoding']).toBeUndefined()
  // the bytes on the wire are the ZIP itself
  expect(zip.body.subarray(0, 2).toString('latin1')).toBe('PK')
})

test('a compressed page is flushed chunk by chunk: the browser reads the first part before the server writes the rest', async () => {
  // one gate per request: opened by the client once it has decoded the first part
  let firstPartRead = () => {}
  let clientHasFirstPart = Promise.resolve()
  const app = express()
  app.use(compressResponses)
  app.get('/', async (_req, res) => {
    res.type('html')
    res.write(`<!DOCTYPE html><html><body><p>first part ${'padding '.repeat(200)}</p>`)
    // without a flush per write this waits forever: the first part would sit in the compressor
    await clientHasFirstPart
    res.end('<p>second part</p></body></html>')
  })
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  try {
    const { port } = server.address() as AddressInfo
    for (const encoding of ['gzip', 'br'] as const) {
      clientHasFirstPart = new Promise<void>((resolve) => (firstPartRead = resolve))
      const text = await new Promise<string>((resolve, reject) => {
        http
          .get(`http://127.0.0.1:${port}/`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
            if (res.headers['content-encoding'] !== encoding) reject(new Error(`sent as ${res.headers['content-encoding']}`))
            const decoder = encoding === 'gzip' ? zlib.createGunzip() : zlib.createBrotliDecompress()
            let body = ''
            decoder.on('data', (chunk: Buffer) => {
              body += chunk.toString('utf8')
              if (body.includes('first part')) firstPartRead()
            })
            decoder.on('end', () => resolve(body))
            decoder.on('error', reject)
            res.pipe(decoder)
          })
          .on('error', reject)
      })
      expect(text).toMatch(/first part.*second part/s)
    }
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
})
