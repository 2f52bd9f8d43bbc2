// Fills the registry from the policies and adds demo people. `npm run db:seed` resets and reseeds;
// `npm start` calls seedDatabase with reset: false, which seeds an empty database once.
import { randomUUID } from 'node:crypto'
import { eq, getTableName, is, sql } from 'drizzle-orm'
import { PgTable } from 'drizzle-orm/pg-core'
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { hashPassword } from '../app/lib/platform/password.server'
import { withChangeContext } from '../app/lib/requests/archive.server'
import type { Transaction } from './client.server'
import { migrateDatabase } from './migrate'
import { withDatabase } from './runtime'
import * as schema from './schema'
import {
  AFFILIATE_PARTNERS,
  buildPayments,
  buildVpnSessions,
  CONTACT_MESSAGES,
  CUSTOMERS,
  DAY,
  DEMO_ACCOUNTS,
  DPO_REGISTERED_DAYS_AGO,
  FEED_SUBSCRIPTIONS,
  FORUM_THREADS,
  OUTSIDERS,
  type ForumThreadKey,
  type PersonKey,
} from './seed-data/demo'
import { seedDemoRequests } from './seed-data/demo-requests'
import { fillGermanPolicyTexts, seedPolicies } from './seed-data/policies'
import { createRandom } from './seed-data/random'
import {
  DATA_CATEGORIES,
  LEGAL_BASES,
  PURPOSES,
  RECIPIENTS,
  REGISTRY_CONTACTS,
  REGISTRY_SETTINGS,
  RETENTION_RULES,
} from './seed-data/registry'

export { DEMO_ACCOUNTS } from './seed-data/demo'

const {
  affiliatePartners,
  consents,
  contactMessages,
  dataCategories,
  feedSubscriptions,
  forumPosts,
  legalBases,
  payments,
  policyVersions,
  purposeRecipients,
  purposes,
  recipients,
  referrals,
  registryContacts,
  registrySettings,
  retentionRules,
  trafficUsage,
  users,
  userSettings,
  vpnSessions,
} = schema

export interface SeedResult {
  // false when the database already had a registry and reset was not asked for
  seeded: boolean
  // rows inserted per table
  counts: Record<string, number>
}

export async function seedDatabase(url: string, { reset, demo = true }: { reset: boolean; demo?: boolean }): Promise<SeedResult> {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  const db = drizzle(client, { schema })
  try {
    return await db.transaction(async (tx) => {
      // two processes starting on an empty database would otherwise both seed it
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('dsr-portal:seed'))`)
      if (reset) {
        await truncateApplicationTables(tx)
      } else if ((await tx.$count(registryContacts)) > 0) {
        // a database seeded before the German texts existed gets them now; every later start finds none missing
        return { seeded: false, counts: await fillMissingGermanTexts(tx) }
      }
      const counts: Record<string, number> = {}
      const count = <T>(table: PgTable, rows: T[]) => {
        counts[getTableName(table)] = (counts[getTableName(table)] ?? 0) + rows.length
        return rows
      }
      const now = new Date()
      const registry = await seedRegistry(tx, count)
      const policies = await seedPolicies(tx, now)
      count(policyVersions, policies.versions)
      if (demo) await seedDemoData(tx, { ...registry, privacyLabelAt: policies.privacyLabelAt }, now, count)
      return { seeded: true, counts }
    })
  } finally {
    await client.end()
  }
}

type CountRows = <T>(table: PgTable, rows: T[]) => T[]

// Every table the schema declares (drizzle's own migration table lives in another schema and is kept).
async function truncateApplicationTables(tx: Transaction) {
  const names = (Object.values(schema) as unknown[])
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => `"${getTableName(table)}"`)
  await tx.execute(sql.raw(`TRUNCATE TABLE ${names.join(', ')} RESTART IDENTITY CASCADE`))
}

// Resolves a slug to the id it got on insert; a typo fails the seed instead of storing a wrong reference.
function idsBySlug(rows: { id: number; slug: string }[]) {
  const ids = new Map(rows.map((row) => [row.slug, row.id]))
  return (slug: string) => {
    const id = ids.get(slug)
    if (id === undefined) throw new Error(`Seed refers to unknown slug "${slug}"`)
    return id
  }
}

async function seedRegistry(tx: Transaction, count: CountRows) {
  count(registryContacts, await tx.insert(registryContacts).values([...REGISTRY_CONTACTS]).returning())
  count(registrySettings, await tx.insert(registrySettings).values([...REGISTRY_SETTINGS]).returning())
  const legalBasisId = idsBySlug(count(legalBases, await tx.insert(legalBases).values([...LEGAL_BASES]).returning()))
  const retentionRuleId = idsBySlug(count(retentionRules, await tx.insert(retentionRules).values([...RETENTION_RULES]).returning()))
  const recipientId = idsBySlug(count(recipients, await tx.insert(recipients).values([...RECIPIENTS]).returning()))

  const purposeRows = PURPOSES.map((purpose, index) => ({
    slug: purpose.slug,
    name: purpose.name,
    nameDe: purpose.nameDe,
    description: purpose.description,
    descriptionDe: purpose.descriptionDe,
    legalBasisId: legalBasisId(purpose.legalBasis),
    retentionRuleId: retentionRuleId(purpose.retention),
    consentRequired: purpose.consentRequired,
    cookieCategory: purpose.cookieCategory,
    sortOrder: (index + 1) * 10,
  }))
  const purposeId = idsBySlug(count(purposes, await tx.insert(purposes).values(purposeRows).returning()))

  const links = PURPOSES.flatMap((purpose) =>
    purpose.recipients.map((recipient) => ({ purposeId: purposeId(purpose.slug), recipientId: recipientId(recipient) })),
  )
  count(purposeRecipients, await tx.insert(purposeRecipients).values(links).returning())

  const categoryRows = DATA_CATEGORIES.map((category, index) => ({
    slug: category.slug,
    name: category.name,
    nameDe: category.nameDe,
    description: category.description,
    descriptionDe: category.descriptionDe,
    fields: category.fields,
    fieldsDe: category.fieldsDe,
    purposeId: purposeId(category.purpose),
    retentionRuleId: retentionRuleId(category.retention),
    source: category.source,
    sortOrder: (index + 1) * 10,
  }))
  count(dataCategories, await tx.insert(dataCategories).values(categoryRows).returning())

  return { purposeId, recipientId }
}

/**
 * German texts missing from registry rows and policy versions seeded before they existed, from the seed
 * data, only where the German text is still empty: what the DPO wrote is never overwritten. The archive
 * of registry changes records it as a change by the system. Returns how many rows got German text.
 */
async function fillMissingGermanTexts(tx: Transaction) {
  const counts: Record<string, number> = {}
  const empty = (v: string | null | undefined) => v === null || v === undefined || v === ''
  // only the columns still empty, for rows whose English the German belongs to
  function missing<R extends Record<string, unknown>>(row: R, seed: Record<string, unknown>, pairs: [keyof R & string, keyof R & string][]) {
    const set: Record<string, unknown> = {}
    for (const [english, german] of pairs) {
      if (row[english] !== null && empty(row[german] as string | null) && !empty(seed[german] as string | null)) set[german] = seed[german]
    }
    return set
  }
  async function fill<T extends typeof legalBases | typeof retentionRules | typeof recipients | typeof purposes | typeof dataCategories>(
    table: T,
    seeds: readonly { slug: string }[],
    pairs: [string, string][],
  ) {
    const rows = (await tx.select().from(table as PgTable)) as ({ id: number; slug: string } & Record<string, unknown>)[]
    let n = 0
    for (const row of rows) {
      const seed = seeds.find((s) => s.slug === row.slug) as Record<string, unknown> | undefined
      if (!seed) continue
      const set = missing(row, seed, pairs)
      if (row.fieldsDe !== undefined && (row.fieldsDe as string[]).length === 0 && (row.fields as string[]).length > 0 && Array.isArray(seed.fieldsDe)) set.fieldsDe = seed.fieldsDe
      if (Object.keys(set).length === 0) continue
      if (n === 0 && Object.keys(counts).length === 0) await withChangeContext(tx, { actor: { type: 'system', id: null }, reason: 'Registry: German texts added from the seed data' })
      await tx.update(table).set(set as never).where(eq(table.id, row.id))
      n++
    }
    if (n > 0) counts[getTableName(table)] = n
  }
  await fill(legalBases, LEGAL_BASES, [['article', 'articleDe'], ['description', 'descriptionDe']])
  await fill(retentionRules, RETENTION_RULES, [['name', 'nameDe'], ['description', 'descriptionDe'], ['legalReason', 'legalReasonDe']])
  await fill(recipients, RECIPIENTS, [['name', 'nameDe'], ['service', 'serviceDe'], ['country', 'countryDe'], ['safeguards', 'safeguardsDe']])
  await fill(purposes, PURPOSES, [['name', 'nameDe'], ['description', 'descriptionDe']])
  await fill(dataCategories, DATA_CATEGORIES, [['name', 'nameDe'], ['description', 'descriptionDe']])
  // after the registry: the seeded privacy notices are generated from its German texts
  const versions = await fillGermanPolicyTexts(tx)
  if (versions > 0) counts[getTableName(policyVersions)] = versions
  return counts
}

type Registry = Awaited<ReturnType<typeof seedRegistry>> & { privacyLabelAt(at: Date): string }
type ConsentMethod = (typeof schema.consentMethod.enumValues)[number]

interface Person {
  userId: string | null
  // the forum user name
  name: string
  email: string
}

// Builds rows relative to one "now"; the ledger collects consents from every step so they match the data.
function demoContext(registry: Registry, now: Date) {
  const consentRows: (typeof consents.$inferInsert)[] = []
  return {
    registry,
    now,
    random: createRandom(20261101),
    daysAgo: (days: number, plusMinutes = 0) => new Date(now.getTime() - days * DAY + plusMinutes * 60_000),
    consentRows,
    recordConsent(p: Person, purpose: string, action: 'given' | 'withdrawn', method: ConsentMethod, createdAt: Date) {
      // the account if there is one, otherwise the email address the person gave
      const subject = p.userId ? { userId: p.userId } : { email: p.email }
      consentRows.push({ ...subject, purposeId: registry.purposeId(purpose), action, method, policyVersion: registry.privacyLabelAt(createdAt), createdAt })
    },
  }
}

type DemoContext = ReturnType<typeof demoContext>

async function seedDemoData(tx: Transaction, registry: Registry, now: Date, count: CountRows) {
  const ctx = demoContext(registry, now)
  const userIds = await seedAccounts(tx, ctx, count)
  const people = new Map<PersonKey, Person>([
    ...CUSTOMERS.map(({ account }) => [account.username, { userId: userIds.get(account.username)!, name: account.username, email: account.email }] as const),
    ...OUTSIDERS.map(({ key, email }) => [key, { userId: null, name: key, email }] as const),
  ])
  const person = (key: PersonKey) => people.get(key)!

  await seedCustomerRecords(tx, ctx, person, count)
  await seedContactMessages(tx, ctx, person, count)
  const threads = await seedForum(tx, ctx, person, count)
  await seedFeedSubscriptions(tx, ctx, person, threads, count)
  await seedDemoRequests(tx, { now, userIds, count })
  count(consents, await tx.insert(consents).values(ctx.consentRows).returning({ id: consents.id }))
}

async function seedAccounts(tx: Transaction, { daysAgo, now }: DemoContext, count: CountRows) {
  const accounts = [
    { account: DEMO_ACCOUNTS.dpo, role: 'dpo' as const, registeredDaysAgo: DPO_REGISTERED_DAYS_AGO, expiresInDays: null, subscriptionActive: false },
    ...CUSTOMERS.map((c) => ({
      account: c.account,
      role: 'customer' as const,
      registeredDaysAgo: c.registeredDaysAgo,
      expiresInDays: c.accountExpiresInDays,
      subscriptionActive: c.subscriptionActive,
    })),
  ]
  const rows = await Promise.all(
    accounts.map(async ({ account, role, registeredDaysAgo, expiresInDays, subscriptionActive }) => ({
      id: randomUUID(),
      username: account.username,
      email: account.email,
      passwordHash: await hashPassword(account.password),
      role,
      status: 'active' as const,
      emailVerifiedAt: daysAgo(registeredDaysAgo, 6),
      accountExpiresAt: expiresInDays === null ? null : new Date(now.getTime() + expiresInDays * DAY),
      subscriptionActive,
      ageConfirmedAt: daysAgo(registeredDaysAgo),
      createdAt: daysAgo(registeredDaysAgo),
      updatedAt: daysAgo(registeredDaysAgo),
    })),
  )
  count(users, await tx.insert(users).values(rows).returning({ id: users.id }))
  return new Map(rows.map((u) => [u.username, u.id]))
}

// What the VPN service keeps per customer: payments, sessions, traffic, settings, referral, cookie choices.
async function seedCustomerRecords(tx: Transaction, ctx: DemoContext, person: (key: PersonKey) => Person, count: CountRows) {
  const { daysAgo, now, random, registry } = ctx
  const partners = count(
    affiliatePartners,
    await tx.insert(affiliatePartners).values(AFFILIATE_PARTNERS.map(({ name, contactEmail }) => ({ name, contactEmail }))).returning(),
  )
  const partnerId = (key: string) => partners[AFFILIATE_PARTNERS.findIndex((p) => p.key === key)].id
  const currentMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10)
  const customers = CUSTOMERS.map((profile) => ({ profile, userId: person(profile.account.username).userId! }))

  const paymentRows = customers.flatMap(({ profile, userId }) => buildPayments(userId, profile, registry.recipientId, now, random))
  const sessionRows = customers.flatMap(({ profile, userId }) => buildVpnSessions(userId, profile, now, random))
  const trafficRows = customers.map(({ profile, userId }) => ({ userId, month: currentMonth, bytesUsed: profile.trafficBytesThisMonth, updatedAt: now }))
  const settingRows = customers.flatMap(({ profile, userId }) =>
    profile.settings.map(([key, value]) => ({ userId, key, value, updatedAt: daysAgo(random.int(1, profile.registeredDaysAgo)) })),
  )
  const referralRows = customers.flatMap(({ profile, userId }) =>
    profile.referredBy ? [{ userId, affiliatePartnerId: partnerId(profile.referredBy), referredAt: daysAgo(profile.registeredDaysAgo) }] : [],
  )
  count(payments, await tx.insert(payments).values(paymentRows).returning({ id: payments.id }))
  count(vpnSessions, await tx.insert(vpnSessions).values(sessionRows).returning({ id: vpnSessions.id }))
  count(trafficUsage, await tx.insert(trafficUsage).values(trafficRows).returning({ userId: trafficUsage.userId }))
  count(userSettings, await tx.insert(userSettings).values(settingRows).returning({ userId: userSettings.userId }))
  count(referrals, await tx.insert(referrals).values(referralRows).returning({ userId: referrals.userId }))

  for (const { profile } of customers) {
    for (const choice of profile.cookieChoices) {
      // the cookie banner comes before the registration form
      for (const purpose of choice.purposes) {
        ctx.recordConsent(person(profile.account.username), purpose, choice.action, choice.method, daysAgo(choice.daysAgo, -5))
      }
    }
  }
}

async function seedContactMessages(tx: Transaction, ctx: DemoContext, person: (key: PersonKey) => Person, count: CountRows) {
  const rows = CONTACT_MESSAGES.map(({ sender, name, daysAgo, answeredAfterDays, message }) => {
    const p = person(sender)
    const createdAt = ctx.daysAgo(daysAgo, ctx.random.int(0, 600))
    ctx.recordConsent(p, 'contact_form', 'given', 'contact_form', createdAt)
    const answeredAt = answeredAfterDays === null ? null : ctx.daysAgo(daysAgo - answeredAfterDays)
    return { userId: p.userId, name, email: p.email, message, createdAt, answeredAt }
  })
  count(contactMessages, await tx.insert(contactMessages).values(rows).returning({ id: contactMessages.id }))
}

// Threads first, then their comments, which need the thread's id as parent.
async function seedForum(tx: Transaction, ctx: DemoContext, person: (key: PersonKey) => Person, count: CountRows) {
  const firstEntry = new Map<PersonKey, Date>()
  const entry = (author: PersonKey, createdAt: Date, body: string) => {
    const earliest = firstEntry.get(author)
    if (!earliest || createdAt < earliest) firstEntry.set(author, createdAt)
    const p = person(author)
    return { userId: p.userId, authorName: p.name, authorEmail: p.email, body, createdAt }
  }
  const threadRows = FORUM_THREADS.map((t) => ({ ...entry(t.author, ctx.daysAgo(t.daysAgo), t.body), title: t.title }))
  const inserted = count(forumPosts, await tx.insert(forumPosts).values(threadRows).returning({ id: forumPosts.id }))
  const threads = new Map(FORUM_THREADS.map((t, i) => [t.key, { id: inserted[i].id, title: t.title }]))

  // comments land some minutes after the day's thread so they never precede it
  const commentRows = FORUM_THREADS.flatMap((t) =>
    t.comments.map((c) => ({ ...entry(c.author, ctx.daysAgo(c.daysAgo, ctx.random.int(20, 300)), c.body), parentId: threads.get(t.key)!.id })),
  )
  count(forumPosts, await tx.insert(forumPosts).values(commentRows).returning({ id: forumPosts.id }))

  // joining the forum (and consenting) happens just before the first post or comment
  for (const [author, first] of firstEntry) ctx.recordConsent(person(author), 'forum', 'given', 'forum_signup', new Date(first.getTime() - 2 * 60_000))
  return threads
}

async function seedFeedSubscriptions(
  tx: Transaction,
  ctx: DemoContext,
  person: (key: PersonKey) => Person,
  threads: Map<ForumThreadKey, { id: number; title: string }>,
  count: CountRows,
) {
  const rows = FEED_SUBSCRIPTIONS.map(({ subscriber, thread, daysAgo, confirmedAfterMinutes }) => {
    const p = person(subscriber)
    const confirmedAt = confirmedAfterMinutes === null ? null : ctx.daysAgo(daysAgo, confirmedAfterMinutes)
    // double opt-in: the consent exists only once the link in the email was clicked
    if (confirmedAt) ctx.recordConsent(p, 'comment_feed', 'given', 'feed_subscription', confirmedAt)
    return { userId: p.userId, email: p.email, topic: threads.get(thread)!.title, createdAt: ctx.daysAgo(daysAgo), confirmedAt }
  })
  count(feedSubscriptions, await tx.insert(feedSubscriptions).values(rows).returning({ id: feedSubscriptions.id }))
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await withDatabase(async (url) => {
    await migrateDatabase(url)
    const { counts } = await seedDatabase(url, { reset: true })
    console.log('Seeded:')
    console.table(counts)
    console.log('Demo logins:')
    console.table(Object.entries(DEMO_ACCOUNTS).map(([who, a]) => ({ who, username: a.username, email: a.email, password: a.password })))
  })
}
