// Both languages say everything: the German and English catalogues have the same keys, no empty texts,
// the same {{placeholders}}, and every key the code names exists in both.
import { expect, test } from '@playwright/test'
import fs from 'node:fs'
import path from 'node:path'
import { NAMESPACES, SUPPORTED_LANGUAGES } from '~/i18n/config'
import { projectRoot } from '#db/runtime'

const root = projectRoot
type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

function catalogue(language: string, ns: string) {
  return flatten(JSON.parse(fs.readFileSync(path.join(root, 'app/locales', language, `${ns}.json`), 'utf8')) as Tree)
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort()

function sourceFiles(dir: string, out: string[] = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    if (entry.isDirectory()) sourceFiles(p, out)
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(p)
  }
  return out
}

for (const ns of NAMESPACES) {
  test(`catalogue "${ns}": German and English have the same keys and placeholders`, () => {
    const [de, en] = SUPPORTED_LANGUAGES.map((l) => catalogue(l, ns))
    expect([...de.keys()].filter((k) => !en.has(k)), 'keys only in German').toEqual([])
    expect([...en.keys()].filter((k) => !de.has(k)), 'keys only in English').toEqual([])
    for (const [key, text] of en) {
      expect(text.trim(), `en ${ns}:${key} is empty`).not.toBe('')
      expect(de.get(key)!.trim(), `de ${ns}:${key} is empty`).not.toBe('')
      expect(placeholders(de.get(key)!), `placeholders of ${ns}:${key}`).toEqual(placeholders(text))
      // <Trans> parses the text as HTML, where <link>, <img>, <input>… are void: their content would be dropped.
      // Name the component <a> (components={{ a: <Link to=… /> }}) instead.
      for (const [language, value] of [['en', text], ['de', de.get(key)!]]) {
        expect(value, `${language} ${ns}:${key} uses a void HTML element as a <Trans> tag`).not.toMatch(/<(link|img|input|meta|area|base|col|embed|hr|source|track|wbr)>/)
      }
    }
  })
}

test('every key named in the code exists in both languages', () => {
  const catalogues = new Map(SUPPORTED_LANGUAGES.map((l) => [l, new Map(NAMESPACES.map((ns) => [ns, catalogue(l, ns)]))]))
  const literal = new RegExp(`['"\`](${NAMESPACES.join('|')}):([A-Za-z0-9_.-]+)['"\`|]`, 'g')
  const missing: string[] = []
  let seen = 0
  for (const file of [...sourceFiles(path.join(root, 'app')), ...sourceFiles(path.join(root, 'emails'))]) {
    const text = fs.readFileSync(file, 'utf8')
    for (const m of text.matchAll(literal)) {
      const [, ns, key] = m
      seen++
      for (const [language, byNs] of catalogues) {
        const keys = byNs.get(ns as (typeof NAMESPACES)[number])!
        // plural forms live under key_one, key_other (and key_zero etc.)
        const found = keys.has(key) || [...keys.keys()].some((k) => k.startsWith(`${key}_`))
        if (!found) missing.push(`${language} ${ns}:${key} (${path.relative(root, file)})`)
      }
    }
  }
  expect(seen, 'the scan found the keys the code uses').toBeGreaterThan(20)
  expect(missing).toEqual([])
})
