// Demo people and their history. Times are "days ago" so the data always looks current; seed.ts turns
// them into rows. Every address, IP and domain is from a range reserved for documentation.
import type { consentMethod, payments, vpnSessions } from '../schema'
import type { PurposeSlug, RecipientSlug } from './registry'
import type { Random } from './random'

export const DEMO_ACCOUNTS = {
  customer: { username: 'demo', email: 'demo@example.com', password: 'demo-password-2026' },
  secondCustomer: { username: 'erika', email: 'erika@example.com', password: 'erika-password-2026' },
  dpo: { username: 'dpo', email: 'dpo@example.com', password: 'dpo-password-2026' },
} as const

export type DemoAccount = (typeof DEMO_ACCOUNTS)[keyof typeof DEMO_ACCOUNTS]

export const DPO_REGISTERED_DAYS_AGO = 800

export const AFFILIATE_PARTNERS = [
  { key: 'privacy_tools_review', name: 'Privacy Tools Review', contactEmail: 'partners@privacy-tools-review.example' },
  { key: 'secure_streaming_blog', name: 'Secure Streaming Blog', contactEmail: 'affiliates@secure-streaming.example' },
] as const

type AffiliatePartnerKey = (typeof AFFILIATE_PARTNERS)[number]['key']
type ConsentMethod = (typeof consentMethod.enumValues)[number]
type CookiePurpose = Extract<PurposeSlug, 'analytics' | 'marketing' | 'external_media'>
type PaymentProvider = Extract<RecipientSlug, 'paymentwall' | 'paypal'>

interface CookieChoice {
  daysAgo: number
  action: 'given' | 'withdrawn'
  method: ConsentMethod
  purposes: readonly CookiePurpose[]
}

export interface CustomerProfile {
  account: DemoAccount
  registeredDaysAgo: number
  accountExpiresInDays: number
  subscriptionActive: boolean
  payments: readonly { daysAgo: number; provider: PaymentProvider; amountCents: number }[]
  // most sessions come from a few usual addresses (home, phone); the rest from anywhere
  vpnSessions: { count: number; overDays: number; usualIps: readonly string[] }
  trafficBytesThisMonth: number
  settings: readonly (readonly [key: string, value: string])[]
  referredBy: AffiliatePartnerKey | null
  cookieChoices: readonly CookieChoice[]
}

const GIB = 1024 ** 3

export const CUSTOMERS: readonly CustomerProfile[] = [
  {
    account: DEMO_ACCOUNTS.customer,
    registeredDaysAgo: 730,
    accountExpiresInDays: 152,
    subscriptionActive: true,
    // quarterly through Paymentwall, then a PayPal subscription; the last renewal was for six months
    payments: [
      { daysAgo: 730, provider: 'paymentwall', amountCents: 2997 },
      { daysAgo: 640, provider: 'paymentwall', amountCents: 2997 },
      { daysAgo: 550, provider: 'paymentwall', amountCents: 2997 },
      { daysAgo: 460, provider: 'paymentwall', amountCents: 2997 },
      { daysAgo: 370, provider: 'paypal', amountCents: 2997 },
      { daysAgo: 280, provider: 'paypal', amountCents: 2997 },
      { daysAgo: 190, provider: 'paypal', amountCents: 2997 },
      { daysAgo: 30, provider: 'paypal', amountCents: 5394 },
    ],
    // 120 days on purpose: the oldest month is past the 90-day limit, for the retention job to purge
    vpnSessions: { count: 300, overDays: 120, usualIps: ['198.51.100.23', '203.0.113.77', '2001:db8:4f2a:17::1c'] },
    trafficBytesThisMonth: Math.round(36.4 * GIB),
    settings: [
      ['protocol', 'wireguard'],
      ['kill_switch', 'on'],
      ['dns', 'perfect-privacy'],
      ['port_forwarding', 'off'],
      ['ipv6_leak_protection', 'on'],
    ],
    referredBy: 'privacy_tools_review',
    cookieChoices: [
      { daysAgo: 730, action: 'given', method: 'banner_accept_all', purposes: ['analytics', 'marketing', 'external_media'] },
      { daysAgo: 40, action: 'withdrawn', method: 'settings_toggle', purposes: ['analytics'] },
    ],
  },
  {
    account: DEMO_ACCOUNTS.secondCustomer,
    registeredDaysAgo: 200,
    accountExpiresInDays: 195,
    subscriptionActive: false,
    payments: [
      { daysAgo: 200, provider: 'paymentwall', amountCents: 1299 },
      { daysAgo: 170, provider: 'paymentwall', amountCents: 10740 },
    ],
    vpnSessions: { count: 25, overDays: 60, usualIps: ['192.0.2.45', '2001:db8:beef:1::45'] },
    trafficBytesThisMonth: Math.round(5.2 * GIB),
    settings: [
      ['protocol', 'openvpn-udp'],
      ['kill_switch', 'off'],
    ],
    referredBy: null,
    cookieChoices: [{ daysAgo: 200, action: 'withdrawn', method: 'banner_reject_all', purposes: ['analytics', 'marketing', 'external_media'] }],
  },
]

// People without an account who still left data; they prove control of their email address.
export const OUTSIDERS = [
  { key: 'nightowl', email: 'nightowl@example.org' },
  { key: 'paket_pete', email: 'pete@example.net' },
] as const

export type PersonKey = DemoAccount['username'] | (typeof OUTSIDERS)[number]['key']

export const CONTACT_MESSAGES: readonly {
  sender: PersonKey
  // the name typed into the form, which need not be the user name
  name: string
  daysAgo: number
  answeredAfterDays: number | null
  message: string
}[] = [
  {
    sender: 'demo',
    name: 'Alex Demo',
    daysAgo: 40,
    answeredAfterDays: 1,
    message:
      'Hello, your privacy notice says that VPN sessions are kept for 90 days. Do these records include the websites I ' +
      'visit, or only when I connected? Thanks, Alex',
  },
  {
    sender: 'demo',
    name: 'Alex Demo',
    daysAgo: 3,
    answeredAfterDays: null,
    message:
      'Could you send me an invoice for my last PayPal payment with my company address? ' +
      'Demo Consulting, Musterweg 1, 12345 Beispielstadt.',
  },
  {
    sender: 'erika',
    name: 'Erika Mustermann',
    daysAgo: 60,
    answeredAfterDays: 1,
    message: 'Do you offer a discount for students? I would like to switch to a yearly plan.',
  },
]

interface ForumEntry {
  author: PersonKey
  daysAgo: number
  body: string
}

interface ForumThread extends ForumEntry {
  key: string
  title: string
  comments: readonly ForumEntry[]
}

export const FORUM_THREADS = [
  {
    key: 'wireguard_openwrt',
    author: 'demo',
    daysAgo: 330,
    title: 'WireGuard on OpenWrt: handshake every two minutes',
    body:
      'I run WireGuard on an OpenWrt router with the Amsterdam servers. The tunnel works, but the log shows a new handshake ' +
      'every two minutes and some downloads stall for a second. Is that expected?',
    comments: [
      {
        author: 'nightowl',
        daysAgo: 330,
        body: 'The handshakes are normal, WireGuard rotates its keys on purpose. The stalls sound like MTU: try 1380 instead of 1420.',
      },
      { author: 'demo', daysAgo: 329, body: 'MTU 1380 fixed it. Thank you!' },
    ],
  },
  {
    key: 'kill_switch_lan',
    author: 'nightowl',
    daysAgo: 210,
    title: 'Kill switch blocks the printer on my LAN',
    body: 'With the kill switch on I can no longer print to the printer in my local network. Can I allow LAN traffic without a leak?',
    comments: [
      {
        author: 'demo',
        daysAgo: 209,
        body: 'There is an option to allow LAN access. It only opens the private address ranges; everything else still goes through the tunnel.',
      },
      { author: 'erika', daysAgo: 205, body: 'Same here, and the LAN option works on Windows too.' },
    ],
  },
  {
    key: 'port_forwarding_ipv6',
    author: 'demo',
    daysAgo: 150,
    title: 'Port forwarding with IPv6?',
    body: 'Does port forwarding also work for IPv6 connections, or only for IPv4?',
    comments: [
      { author: 'erika', daysAgo: 149, body: 'I would like to know this too.' },
      { author: 'paket_pete', daysAgo: 148, body: 'IPv4 only, as far as I know: forwarded ports are opened on the exit IPv4 address.' },
    ],
  },
  {
    key: 'hotel_wifi',
    author: 'paket_pete',
    daysAgo: 95,
    title: 'Which protocol gets through hotel Wi-Fi?',
    body: 'The hotel Wi-Fi blocks everything except ports 80 and 443. Which protocol works most reliably?',
    comments: [{ author: 'demo', daysAgo: 94, body: 'OpenVPN over TCP 443 with stealth enabled has always worked for me in hotels.' }],
  },
  {
    key: 'zurich_evening',
    author: 'demo',
    daysAgo: 45,
    title: 'Evening speeds on zurich-1',
    body: 'Since last week zurich-1 drops to about 20 Mbit/s in the evening, while other servers are fine. Anyone else?',
    comments: [{ author: 'paket_pete', daysAgo: 44, body: 'Fine from here. The server status page showed high load that week.' }],
  },
  {
    key: 'dns_leak_router',
    author: 'demo',
    daysAgo: 8,
    title: "DNS leak test shows my provider's resolver",
    body: "Since a router firmware update the DNS leak test shows my provider's resolver again, although the app uses Perfect Privacy DNS. What did I miss?",
    comments: [
      { author: 'nightowl', daysAgo: 7, body: 'The update probably turned DNS interception on again. Check the DHCP settings of the router.' },
    ],
  },
] as const satisfies readonly ForumThread[]

export type ForumThreadKey = (typeof FORUM_THREADS)[number]['key']

export const FEED_SUBSCRIPTIONS: readonly {
  subscriber: PersonKey
  thread: ForumThreadKey
  daysAgo: number
  // null: the confirmation link was not clicked yet, so no consent exists yet either
  confirmedAfterMinutes: number | null
}[] = [
  { subscriber: 'demo', thread: 'kill_switch_lan', daysAgo: 209, confirmedAfterMinutes: 4 },
  { subscriber: 'nightowl', thread: 'wireguard_openwrt', daysAgo: 330, confirmedAfterMinutes: 12 },
  { subscriber: 'paket_pete', thread: 'zurich_evening', daysAgo: 1, confirmedAfterMinutes: null },
]

const VPN_SERVERS = [
  'amsterdam-3',
  'zurich-1',
  'frankfurt-2',
  'stockholm-1',
  'reykjavik-1',
  'bucharest-2',
  'prague-1',
  'tokyo-1',
  'newyork-4',
]

const MINUTE = 60_000
export const DAY = 24 * 60 * MINUTE

function documentationIp(random: Random) {
  const hex = () => random.int(1, 0xffff).toString(16)
  return random.pick([
    () => `192.0.2.${random.int(1, 254)}`,
    () => `198.51.100.${random.int(1, 254)}`,
    () => `203.0.113.${random.int(1, 254)}`,
    () => `2001:db8:${hex()}:${hex()}::${hex()}`,
  ])()
}

export function buildVpnSessions(userId: string, profile: CustomerProfile, now: Date, random: Random): (typeof vpnSessions.$inferInsert)[] {
  const { count, overDays, usualIps } = profile.vpnSessions
  return Array.from({ length: count }, () => {
    const startedAt = new Date(now.getTime() - random.int(10 * MINUTE, overDays * DAY))
    // mostly short sessions, some all evening: squaring skews towards the 5-minute end
    const minutes = 5 + Math.round(random.next() ** 2 * (8 * 60 - 5))
    const endedAt = new Date(startedAt.getTime() + minutes * MINUTE)
    return {
      userId,
      clientIp: random.chance(0.75) ? random.pick(usualIps) : documentationIp(random),
      serverId: random.pick(VPN_SERVERS),
      startedAt,
      // a session that would end in the future is still connected
      endedAt: endedAt <= now ? endedAt : null,
    }
  }).sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
}

const TRANSACTION_NUMBER: Record<PaymentProvider, (random: Random) => string> = {
  paymentwall: (random) => `PW-${random.string('0123456789', 12)}`,
  paypal: (random) => `PAYID-${random.string('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 24)}`,
}

export function buildPayments(
  userId: string,
  profile: CustomerProfile,
  providerId: (slug: PaymentProvider) => number,
  now: Date,
  random: Random,
): (typeof payments.$inferInsert)[] {
  return profile.payments.map(({ daysAgo, provider, amountCents }) => ({
    userId,
    paidAt: new Date(now.getTime() - daysAgo * DAY + random.int(0, 30) * MINUTE),
    transactionNumber: TRANSACTION_NUMBER[provider](random),
    providerId: providerId(provider),
    amountCents,
    currency: 'EUR',
  }))
}
