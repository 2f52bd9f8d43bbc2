// Every email in both languages: rendered from its preview props the way sendEmail renders it, with a
// subject, no catalogue key left raw, the right <html lang>, German words in German and English words in English.
import { expect, test } from '@playwright/test'
import i18next from 'i18next'
import { db } from '#db/client.server'
import { templates, type PropsOf, type TemplateName } from '#emails/index'
import { SUPPORTED_LANGUAGES } from '~/i18n/config'
import { CATEGORY_SPECS, RECORD_SPECS, sectionFields } from '~/lib/access/my-data.server'
import { RIGHTS } from '~/lib/domain/rights'
import { fixedT } from '~/lib/platform/i18n.server'
import { renderEmail } from '~/lib/platform/email.server'
import { getRegistryContacts } from '~/lib/registry/registry.server'

const names = Object.keys(templates) as TemplateName[]

function previewProps<T extends TemplateName>(name: T) {
  return (templates[name].component as unknown as { PreviewProps: PropsOf<T> }).PreviewProps
}

// A raw key would show as "emails:…" or, with the namespace stripped by i18next, as a dotted path.
const RAW = /emails:|\{\{|\b(?:layout|facts|code|requestType|package)\.[a-z]/

test('every template renders in German and in English: a subject, no raw keys, and the recipient’s language', async () => {
  expect(names.length).toBeGreaterThanOrEqual(19)
  const contacts = await getRegistryContacts('en')
  for (const name of names) {
    const [de, en] = await Promise.all(SUPPORTED_LANGUAGES.map((language) => renderEmail(db, name, previewProps(name), language)))
    for (const [language, mail] of [['de', de], ['en', en]] as const) {
      expect(mail.subject.trim(), `${language} ${name} subject`).not.toBe('')
      for (const part of [mail.subject, mail.html, mail.text]) expect(part, `${language} ${name}`).not.toMatch(RAW)
      expect(mail.html, `${language} ${name}`).toMatch(new RegExp(`<html[^>]* lang="${language}"`))
      // the registry's names stay as the registry spells them, marked as German
      expect(mail.html, `${language} ${name}`).toContain(`<span lang="de">${contacts.controller.name}</span>`)
    }
    expect(de.subject, `${name}: the German subject is not the English one`).not.toBe(en.subject)
    // the footer says who is responsible, in the reader's language
    expect(de.text, name).toContain('Verantwortlicher:')
    expect(de.text, name).toContain('Aufsichtsbehörde:')
    expect(de.text, name).not.toContain('Controller:')
    expect(en.text, name).toContain('Controller:')
  }
})

test('dates in an email are written the way the recipient’s language writes them', async () => {
  const props = previewProps('request-received')
  const due = new Date('2026-12-21T11:00:00Z')
  const [de, en] = await Promise.all([renderEmail(db, 'request-received', { ...props, dueAt: due }, 'de'), renderEmail(db, 'request-received', { ...props, dueAt: due }, 'en')])
  expect(de.text).toContain('21.12.2026')
  expect(de.text).toContain('Wir antworten bis spätestens')
  expect(en.text).toContain('21 Dec 2026')
  expect(en.text).toContain('We answer by')
  // plural forms: one minute, fifteen minutes
  const one = await renderEmail(db, 'verify-email', { ...previewProps('verify-email'), expiresInMinutes: 1 }, 'de')
  expect(one.text).toContain('1 Minute lang gültig')
  const many = await renderEmail(db, 'verify-email', { ...previewProps('verify-email'), expiresInMinutes: 15 }, 'en')
  expect(many.text).toContain('expires in 15 minutes')
})

test('the access package names every column, record and right in both languages', () => {
  for (const language of SUPPORTED_LANGUAGES) {
    for (const spec of [...Object.values(CATEGORY_SPECS), ...Object.values(RECORD_SPECS)]) {
      for (const field of sectionFields(spec)) {
        const key = field.key === 'deleteAt' ? 'emails:package.fields.deleteAt' : `emails:package.fields.${spec.key}.${field.key}`
        expect(i18next.exists(key, { lng: language }), `${language} ${key}`).toBe(true)
      }
    }
    for (const key of Object.keys(RECORD_SPECS)) expect(i18next.exists(`emails:package.records.${key}.title`, { lng: language }), `${language} ${key}`).toBe(true)
    for (const right of RIGHTS) expect(i18next.exists(`emails:package.rights.${right.key}.description`, { lng: language }), `${language} ${right.key}`).toBe(true)
  }
  // English keeps the law's words of app/lib/domain/rights.ts
  const en = fixedT('en')
  for (const right of RIGHTS) expect(en(`emails:package.rights.${right.key}.description`)).toBe(`You have the right ${right.description}`)
})
