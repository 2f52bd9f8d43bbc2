// Issue 11, item 6: nothing in the sign-up flow or on /requests/new tells whether an address already has
// an account or already sent the same request. Each flow is run over HTTP for a taken and a new address,
// each from a connection of its own, and every answer (status, redirect, visible text) is compared.
import { expect, test } from '@playwright/test'
import { and, desc, eq, sql } from 'drizzle-orm'
import { db } from '#db/client.server'
import { dataSubjectRequests, outboxMessages, users } from '#db/schema'
import { MAX_CODE_ATTEMPTS } from '~/lib/platform/verification.server'
import { createUser, uniqueName } from '../support/fixtures'
import { LoopbackClient, visibleMainText, type PlainResponse } from '../support/loopback-client'

// What someone watching the answers sees: the status, where it leads, and the page text.
function seen(response: PlainResponse, ...personal: string[]) {
  let text = visibleMainText(response.body)
  for (const value of personal) text = text.split(value).join('<personal>')
  return { status: response.status, location: response.location ?? null, text }
}

async function lastCodeTo(email: string, template: string) {
  const [mail] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, email), eq(outboxMessages.template, template)))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  return mail?.text.match(/\b(\d{6})\b/)?.[1]
}

// The whole sign-up flow as one browser sees it, short of the right code.
async function signUpAndFumble(baseURL: string, { username, email }: { username: string; email: string }) {
  const browser = new LoopbackClient(baseURL)
  const steps: ReturnType<typeof seen>[] = []
  const signup = await browser.post('/signup', { username, email, password: 'a long enough password', ageConfirmed: 'on' })
  steps.push(seen(signup))
  steps.push(seen(await browser.get('/verify-email')))
  const wrong = (await lastCodeTo(email, 'verify-email')) === '000000' ? '111111' : '000000'
  for (let i = 0; i < MAX_CODE_ATTEMPTS + 1; i++) steps.push(seen(await browser.post('/verify-email', { intent: 'verify', code: wrong })))
  const resend = await browser.post('/verify-email', { intent: 'resend' })
  steps.push(seen(resend))
  steps.push(seen(await browser.get('/verify-email?resent=1')))
  const wrongAgain = (await lastCodeTo(email, 'verify-email')) === '000000' ? '111111' : '000000'
  steps.push(seen(await browser.post('/verify-email', { intent: 'verify', code: wrongAgain })))
  return steps
}

test('every answer of the sign-up flow is the same for a taken and a new address', async ({ baseURL }) => {
  const owner = await createUser()
  const taken = await signUpAndFumble(baseURL!, { username: uniqueName('taken'), email: owner.email })
  const fresh = await signUpAndFumble(baseURL!, { username: uniqueName('fresh'), email: `${uniqueName('fresh')}@example.test` })
  expect(taken).toEqual(fresh)
  expect(fresh[0]).toMatchObject({ status: 302, location: '/verify-email' })
  // what actually happened differs only in the mailboxes: the owner was told, nobody was created
  const [mail] = await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, owner.email))
  expect(mail.template).toBe('account-exists')
  expect(await db.select().from(users).where(eq(users.email, owner.email))).toHaveLength(1)
})

test('a taken username is said the same way whether or not the address is taken too', async ({ baseURL }) => {
  // the address holder first: a lookup that stops at the first match then finds that account, not the name
  const addressHolder = await createUser()
  const nameHolder = await createUser()
  const withTakenAddress = await new LoopbackClient(baseURL!).post('/signup', {
    username: nameHolder.username,
    email: addressHolder.email,
    password: 'a long enough password',
    ageConfirmed: 'on',
  })
  const newAddress = `${uniqueName('new')}@example.test`
  const withNewAddress = await new LoopbackClient(baseURL!).post('/signup', {
    username: nameHolder.username,
    email: newAddress,
    password: 'a long enough password',
    ageConfirmed: 'on',
  })
  expect(seen(withTakenAddress, addressHolder.email)).toEqual(seen(withNewAddress, newAddress))
  expect(withNewAddress.status).toBe(400)
  expect(visibleMainText(withNewAddress.body)).toContain('This username is taken.')
  // and the holder of the address got no email: nothing was attempted for it
  expect(await db.select().from(outboxMessages).where(eq(outboxMessages.toAddress, addressHolder.email))).toEqual([])
})

// --- /requests/new ------------------------------------------------------------------------------

const FORM = { intent: 'file', type: 'access', categorySlug: '', details: 'Which of my forum posts do you hold?' }

async function file(client: LoopbackClient, email: string) {
  const filed = await client.post('/requests/new', { ...FORM, email })
  const page = await client.get('/requests/new')
  return { filed, page }
}

test('sending a request that was already sent and confirmed looks like any first request, and is merged', async ({ baseURL }) => {
  const person = `${uniqueName('nora')}@example.test`
  const newcomer = `${uniqueName('nina')}@example.test`

  // the person files and confirms
  const own = new LoopbackClient(baseURL!)
  await file(own, person)
  const confirmed = await own.post('/requests/new', { intent: 'verify', code: (await lastCodeTo(person, 'request-identity-code'))! })
  expect(confirmed.status).toBe(302)
  const statusPage = confirmed.location!.replace(/\?.*$/, '')

  // minutes later someone sends the very same request for that address; someone else files a first request
  const again = await file(new LoopbackClient(baseURL!), person)
  const first = await file(new LoopbackClient(baseURL!), newcomer)
  // the page masks the address ("n•••@example.test"); only that differs
  const mask = (email: string) => `${email[0]}•••@${email.split('@')[1]}`
  expect(seen(again.filed)).toEqual(seen(first.filed))
  expect(seen(again.filed)).toMatchObject({ status: 302, location: '/requests/new' })
  expect(seen(again.page, mask(person))).toEqual(seen(first.page, mask(newcomer)))

  // still one request for the person; the code sent for the repeat leads back to it
  const rows = await db.select().from(dataSubjectRequests).where(sql`lower(${dataSubjectRequests.email}) = ${person}`)
  expect(rows).toHaveLength(1)
  const repeatBrowser = new LoopbackClient(baseURL!)
  await file(repeatBrowser, person)
  const reopened = await repeatBrowser.post('/requests/new', { intent: 'verify', code: (await lastCodeTo(person, 'request-identity-code'))! })
  expect(reopened.status).toBe(302)
  expect(reopened.location!.replace(/\?.*$/, '')).toBe(statusPage)
  expect(await db.select().from(dataSubjectRequests).where(sql`lower(${dataSubjectRequests.email}) = ${person}`)).toHaveLength(1)
})
