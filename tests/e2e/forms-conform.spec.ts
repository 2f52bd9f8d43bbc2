// Every form converted to Conform (decision 093), table-driven:
// (a) in a real browser, an empty required field gets its message next to it on blur and on submit, from the form's
//     schema in the browser: posts are cut off here, so a message can only come from the client;
// (b) posts that bypass the browser (an over-long value, a missing field, an unknown extra field, a field sent twice)
//     get a 400 from the same schema on the server, never a 500, and change nothing.
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { count, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dsrEvents, outboxMessages, policyVersions, retentionRules, sessions, users } from '#db/schema'
import { CONSENT_COOKIE_NAME } from '~/lib/consent/cookie-consent.server'
import { createUserSession, SESSION_COOKIE } from '~/lib/platform/auth.server'
import { createDraft, currentNoticeLabel, earliestEffectiveAt } from '~/lib/policy/policy.server'
import { createRequest } from '~/lib/requests/dsr.server'
import { DISPLAY_TIME_ZONE } from '~/lib/domain/format'
import { toLocalDateTimeInput } from '~/lib/domain/time-zone'
import { forgeConsentCookie, ledgerRows } from '../support/consent-helpers'
import { createUser, uniqueName, type TestUser } from '../support/fixtures'
import { LoopbackClient } from '../support/loopback-client'

// The English words of a message key, as the page shows them.
function words(key: string) {
  const [ns, path] = key.split(':')
  const catalogue = JSON.parse(readFileSync(`app/locales/en/${ns}.json`, 'utf8')) as Record<string, unknown>
  return path.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue) as string
}

async function sessionCookie(user: TestUser) {
  return { [SESSION_COOKIE]: (await createUserSession(user.id, 'Playwright test')).split(';')[0].split('=')[1] }
}

interface FormUnderTest {
  // the page with the form, and where it posts (the page itself unless said)
  page: string
  action?: string
  cookies: Record<string, string>
  // the required field left empty in the browser, its element id (field-<name> unless said) and the message
  field: string
  fieldId?: string
  message: string
  // an accepted submission; the hostile posts are variations of it
  valid: Record<string, string>
  // a field that gets 5,000 characters
  long: string
  // what must not change
  state: () => Promise<unknown>
}

const sessionsOf = async (userId: string) => (await db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)))[0].n

const FORMS: Record<string, (baseURL: string) => Promise<FormUnderTest>> = {
  'log in with a password': async () => {
    const user = await createUser()
    return {
      page: '/login',
      cookies: {},
      field: 'identifier',
      message: words('validation:required'),
      valid: { intent: 'password', identifier: user.email, password: user.password },
      long: 'password',
      state: () => sessionsOf(user.id),
    }
  },
  'ask for a sign-in code': async () => {
    const user = await createUser()
    return {
      page: '/login?with=code',
      action: '/login',
      cookies: {},
      field: 'email',
      message: words('validation:emailRequired'),
      valid: { intent: 'email-code', email: user.email },
      long: 'email',
      state: async () => (await db.select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.toAddress, user.email)))[0].n,
    }
  },
  'enter a sign-in code': async (baseURL) => {
    const user = await createUser()
    // a browser of its own asks for the code (its own address: the code limits of other tests stay untouched)
    const browser = new LoopbackClient(baseURL)
    await browser.post('/login', { intent: 'email-code', email: user.email })
    return {
      page: '/login?with=code',
      action: '/login',
      cookies: { '__Host-login-code': browser.cookie('__Host-login-code')! },
      field: 'code',
      message: words('validation:codeRequired'),
      valid: { intent: 'enter-code', code: '123456' },
      long: 'code',
      state: () => sessionsOf(user.id),
    }
  },
  'sign up': async () => {
    const username = uniqueName()
    return {
      page: '/signup',
      cookies: {},
      field: 'username',
      message: words('validation:usernameRequired'),
      valid: { username, email: `${username}@example.test`, password: 'long enough pw', ageConfirmed: 'on' },
      long: 'username',
      state: async () => (await db.select({ n: count() }).from(users).where(eq(users.username, username)))[0].n,
    }
  },
  'confirm the email address': async (baseURL) => {
    const username = uniqueName()
    const browser = new LoopbackClient(baseURL)
    await browser.post('/signup', { username, email: `${username}@example.test`, password: 'long enough pw', ageConfirmed: 'on' })
    return {
      page: '/verify-email',
      cookies: { '__Host-verify': browser.cookie('__Host-verify')! },
      field: 'code',
      message: words('validation:codeRequired'),
      valid: { intent: 'verify', code: '123456' },
      long: 'code',
      state: async () => (await db.select({ verified: users.emailVerifiedAt }).from(users).where(eq(users.username, username)))[0],
    }
  },
  'cancel the account': async () => {
    const user = await createUser()
    return {
      page: '/account/cancel',
      cookies: await sessionCookie(user),
      field: 'password',
      message: words('validation:passwordCurrent'),
      valid: { intent: 'cancel', password: user.password, forumMode: 'delete' },
      long: 'password',
      state: async () => (await db.select({ status: users.status }).from(users).where(eq(users.id, user.id)))[0],
    }
  },
  ...Object.fromEntries(
    (
      [
        ['note', 'note'],
        ['deny', 'denialReason'],
        ['clarify', 'question'],
        ['unfounded', 'justification'],
      ] as const
    ).map(([intent, field]) => [
      `the DPO's ${intent} form on a request`,
      async (): Promise<FormUnderTest> => {
        const customer = await createUser()
        const request = await db.transaction((tx) =>
          createRequest(tx, { userId: customer.id, type: 'access', status: 'received', details: 'Please.', receivedAt: new Date(), actor: { type: 'customer', id: customer.id } }),
        )
        return {
          page: `/dpo/requests/${request.id}`,
          cookies: await sessionCookie(await createUser({ role: 'dpo' })),
          field,
          message: words('validation:required'),
          valid: { intent, [field]: 'Written for a test.' },
          long: field,
          state: async () => ({
            events: (await db.select({ n: count() }).from(dsrEvents).where(eq(dsrEvents.requestId, request.id)))[0].n,
            status: (await db.execute<{ status: string }>(sql`select status from data_subject_requests where id = ${request.id}`))[0].status,
          }),
        }
      },
    ]),
  ),
  'a new retention rule in the registry': async () => {
    const name = uniqueName('rule')
    return {
      page: '/dpo/registry/retention-rules',
      cookies: await sessionCookie(await createUser({ role: 'dpo' })),
      field: 'name',
      fieldId: 'field-new-name',
      message: words('validation:required'),
      valid: { intent: 'create', name, nameDe: name, description: 'For a test.', descriptionDe: 'Für einen Test.' },
      long: 'description',
      state: async () => (await db.select({ n: count() }).from(retentionRules).where(eq(retentionRules.name, name)))[0].n,
    }
  },
  'publishing a policy draft': async () => {
    const dpo = await createUser({ role: 'dpo' })
    const draft = await createDraft({ document: 'terms', text: 'Terms for a form test.', textDe: 'Bedingungen für einen Formulartest.', changeSummary: 'test', changeSummaryDe: 'Test', significant: false, actorId: dpo.id })
    return {
      page: `/dpo/policies/${draft.id}`,
      cookies: await sessionCookie(dpo),
      field: 'effectiveAt',
      message: words('dpo:policy.badDate'),
      valid: { intent: 'publish', effectiveAt: toLocalDateTimeInput(await earliestEffectiveAt({ significant: false }), DISPLAY_TIME_ZONE) },
      long: 'effectiveAt',
      state: async () => (await db.select({ status: policyVersions.status }).from(policyVersions).where(eq(policyVersions.id, draft.id)))[0],
    }
  },
  'checking a kept audit checkpoint': async (baseURL) => {
    const cookies = await sessionCookie(await createUser({ role: 'dpo' }))
    const browser = new LoopbackClient(baseURL)
    browser.setCookie(SESSION_COOKIE, cookies[SESSION_COOKIE])
    const checkpoint = (await browser.post('/dpo/audit/checkpoint', {})).body
    return {
      page: '/dpo/audit',
      cookies,
      field: 'checkpoint',
      message: words('dpo:audit.problem.empty'),
      valid: { checkpoint },
      long: 'checkpoint',
      // checking writes nothing: the answer itself is what matters (no verdict for a hostile post)
      state: async () => null,
    }
  },
}

for (const [name, prepare] of Object.entries(FORMS)) {
  test(`${name}: an empty required field is answered in the browser, next to the field`, async ({ page, baseURL }) => {
    const form = await prepare(baseURL!)
    const { hostname } = new URL(baseURL!)
    await page.context().addCookies(Object.entries(form.cookies).map(([cookie, value]) => ({ name: cookie, value, domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' as const })))
    await page.goto(form.page)
    // from here on no post reaches the server: a message can only come from the schema in the browser
    const posts: string[] = []
    await page.route('**/*', (route) => (route.request().method() === 'POST' ? (posts.push(route.request().url()), route.abort()) : route.continue()))
    const id = form.fieldId ?? `field-${form.field}`
    const input = page.locator(`#${id}`)
    const error = page.locator(`#${id}-error`)
    await expect(input).toBeVisible()
    // on blur (retried until the page is hydrated: before that, nothing answers a blur)
    await expect(async () => {
      await input.fill('')
      await input.blur()
      await expect(error).toHaveText(form.message, { timeout: 1_000 })
    }).toPass()
    await expect(input).toHaveAttribute('aria-invalid', 'true')
    await expect(input).toHaveAttribute('aria-describedby', new RegExp(`${id}-error`))
    // and on submit, which stays in the browser
    await input.fill('')
    await page.locator('form', { has: input }).locator('button[type=submit]').first().click()
    await expect(error).toHaveText(form.message)
    expect(posts).toEqual([])
  })

  test(`${name}: hostile posts get a 400 from the same schema, never a 500, and change nothing`, async ({ baseURL }) => {
    const form = await prepare(baseURL!)
    const client = new LoopbackClient(baseURL!)
    for (const [cookie, value] of Object.entries(form.cookies)) client.setCookie(cookie, value)
    const entries = Object.entries(form.valid)
    const before = await form.state()
    const hostile: Record<string, [string, string][]> = {
      'an over-long value': entries.map(([k, v]) => [k, k === form.long ? 'x'.repeat(5_000) : v]),
      'a missing required field': entries.filter(([k]) => k !== form.field),
      'an unknown extra field': [...entries, ['role', 'dpo']],
      'a field sent twice': [...entries, [form.field, form.valid[form.field] ?? 'again']],
    }
    for (const [what, body] of Object.entries(hostile)) {
      const res = await client.post(form.action ?? form.page, body)
      expect(res.status, `${what}: ${res.body.slice(0, 200)}`).toBe(400)
      expect(res.body, what).not.toContain('checkpoint-verdict')
    }
    expect(await form.state()).toEqual(before)
  })
}

// The cookie choice has no field to leave empty (buttons and checkboxes), so only the hostile posts: the banner, the
// settings page and the embeds all post to /cookies, and a post no page sends must record nothing and set no cookie.
test('the cookie choice: hostile posts get a 400 from its schema, never a 500, and record nothing', async ({ baseURL }) => {
  // a browser with a known pseudonym: anything recorded for it would carry this id
  const visitorId = randomBytes(16).toString('base64url')
  const client = new LoopbackClient(baseURL!)
  client.setCookie(CONSENT_COOKIE_NAME, await forgeConsentCookie({ v: visitorId, c: [], n: await currentNoticeLabel('cookies'), d: Math.floor(Date.now() / 1000), s: 'choice' }))
  const valid: [string, string][] = [
    ['intent', 'save'],
    ['analytics', 'on'],
    ['redirectTo', '/privacy'],
  ]
  const hostile: Record<string, [string, string][]> = {
    'an over-long redirect target': valid.map(([k, v]) => [k, k === 'redirectTo' ? `/${'x'.repeat(5_000)}` : v]),
    'an over-long category value': valid.map(([k, v]) => [k, k === 'analytics' ? 'x'.repeat(5_000) : v]),
    'an unknown extra field': [...valid, ['role', 'dpo']],
    'a category sent twice': [...valid, ['analytics', 'on']],
    'the action sent twice': [...valid, ['intent', 'accept-all']],
    'no action': valid.filter(([k]) => k !== 'intent'),
  }
  for (const [what, body] of Object.entries(hostile)) {
    const res = await client.post('/cookies', body)
    expect(res.status, `${what}: ${res.body.slice(0, 200)}`).toBe(400)
    expect(res.setCookies, what).toEqual([])
  }
  expect(await ledgerRows({ visitorId })).toEqual([])
  // the same browser's real choice is taken
  expect((await client.post('/cookies', valid)).status).toBe(302)
  expect((await ledgerRows({ visitorId })).map((r) => [r.purpose, r.action])).toEqual([
    ['analytics', 'given'],
    ['marketing', 'withdrawn'],
    ['external_media', 'withdrawn'],
  ])
})

test('the DPO queue search keeps its GET form and takes its limit from the filter schema', async ({ page, baseURL }) => {
  const { hostname } = new URL(baseURL!)
  const cookies = await sessionCookie(await createUser({ role: 'dpo' }))
  await page.context().addCookies([{ name: SESSION_COOKIE, value: cookies[SESSION_COOKIE], domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }])
  await page.goto('/dpo')
  const search = page.locator('input[name="q"]')
  await expect(search).toHaveAttribute('maxlength', '254')
  await expect(page.locator('form.queue-filter')).toHaveAttribute('method', 'get')
  const tooLong = await page.request.get(`/dpo?q=${'x'.repeat(255)}`)
  expect(tooLong.status()).toBe(400)
})
