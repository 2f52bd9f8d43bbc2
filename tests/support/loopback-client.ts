// A bare HTTP client for the portal under test that speaks from an address of its own in 127.0.0.0/8
// (Linux routes the whole block to the loopback interface), so that per-address rate limits of one
// test neither see nor disturb the other tests, which all come from 127.0.0.1. It follows no redirect
// and keeps its own cookies, like one browser.
import http from 'node:http'
import { randomInt } from 'node:crypto'

export interface PlainResponse {
  status: number
  location: string | undefined
  setCookies: string[]
  body: string
}

export function randomLoopbackAddress() {
  return `127.${randomInt(1, 255)}.${randomInt(0, 256)}.${randomInt(1, 255)}`
}

export class LoopbackClient {
  private readonly cookies = new Map<string, string>()
  private readonly origin: URL

  constructor(
    baseURL: string,
    readonly localAddress = randomLoopbackAddress(),
  ) {
    this.origin = new URL(baseURL)
  }

  get(path: string) {
    return this.send('GET', path)
  }

  // a same-origin form post, as the portal's CSRF check expects from its own pages
  // (pairs, to send a field twice)
  post(path: string, form: Record<string, string> | [string, string][]) {
    return this.send('POST', path, new URLSearchParams(form).toString())
  }

  cookie(name: string) {
    return this.cookies.get(name)
  }

  setCookie(name: string, value: string) {
    this.cookies.set(name, value)
  }

  private send(method: string, path: string, body?: string): Promise<PlainResponse> {
    const headers: http.OutgoingHttpHeaders = { Host: this.origin.host, Connection: 'close' }
    if (this.cookies.size) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (body !== undefined) {
      headers['Content-Type'] = 'application/x-www-form-urlencoded'
      headers['Content-Length'] = Buffer.byteLength(body)
      headers.Origin = this.origin.origin
    }
    return new Promise((resolve, reject) => {
      const req = http.request(
        // the portal listens on 127.0.0.1; "localhost" might resolve to ::1, which has no such block
        { host: '127.0.0.1', port: Number(this.origin.port), localAddress: this.localAddress, method, path, headers },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const setCookies = res.headers['set-cookie'] ?? []
            for (const line of setCookies) this.remember(line)
            resolve({ status: res.statusCode ?? 0, location: res.headers.location, setCookies, body: Buffer.concat(chunks).toString('utf8') })
          })
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }

  private remember(setCookie: string) {
    const [pair, ...attributes] = setCookie.split(';').map((p) => p.trim())
    const eq = pair.indexOf('=')
    const name = pair.slice(0, eq)
    const value = pair.slice(eq + 1)
    const expired = attributes.some((a) => /^max-age=0$/i.test(a)) || value === ''
    if (expired) this.cookies.delete(name)
    else this.cookies.set(name, value)
  }
}

// What a person reads in the page's main area: tags, scripts and extra whitespace removed.
export function visibleMainText(html: string) {
  const main = html.match(/<main[\s\S]*?<\/main>/i)?.[0] ?? html
  return main
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Wrong logins for one name, all at once, each from an address of its own; returns the statuses. */
export async function wrongLoginsFromManyAddresses(baseURL: string, identifier: string, count: number) {
  const responses = await Promise.all(
    Array.from({ length: count }, () => new LoopbackClient(baseURL).post('/login', { identifier, password: 'certainly not the password' })),
  )
  return responses.map((r) => r.status)
}
