// Issue 11, item 2: after logging in, and after a cookie choice, the browser goes only to a path on
// this site, whatever the redirect target says. The hostile targets are not a hand-written list: a small
// fuzzer strings together the pieces open redirects are made of (slashes and their look-alikes,
// backslashes, control characters, schemes, userinfo) in raw, percent-encoded and double-encoded
// spellings, with a fixed seed so that a failure can be replayed.
import { expect, test } from '@playwright/test'
import { createUser } from '../support/fixtures'
import { LoopbackClient } from '../support/loopback-client'

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

// The pieces: what a browser, a proxy or a second decoder may read as a slash, a scheme or nothing.
const SLASHES = ['/', '\\', '%2f', '%2F', '%5c', '%5C', '%252f', '%255c', '\uff0f', '\u2215', '\u2044', '\u3031', '%EF%BC%8F', '%E2%88%95']
const INVISIBLES = ['\t', '\r', '\n', '\r\n', '\u0000', '\u000b', '\u000c', '\u001f', '\u007f', '\u0085', '\u00a0', '\u2028', '\u200b', '%09', '%0d%0a', '%0a', '%00', '%2509', '%E2%80%A8', ' ']
const SCHEMES = ['https:', 'http:', 'javascript:', 'JaVaScRiPt:', 'data:', 'ht\ttp:', 'java%0d%0ascript:', '//javascript:', 'https%3a']
const HOSTS = ['evil.example', 'evil.example/phish', 'user@evil.example', 'evil.example%2f..', '0xd8.0x3a.0xd6.0xce', 'evil%E3%80%82example', 'evil.example\\@localhost', '[::ffff:216.58.214.206]']
const LEADS = ['', '/', '//', '/.', '/..', '/./', '/../']

function hostileTargets(count: number, seed: number) {
  const random = prng(seed)
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]
  const piece = () => {
    const r = random()
    return r < 0.45 ? pick(SLASHES) : r < 0.8 ? pick(INVISIBLES) : pick(SCHEMES)
  }
  const targets = new Set<string>()
  while (targets.size < count) {
    let value = pick(LEADS)
    const pieces = 1 + Math.floor(random() * 4)
    for (let i = 0; i < pieces; i++) value += piece()
    value += pick(HOSTS)
    // sometimes encode the whole thing once more, as a link in an email or a second hop would
    if (random() < 0.2) value = encodeURIComponent(value)
    targets.add(value)
  }
  return [...targets]
}

const HOSTILE = [
  // the reported one, spelled as the link carries it and as the page's hidden field sends it back
  '/%09/evil.example',
  '/\t/evil.example',
  ...hostileTargets(400, 20261121),
]
// each login costs an argon2 hash: the login route gets a share of the list, the cheap routes all of it
const HOSTILE_FOR_LOGIN = HOSTILE.slice(0, 122)

// Same origin for the browser, and the same after anyone decodes it once more.
function expectSameOriginPath(location: string | undefined, baseURL: string, sent: string) {
  const what = `Location for ${JSON.stringify(sent)}: ${JSON.stringify(location)}`
  expect(location, what).toBeDefined()
  expect(location!, what).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/)
  expect(new URL(location!, baseURL).origin, what).toBe(new URL(baseURL).origin)
  let decoded = location!
  for (let i = 0; i < 3; i++) decoded = decodeURIComponentLeniently(decoded)
  expect(decoded, what).not.toMatch(/^\/[/\\\uff0f]|[\\\u0000-\u001f\u007f]/)
  // and once dot segments are resolved ("/..//host" is "//host")
  expect(decodeURIComponentLeniently(new URL(decoded, baseURL).pathname), what).not.toMatch(/^\/[/\\]/)
}

function decodeURIComponentLeniently(value: string) {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

async function inBatches<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run))
}

test('after logging in, no redirect target leads off the site, and none gives a 500', async ({ baseURL }) => {
  test.setTimeout(600_000)
  const user = await createUser()
  await inBatches(HOSTILE_FOR_LOGIN, 4, async (target) => {
    // the link an attacker sends: the login page must render
    const page = await new LoopbackClient(baseURL!).get(`/login?redirectTo=${encodeURIComponent(target)}`)
    expect(page.status, `GET /login?redirectTo=${JSON.stringify(target)}`).toBe(200)
    // the form post, with the target as the page's hidden field sends it (a fresh browser each time)
    const login = await new LoopbackClient(baseURL!).post('/login', { identifier: user.email, password: user.password, redirectTo: target })
    expect(login.status, `POST /login with ${JSON.stringify(target)}`).toBe(302)
    expectSameOriginPath(login.location, baseURL!, target)
  })
})

test('a cookie choice never redirects off the site, and no target gives a 500', async ({ baseURL }) => {
  test.setTimeout(360_000)
  await inBatches(HOSTILE, 8, async (target) => {
    const choice = await new LoopbackClient(baseURL!).post('/cookies', { intent: 'reject-all', redirectTo: target })
    expect(choice.status, `POST /cookies with ${JSON.stringify(target)}`).toBe(302)
    expectSameOriginPath(choice.location, baseURL!, target)
  })
})

test('the language switch never redirects off the site either (it uses the same check)', async ({ baseURL }) => {
  test.setTimeout(360_000)
  await inBatches(HOSTILE, 8, async (target) => {
    const switched = await new LoopbackClient(baseURL!).post('/language', { lng: 'de', redirectTo: target })
    expect(switched.status, `POST /language with ${JSON.stringify(target)}`).toBe(302)
    expectSameOriginPath(switched.location, baseURL!, target)
  })
})

test('paths on this site are kept as they are, after login and after a cookie choice', async ({ baseURL }) => {
  const user = await createUser()
  for (const target of ['/account', '/requests/new', '/consents?tab=feed', '/dpo?q=a%40b.example', '/my-data#vpn-sessions']) {
    const login = await new LoopbackClient(baseURL!).post('/login', { identifier: user.email, password: user.password, redirectTo: target })
    expect(login.location).toBe(target)
    const choice = await new LoopbackClient(baseURL!).post('/cookies', { intent: 'reject-all', redirectTo: target })
    expect(choice.location).toBe(target)
  }
  // without a target: the customer's home, and the page the banner was on
  expect((await new LoopbackClient(baseURL!).post('/login', { identifier: user.email, password: user.password })).location).toBe('/account')
  expect((await new LoopbackClient(baseURL!).post('/cookies', { intent: 'reject-all' })).location).toBe('/')
})
