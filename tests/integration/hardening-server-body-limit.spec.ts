import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { expect, test } from '@playwright/test'
import { eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { contactMessages } from '#db/schema'

const MiB = 1024 * 1024

interface Upload {
  status?: number
  body: string
  /** bytes the server took before it closed the connection */
  written: number
  error?: string
}

// Streams `total` bytes as a chunked body (no Content-Length), at the pace the server reads them.
function uploadChunked(url: URL, head: string, total: number, language = 'en'): Promise<Upload> {
  return new Promise((resolve) => {
    const result: Upload = { body: '', written: 0 }
    const req = http.request(url, {
      method: 'POST',
      headers: {
        Origin: url.origin,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Transfer-Encoding': 'chunked',
        'Accept-Language': language,
      },
    })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let responded = false
    let closed = false
    const finish = () => closed && responded && resolve(result)
    const pump = () => {
      while (result.written < total && !req.destroyed) {
        result.written += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!req.destroyed) req.end()
    }
    req.on('response', (res) => {
      result.status = res.statusCode
      res.setEncoding('utf8')
      res.on('data', (c: string) => (result.body += c))
      res.on('close', () => ((responded = true), finish()))
    })
    req.on('error', (error: NodeJS.ErrnoException) => {
      result.error = error.code
      // no answer will come once the connection is gone
      if (result.status === undefined) responded = true
    })
    req.on('close', () => ((closed = true), finish()))
    req.write(head)
    pump()
  })
}

test("a chunked body over 1 MiB is refused with the portal's 413 page, the rest is never read, nothing is saved", async ({ baseURL }) => {
  const email = `chunked-${randomBytes(5).toString('hex')}@example.test`
  const head = new URLSearchParams({ name: 'Chunked upload', email, message: 'Hello', consent: 'on' }).toString() + '&padding='
  const result = await uploadChunked(new URL('/contact', baseURL), head, 64 * MiB)
  expect(result.status).toBe(413)
  expect(result.body).toMatch(/<html lang="en">/)
  expect(result.body).toMatch(/<title>Form too large · Privacy Portal<\/title>/)
  // the server closed the connection long before the 64 MiB were through
  expect(result.written).toBeLessThan(32 * MiB)
  expect(await db.select().from(contactMessages).where(eq(contactMessages.email, email))).toHaveLength(0)
})

test('a chunked form under the limit is read and saved as usual', async ({ baseURL }) => {
  const email = `chunked-${randomBytes(5).toString('hex')}@example.test`
  const head = new URLSearchParams({ name: 'Chunked upload', email, message: 'Hello', consent: 'on' }).toString() + '&padding='
  const result = await uploadChunked(new URL('/contact', baseURL), head, 256 * 1024)
  expect(result.status).toBe(302)
  expect(await db.select().from(contactMessages).where(eq(contactMessages.email, email))).toHaveLength(1)
})

test('the 413 page speaks the visitor\'s language', async ({ baseURL }) => {
  const result = await uploadChunked(new URL('/contact', baseURL), 'message=', 4 * MiB, 'de')
  expect(result.status).toBe(413)
  expect(result.body).toMatch(/<html lang="de">/)
  expect(result.body).toMatch(/<title>Formular zu groß · Datenschutzportal<\/title>/)
})
