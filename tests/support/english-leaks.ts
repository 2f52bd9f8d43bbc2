// Finds English (and raw catalogue keys, internal codes) in text that a German reader sees.
// Used by tests/e2e/i18n-no-english-in-german.spec.ts on pages, emails and the access package.
import type { Page } from '@playwright/test'
import { sql } from 'drizzle-orm'
import { db } from '#db/client.server'

// English words that German never uses, and English labels that a half-translated page would show.
// Case-sensitive on purpose: "Not", "Name", "Status", "Details", "Cookies" are German too.
const ENGLISH_WORDS = [
  'the', 'The', 'your', 'Your', 'you', 'You', 'and', 'of', 'with', 'is', 'are', 'this', 'This', 'that', 'for', 'from', 'has', 'have', 'not',
  'our', 'Our', 'we', 'We', 'please', 'Please', 'there', 'There', 'which', 'when', 'When', 'what', 'What', 'can', 'cannot', 'been', 'would',
  'should', 'must', 'only', 'into', 'about', 'before', 'after', 'these', 'those', 'each', 'every', 'than', 'them', 'their', 'they', 'it',
  'It', 'its', 'by', 'or', 'to', 'be', 'at', 'if', 'If', 'no longer', 'yet', 'here', 'Here', 'How', 'how', 'Why', 'why', 'Who', 'who',
  'Log in', 'Log out', 'Sign up', 'Privacy', 'Request', 'Requests', 'Settings', 'Account', 'Download', 'Cancel', 'Save', 'Submit',
  'Delete', 'Back', 'Next', 'Previous', 'Email', 'Password', 'Username', 'Search', 'Show', 'Close', 'Accept', 'Reject', 'Consent',
  'Continue', 'Confirm', 'Change', 'Edit', 'Erase', 'Send', 'Yes', 'Home', 'Help', 'Contact', 'Correction', 'Payment', 'Payments',
  'Session', 'Sessions', 'History', 'Overdue', 'Received', 'Completed', 'Pending', 'Denied', 'Extended', 'Withdraw', 'Language',
  'Terms', 'Purpose', 'Purposes', 'Recipient', 'Recipients', 'Retention', 'Legal', 'Registry', 'Reports', 'Receipts', 'Audit log',
  'Amount', 'Currency', 'Start time', 'End time', 'Paid on', 'Referred on', 'Data used', 'City', 'Country', 'Phone',
  'Description', 'Period', 'Kind', 'Service', 'Address', 'Article', 'Choose', 'Enter', 'Write', 'Unknown', 'Draft',
  'Published', 'None', 'none', 'Page', 'page', 'Customer', 'customer', 'Reason', 'reason', 'Filter', 'Day', 'days', 'Date',
  'Time', 'Note', 'Message', 'number', 'Transaction', 'Subject', 'Type', 'Access', 'Erasure', 'Rectification', 'Restriction', 'Objection', 'Portability',
]
const ENGLISH = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${ENGLISH_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_-])`, 'u')
const RAW_KEY = /\b[a-z]+:[a-zA-Z]+\.[a-zA-Z.]+/
const SNAKE_CASE = /(?<![\p{L}\p{N}@.\/-])[a-z][a-z0-9]*_[a-z0-9_]+(?![\p{L}\p{N}@.\/-])/u
const CODE_NUMBER = /\b[a-z]+:\d+\b/
// names of things that keep their English name in German texts
const PROPER_NAMES = /EU-U\.S\. Data Privacy Framework|Data Privacy Framework/g
// addresses, links and IPs are data, not words
const NOT_WORDS = /\S+@\S+|https?:\/\/\S+|\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b/gi

/** What is English or a code in this text, or null. */
export function englishIn(text: string): string | null {
  const clean = text.replace(PROPER_NAMES, ' ').replace(NOT_WORDS, ' ')
  for (const re of [RAW_KEY, CODE_NUMBER, SNAKE_CASE, ENGLISH]) {
    const m = clean.match(re)
    if (m) {
      const at = m.index ?? 0
      return `«${m[0]}» in “${clean.slice(Math.max(0, at - 40), at + m[0].length + 40).replace(/\s+/g, ' ').trim()}”`
    }
  }
  return null
}

// userTexts grows with every test that writes (thousands of rows late in a full run): sorted once per list, and
// per text only the ones it contains are taken out, so a page costs a few native searches, not seconds.
const preparedTexts = new WeakMap<readonly string[], string[]>()
function prepared(userTexts: readonly string[]) {
  let written = preparedTexts.get(userTexts)
  if (!written) {
    written = [...new Set(userTexts.map((u) => u.trim()).filter((u) => u.length >= 3))].sort((a, b) => b.length - a.length)
    preparedTexts.set(userTexts, written)
  }
  return written
}

/** Every line of a text with English in it; what people wrote (userTexts) is taken out of the line first. */
export function englishLines(text: string, where: string, userTexts: readonly string[] = []) {
  const out: string[] = []
  const written = prepared(userTexts)
  const inText = written.filter((u) => text.includes(u))
  for (const line of text.split(/\r?\n/)) {
    let rest = line.trim()
    for (const u of inText) if (rest.includes(u)) rest = rest.split(u).join(' ')
    const found = englishIn(rest)
    if (!found) continue
    // a shortened quote of what someone wrote ("Hello, your privacy notice says…")
    const bare = rest.replace(/[…"“”„«»]/g, '').trim()
    if (bare.length >= 12 && written.some((u) => u.includes(bare))) continue
    out.push(`${where}: ${found}`)
  }
  return out
}

/** Every string inside a value (an email's props): the data a caller handed in. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsIn)
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.values(value).flatMap(stringsIn)
  return []
}

/** Texts that people wrote (posts, messages, questions, statements) and names: data, in whatever language it was written. */
export async function userTexts() {
  const rows = await db.execute<{ t: string | null }>(sql`
    select title as t from forum_posts union select body from forum_posts union select author_name from forum_posts
    union select name from contact_messages union select message from contact_messages
    union select topic from feed_subscriptions union select statement from supplementary_statements
    union select details from data_subject_requests union select clarification_question from data_subject_requests
    union select username from users union select note from restrictions`)
  return rows.map((r) => r.t).filter((t): t is string => !!t && t.trim().length > 0)
}

/**
 * The texts of the rendered page a German reader meets: visible text (closed <details> opened), text for screen
 * readers, the <title>, aria-labels, titles, alts and placeholders, outside elements marked as another language.
 */
export async function pageTexts(page: Page) {
  return page.evaluate(() => {
    for (const d of Array.from(document.querySelectorAll('details'))) d.open = true
    const foreign = (el: Element | null) => {
      const marked = el?.closest('[lang]')
      return !!marked && !marked.getAttribute('lang')!.toLowerCase().startsWith('de')
    }
    const texts: { where: string; text: string }[] = [{ where: '<title>', text: document.title }]
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      // <code> shows an identifier as it is (a registry slug, a file name), marked as such
      if (!parent || parent.closest('script, style, noscript, template, code') || foreign(parent)) continue
      if (!parent.checkVisibility()) continue
      const text = (node.textContent ?? '').trim()
      if (text) texts.push({ where: `<${parent.tagName.toLowerCase()}>`, text })
    }
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [alt], [placeholder], [aria-description]'))) {
      if (el.closest('head') || foreign(el)) continue
      for (const attr of ['aria-label', 'title', 'alt', 'placeholder', 'aria-description']) {
        const value = el.getAttribute(attr)
        if (value?.trim()) texts.push({ where: `${el.tagName.toLowerCase()}[${attr}]`, text: value })
      }
    }
    return texts
  })
}

/**
 * English found on the page, one line per text. What people wrote is fetched (a query over every text the run's
 * tests wrote) only when the page's own words found something, to take those texts out again.
 */
export async function englishOnPage(page: Page, userTextsList: readonly string[] | (() => Promise<readonly string[]>)) {
  const texts = await pageTexts(page)
  if (!texts.some(({ where, text }) => englishLines(text, where).length > 0)) return []
  const written = typeof userTextsList === 'function' ? await userTextsList() : userTextsList
  const out: string[] = []
  for (const { where, text } of texts) out.push(...englishLines(text, where, written))
  return [...new Set(out)]
}
