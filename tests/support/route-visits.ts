// Every page of the portal and the state to show it in (anonymous with the cookie banner open, customer, DPO,
// field errors, error pages), for the checks that walk the whole product: tests/e2e/accessibility.spec.ts
// (WCAG 2.2 AA, reflow) and tests/e2e/i18n-no-english-in-german.spec.ts (no English in German pages).
// ROUTES names a page for every file in app/routes/, so a new route without an entry fails the first test.
import fs from 'node:fs'
import path from 'node:path'
import { expect, type Browser, type Page } from '@playwright/test'
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm'
import { db } from '#db/client.server'
import { DEMO_ACCOUNTS } from '#db/seed'
import { contactMessages, dataSubjectRequests, feedSubscriptions, forumPosts, outboxMessages, payments, policyVersions } from '#db/schema'
import { createUserSession, SESSION_COOKIE } from '~/lib/platform/auth.server'
import { signToken } from '~/lib/platform/tokens.server'
import { confirmRequestIdentity, fileRequestWithoutAccount, issueClarificationLink } from '~/lib/requests/dsr-public.server'
import { scheduleCancellation } from '~/lib/erasure/cancellation.server'
import { createUser, findUserByEmail, uniqueName } from './fixtures'

export const LANGUAGES = ['en', 'de'] as const
export type Language = (typeof LANGUAGES)[number]
export type Role = 'anonymous' | 'customer' | 'dpo'

export interface Visit {
  // what the visit shows, for the test title
  label: string
  as: Role
  path: string | (() => Promise<string>)
  status?: number
  // submit the page's form empty, so the field errors show
  submitEmpty?: boolean
}

// A page the demo customer's own data leads to (the seed gives them messages, posts, payments and requests).
async function demoCustomerId() {
  return (await findUserByEmail(DEMO_ACCOUNTS.customer.email)).id
}
async function firstOf<T>(rows: Promise<T[]>, what: string) {
  const [row] = await rows
  if (!row) throw new Error(`The demo data has no ${what}`)
  return row
}

// A request without an account, confirmed, so its private status link opens.
async function requestWithoutAccount() {
  const email = `${uniqueName('a11y')}@example.test`
  const filed = await fileRequestWithoutAccount({ email, form: { type: 'access', categorySlug: null, details: '' } })
  if (filed.state !== 'code_sent') throw new Error('expected a code')
  const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, email)).orderBy(desc(outboxMessages.id)).limit(1)
  const code = mail.text.match(/\b(\d{6})\b/)![1]
  const confirmed = await confirmRequestIdentity({ requestId: filed.requestId, verificationId: filed.verificationId, code })
  if (!confirmed.ok) throw new Error('could not confirm')
  return { requestId: filed.requestId, token: confirmed.accessToken }
}

export const ROUTES: Record<string, Visit[] | { skip: string }> = {
  '_index.tsx': [
    { label: 'start page', as: 'anonymous', path: '/' },
    { label: 'start page', as: 'customer', path: '/' },
  ],
  '$.tsx': [{ label: 'page not found', as: 'anonymous', path: '/no-such-page', status: 404 }],
  '$document.history._index.tsx': [{ label: 'versions of the privacy notice', as: 'anonymous', path: '/privacy/history' }],
  '$document.history.$number.tsx': [{ label: 'one version of the privacy notice', as: 'anonymous', path: '/privacy/history/1' }],
  'privacy.tsx': [{ label: 'privacy notice', as: 'anonymous', path: '/privacy' }],
  'terms.tsx': [{ label: 'terms', as: 'anonymous', path: '/terms' }],
  'transparency.tsx': [{ label: 'transparency report', as: 'anonymous', path: '/transparency' }],
  'cookies.tsx': [{ label: 'cookie settings', as: 'anonymous', path: '/cookies' }],
  'accessibility.tsx': [{ label: 'accessibility statement', as: 'anonymous', path: '/accessibility' }],
  'contact.tsx': [
    { label: 'contact form', as: 'anonymous', path: '/contact' },
    { label: 'contact form with field errors', as: 'anonymous', path: '/contact', submitEmpty: true },
  ],
  'feed._index.tsx': [{ label: 'comment feed', as: 'anonymous', path: '/feed' }],
  'feed.confirm.tsx': [
    {
      label: 'confirming a subscription',
      as: 'anonymous',
      path: async () => {
        const [s] = await db.insert(feedSubscriptions).values({ email: `${uniqueName('a11y')}@example.test`, topic: 'Kill switch', confirmedAt: null }).returning()
        return `/feed/confirm?token=${signToken({ purpose: 'feed-confirm', subject: String(s.id), expiresAt: new Date(Date.now() + 3600_000) })}`
      },
    },
    { label: 'a broken confirmation link', as: 'anonymous', path: '/feed/confirm?token=nonsense', status: 400 },
  ],
  'feed.unsubscribe.tsx': [{ label: 'a broken unsubscribe link', as: 'anonymous', path: '/feed/unsubscribe?token=nonsense', status: 400 }],
  'login.tsx': [
    { label: 'log in', as: 'anonymous', path: '/login' },
    { label: 'log in with field errors', as: 'anonymous', path: '/login', submitEmpty: true },
  ],
  'signup.tsx': [
    { label: 'sign up', as: 'anonymous', path: '/signup' },
    { label: 'sign up with field errors', as: 'anonymous', path: '/signup', submitEmpty: true },
  ],
  'verify-email.tsx': [{ label: 'confirm the email address', as: 'anonymous', path: '/verify-email' }],
  'requests.new.tsx': [
    { label: 'a request without an account', as: 'anonymous', path: '/requests/new' },
    { label: 'a request without an account, with field errors', as: 'anonymous', path: '/requests/new', submitEmpty: true },
    { label: 'a request as a customer', as: 'customer', path: '/requests/new' },
    { label: 'not allowed (403)', as: 'dpo', path: '/requests/new', status: 403 },
  ],
  'requests.status.$token.tsx': [{ label: 'status of a request without an account', as: 'anonymous', path: async () => `/requests/status/${(await requestWithoutAccount()).token}` }],
  'requests.status.clarify.$token.tsx': [
    {
      label: 'answering a question about a request',
      as: 'anonymous',
      path: async () => {
        const { requestId } = await requestWithoutAccount()
        const now = new Date()
        await db.update(dataSubjectRequests).set({ status: 'awaiting_clarification' }).where(eq(dataSubjectRequests.id, requestId))
        return new URL(await issueClarificationLink(db, { requestId, question: 'Which address did you use?', now })).pathname
      },
    },
  ],
  'account.cancel.undo.$token.tsx': [
    {
      label: 'undoing a cancellation',
      as: 'anonymous',
      path: async () => {
        const user = await createUser()
        await scheduleCancellation({ userId: user.id, actor: { type: 'customer', id: user.id } })
        const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, user.email)).orderBy(desc(outboxMessages.id)).limit(1)
        return mail.text.match(/\/account\/cancel\/undo\/[A-Za-z0-9_-]+/)![0]
      },
    },
    { label: 'an unknown undo link (404)', as: 'anonymous', path: `/account/cancel/undo/${'A'.repeat(43)}`, status: 404 },
  ],
  'account.email-not-me.tsx': [
    {
      label: 'reporting an email change',
      as: 'anonymous',
      path: async () => `/account/email-not-me?token=${signToken({ purpose: 'email-change-report', subject: '0', expiresAt: new Date(Date.now() + 3600_000) })}`,
    },
  ],
  'account._index.tsx': [{ label: 'account', as: 'customer', path: '/account' }],
  'account.sessions.tsx': [
    { label: 'sessions', as: 'customer', path: '/account/sessions' },
    { label: 'sessions', as: 'dpo', path: '/account/sessions' },
  ],
  'account.cancel._index.tsx': [{ label: 'cancel the account', as: 'customer', path: '/account/cancel' }],
  'consents.tsx': [{ label: 'consents', as: 'customer', path: '/consents' }],
  'my-data._index.tsx': [{ label: 'my data', as: 'customer', path: '/my-data' }],
  'my-data.$category.tsx': [
    { label: "a category's items as a table", as: 'customer', path: '/my-data/vpn_sessions' },
    { label: "a category's items as cards", as: 'customer', path: '/my-data/forum_posts' },
  ],
  'my-data.history.tsx': [{ label: 'history of changes', as: 'customer', path: '/my-data/history' }],
  'my-data.statement.tsx': [{ label: 'supplementary statement', as: 'customer', path: '/my-data/statement?category=payments' }],
  'my-data.correction.$category.tsx': [
    {
      label: 'asking for a correction of a payment',
      as: 'customer',
      path: async () => {
        const p = await firstOf(db.select({ id: payments.id }).from(payments).where(eq(payments.userId, await demoCustomerId())).limit(1), 'payment')
        return `/my-data/correction/payments?row=${p.id}`
      },
    },
  ],
  'my-data.edit.email.tsx': [{ label: 'changing the email address', as: 'customer', path: '/my-data/edit/email' }],
  'my-data.edit.username.tsx': [
    { label: 'changing the user name', as: 'customer', path: '/my-data/edit/username' },
    { label: 'changing the user name, with field errors', as: 'customer', path: '/my-data/edit/username', submitEmpty: true },
  ],
  'my-data.edit.settings.tsx': [{ label: 'changing settings', as: 'customer', path: '/my-data/edit/settings' }],
  'my-data.edit.forum-name.tsx': [{ label: 'changing the forum name', as: 'customer', path: '/my-data/edit/forum-name' }],
  'my-data.edit.contact.$id.tsx': [
    {
      label: 'correcting a contact message',
      as: 'customer',
      path: async () => {
        const m = await firstOf(db.select({ id: contactMessages.id }).from(contactMessages).where(eq(contactMessages.userId, await demoCustomerId())).limit(1), 'contact message')
        return `/my-data/edit/contact/${m.id}`
      },
    },
  ],
  'my-data.edit.forum-post.$id.tsx': [
    {
      label: 'correcting a forum post',
      as: 'customer',
      path: async () => `/my-data/edit/forum-post/${(await demoForumPost()).id}`,
    },
  ],
  'my-data.erase.$category.tsx': [{ label: 'erasing contact messages', as: 'customer', path: '/my-data/erase/contact_messages' }],
  'my-data.erase.forum-post.$id.tsx': [{ label: 'erasing a forum post', as: 'customer', path: async () => `/my-data/erase/forum-post/${(await demoForumPost()).id}` }],
  'requests._index.tsx': [{ label: 'my requests', as: 'customer', path: '/requests' }],
  'requests.$id.tsx': [
    {
      label: 'one of my requests',
      as: 'customer',
      path: async () => {
        const r = await firstOf(
          db.select({ id: dataSubjectRequests.id }).from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, await demoCustomerId())).orderBy(asc(dataSubjectRequests.id)).limit(1),
          'request',
        )
        return `/requests/${r.id}`
      },
    },
  ],
  'dpo.tsx': [{ label: 'not allowed for a customer (403)', as: 'customer', path: '/dpo', status: 403 }],
  'dpo._index.tsx': [{ label: 'request queue', as: 'dpo', path: '/dpo' }],
  'dpo.audit.tsx': [{ label: 'audit log', as: 'dpo', path: '/dpo/audit' }],
  'dpo.receipts.tsx': [{ label: 'deletion receipts', as: 'dpo', path: '/dpo/receipts' }],
  'dpo.reports.tsx': [{ label: 'reports', as: 'dpo', path: '/dpo/reports' }],
  'dpo.registry._index.tsx': [{ label: 'registry', as: 'dpo', path: '/dpo/registry' }],
  'dpo.registry.$section.tsx': [
    { label: 'registry: contacts', as: 'dpo', path: '/dpo/registry/contacts' },
    { label: 'registry: purposes', as: 'dpo', path: '/dpo/registry/purposes' },
  ],
  'dpo.policies._index.tsx': [{ label: 'policies', as: 'dpo', path: '/dpo/policies' }],
  'dpo.policies.new.tsx': [
    { label: 'a new policy version', as: 'dpo', path: '/dpo/policies/new?document=privacy' },
    { label: 'a new policy version, with field errors', as: 'dpo', path: '/dpo/policies/new?document=privacy', submitEmpty: true },
  ],
  'dpo.policies.$id.tsx': [
    {
      label: 'a policy version',
      as: 'dpo',
      path: async () => {
        const v = await firstOf(db.select({ id: policyVersions.id }).from(policyVersions).where(isNotNull(policyVersions.publishedAt)).orderBy(asc(policyVersions.id)).limit(1), 'policy version')
        return `/dpo/policies/${v.id}`
      },
    },
  ],
  'dpo.requests.$id.tsx': [
    {
      label: 'a request in the queue',
      as: 'dpo',
      path: async () => {
        const r = await firstOf(
          db.select({ id: dataSubjectRequests.id }).from(dataSubjectRequests).where(eq(dataSubjectRequests.userId, await demoCustomerId())).orderBy(asc(dataSubjectRequests.id)).limit(1),
          'request',
        )
        return `/dpo/requests/${r.id}`
      },
    },
  ],
  'dev.mailbox.tsx': [{ label: 'development mailbox', as: 'anonymous', path: '/dev/mailbox' }],
  'dev.mailbox.$id.tsx': [
    {
      label: 'a message in the development mailbox',
      as: 'anonymous',
      path: async () => {
        // a request without an account sends two emails: the code and the receipt
        await requestWithoutAccount()
        return `/dev/mailbox/${(await firstOf(db.select({ id: outboxMessages.id }).from(outboxMessages).orderBy(desc(outboxMessages.id)).limit(1), 'email')).id}`
      },
    },
  ],
  'dev.mailbox.$id.html.tsx': { skip: "an email's HTML as the mail client receives it, not a page of the portal" },
  'dpo.reports[.csv].tsx': { skip: 'a CSV file' },
  'my-data.download.tsx': { skip: 'a ZIP file' },
  'language.tsx': { skip: 'a form target that redirects' },
  'logout.tsx': { skip: 'a form target that redirects' },
  'dpo.audit.checkpoint.tsx': { skip: 'a form target that downloads a JSON file' },
  '[.well-known].gpc[.json].ts': { skip: 'a JSON file (tests/e2e/gpc.spec.ts)' },
}

async function demoForumPost() {
  return firstOf(
    db.select({ id: forumPosts.id }).from(forumPosts).where(and(eq(forumPosts.userId, await demoCustomerId()), isNotNull(forumPosts.body))).orderBy(asc(forumPosts.id)).limit(1),
    'forum post',
  )
}

export async function newPage(browser: Browser, baseURL: string, as: Role, language: Language) {
  const context = await browser.newContext({ locale: language === 'de' ? 'de-DE' : 'en-GB' })
  if (as !== 'anonymous') {
    const user = await findUserByEmail(as === 'dpo' ? DEMO_ACCOUNTS.dpo.email : DEMO_ACCOUNTS.customer.email)
    const cookie = await createUserSession(user.id, 'Playwright accessibility test')
    const value = cookie.split(';')[0].split('=')[1]
    await context.addCookies([{ name: SESSION_COOKIE, value, domain: new URL(baseURL).hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }])
  }
  return { context, page: await context.newPage() }
}

// The elements that stick out to the right of a narrow viewport, outside any scrolling region.
export async function widerThanViewport(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth <= width) return []
    const out: string[] = []
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      if (el.closest('.table-scroll, .visually-hidden, .skip-link')) continue
      const box = el.getBoundingClientRect()
      if (box.right > width + 1 && !Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 1)) {
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}: ${Math.round(box.right)}px`)
      }
    }
    return out.length ? out.slice(0, 10) : [`the page is ${document.documentElement.scrollWidth}px wide`]
  })
}


// Every visit with its route file, in the order of ROUTES.
export function allVisits() {
  return Object.entries(ROUTES).flatMap(([file, visits]) => (Array.isArray(visits) ? visits.map((visit) => ({ file, visit })) : []))
}

export function routeFiles() {
  return fs
    .readdirSync(path.join(process.cwd(), 'app', 'routes'))
    .filter((f) => /\.tsx?$/.test(f))
    .sort()
}

// Opens the visit's page and checks its status; with submitEmpty, submits the page's form empty so the field errors show.
export async function openVisit(page: Page, visit: Visit) {
  const url = typeof visit.path === 'string' ? visit.path : await visit.path()
  const response = await page.goto(url)
  expect(response!.status(), url).toBe(visit.status ?? 200)
  if (visit.submitEmpty) {
    // the browser's own required-field check would stop the submission before our messages show
    await page.locator('form').evaluateAll((forms) => forms.forEach((f) => ((f as HTMLFormElement).noValidate = true)))
    const form = page.locator('main form').filter({ has: page.locator('input:not([type="hidden"]), textarea, select') }).first()
    await form.locator('input[type="text"], input[type="email"], input[type="password"], textarea').evaluateAll((els) => els.forEach((e) => ((e as HTMLInputElement).value = '')))
    await form.locator('button[type="submit"]').first().click()
    await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible()
  }
  return url
}
