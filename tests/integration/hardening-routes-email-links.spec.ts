// Issue 11, item 13d: in the plain-text part of every email, a link is a word of its own. Mail clients turn
// "…?token=abc;" into a link that ends in ";" and then the token no longer matches.
import { expect, test } from '@playwright/test'
import { db } from '#db/client.server'
import { templates, type TemplateName } from '#emails/index'
import { SUPPORTED_LANGUAGES } from '~/i18n/config'
import { renderEmail } from '~/lib/platform/email.server'

// What a mail client makes a link of: from "http" to the next white space.
const LINKIFIED = /https?:\/\/\S+/g

test('every email’s text part has each link of the HTML part as a word of its own, with no punctuation stuck to it', async () => {
  for (const [name, language] of (Object.keys(templates) as TemplateName[]).flatMap((n) => SUPPORTED_LANGUAGES.map((l) => [n, l] as const))) {
    const component = templates[name].component as unknown as { PreviewProps: never }
    const { html, text } = await renderEmail(db, name, component.PreviewProps, language)
    const hrefs = [...html.matchAll(/href="(https?:[^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))
    for (const href of hrefs) {
      const asWord = new RegExp(`(^|\\s)${href.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`)
      expect(text, `${name}: ${href}`).toMatch(asWord)
    }
    for (const [url] of text.matchAll(LINKIFIED)) {
      expect(url, `${name}: a link in the text ends in punctuation`).not.toMatch(/[.,;:!?)\]}'"]$/)
    }
  }
})
