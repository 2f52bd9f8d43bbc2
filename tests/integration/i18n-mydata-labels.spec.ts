// Every column of every category on /my-data has words in both languages: a field added to the inventory
// (app/lib/access/my-data.server.ts) without a label key would show up nameless, or as its code.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { DATA_CATEGORY_SLUGS } from '#db/schema'
import { projectRoot } from '#db/runtime'
import { fieldLabelKey, visibleFields } from '~/lib/access/my-data-view.server'

function keysOf(language: string) {
  const flat = new Set<string>()
  const walk = (tree: Record<string, unknown>, prefix: string) => {
    for (const [k, v] of Object.entries(tree)) {
      if (typeof v === 'string') flat.add(`${prefix}${k}`)
      else walk(v as Record<string, unknown>, `${prefix}${k}.`)
    }
  }
  walk(JSON.parse(fs.readFileSync(path.join(projectRoot, 'app/locales', language, 'mydata.json'), 'utf8')), 'mydata:')
  return flat
}

test('every column of every category on My data is named in German and English', () => {
  const catalogues = { de: keysOf('de'), en: keysOf('en') }
  const missing: string[] = []
  for (const slug of DATA_CATEGORY_SLUGS) {
    for (const field of visibleFields(slug)) {
      const key = fieldLabelKey(slug, field.key)
      if (!key) missing.push(`${slug}.${field.key}: no key`)
      else for (const [language, keys] of Object.entries(catalogues)) if (!keys.has(key)) missing.push(`${language} ${key}`)
    }
  }
  expect(missing).toEqual([])
  // the code that repeats another column is left to the copy for machines
  expect(visibleFields('consents').map((f) => f.key)).not.toContain('purposeKey')
})
