// Issue 11, item 13d: the unsubscribe link in the plain-text part of the feed emails is taken by a mail
// client exactly as sent (no ";" stuck to it), and following it unsubscribes.
import { expect, test } from '@playwright/test'
import { and, desc, eq } from 'drizzle-orm'
import { db } from '#db/client.server'
import { feedSubscriptions, forumPosts, outboxMessages } from '#db/schema'
import { confirmFeedSubscription, notifyFeedSubscribers } from '~/lib/consent/feed.server'
import { signToken } from '~/lib/platform/tokens.server'
import { uniqueName } from '../support/fixtures'

async function newestEmail(to: string, template: string) {
  const [row] = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.toAddress, to), eq(outboxMessages.template, template)))
    .orderBy(desc(outboxMessages.id))
    .limit(1)
  return row
}

// What a mail client makes a link of: from "http" up to the next white space.
function unsubscribeWordIn(text: string) {
  const match = text.match(/https?:\/\/\S*\/feed\/unsubscribe\S*/)
  if (!match) throw new Error('No unsubscribe link in the text part')
  return match[0]
}

for (const template of ['feed-subscribed', 'feed-comment'] as const) {
  test(`${template}: the plain-text unsubscribe link is exactly the List-Unsubscribe link, and following it unsubscribes`, async ({ page }) => {
    const email = `${uniqueName('reader')}@example.test`
    const [thread] = await db.insert(forumPosts).values({ authorName: 'asker', authorEmail: 'asker@example.test', title: `Topic ${uniqueName('t')}`, body: 'Question?' }).returning()
    const [subscription] = await db.insert(feedSubscriptions).values({ email, topic: thread.title! }).returning()
    // the confirmation sends feed-subscribed; a new comment sends feed-comment
    const confirmed = await confirmFeedSubscription(signToken({ purpose: 'feed-confirm', subject: String(subscription.id), expiresAt: new Date(Date.now() + 3600_000) }))
    expect(confirmed.ok).toBe(true)
    if (template === 'feed-comment') await notifyFeedSubscribers(db, { threadId: thread.id, author: 'helper', excerpt: 'Try the LAN option.' })

    const mail = await newestEmail(email, template)
    const word = unsubscribeWordIn(mail.text)
    const header = mail.headers['List-Unsubscribe']
    expect(`<${word}>`).toBe(header)
    expect(new URL(word).searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)

    await page.goto(word)
    await page.getByRole('main').getByRole('button', { name: 'Unsubscribe' }).click()
    await expect(page.getByRole('heading', { name: 'You are unsubscribed' })).toBeVisible()
    expect(await db.select().from(feedSubscriptions).where(eq(feedSubscriptions.email, email))).toEqual([])
  })
}
