// Static check over the route files (decision 093): a form's limits come from its one zod schema through Conform
// (getZodConstraint, fieldProps in app/components/ui/conform.ts), never from numbers or `required` repeated in JSX,
// where they drift from what the server accepts.
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, test } from '@playwright/test'

const ROUTES = path.resolve('app/routes')
// the developer mailbox is a tool for local use, not a form of the portal
const EXCLUDED = new Set(['dev.mailbox.tsx'])
const CONTROLS = ['Field', 'TextAreaField', 'SelectField', 'input', 'textarea', 'select']

/** The attribute text of every opening tag of a control, with the line it starts on. */
function controlTags(source: string) {
  const tags: { name: string; line: number; attributes: string }[] = []
  const opening = new RegExp(`<(${CONTROLS.join('|')})(?=[\\s/>])`, 'g')
  for (let match = opening.exec(source); match; match = opening.exec(source)) {
    let depth = 0
    let quote: string | null = null
    let end = match.index + match[0].length
    for (; end < source.length; end++) {
      const c = source[end]
      if (quote) {
        if (c === quote) quote = null
      } else if (c === '"' || c === "'" || c === '`') quote = c
      else if (c === '{') depth++
      else if (c === '}') depth--
      else if (c === '>' && depth === 0) break
    }
    tags.push({ name: match[1], line: source.slice(0, match.index).split('\n').length, attributes: source.slice(match.index + match[0].length, end) })
  }
  return tags
}

// Text outside of {…} expressions: the attributes written literally.
function literalPart(attributes: string) {
  let depth = 0
  let out = ''
  for (const c of attributes) {
    if (c === '{') depth++
    if (depth === 0) out += c
    if (c === '}') depth--
  }
  return out
}

/** The literal constraints a tag carries: `maxLength={4000}`, `minLength={3}`, `required`, `required={true}`. */
function literalConstraints(attributes: string) {
  const found: string[] = []
  for (const m of attributes.matchAll(/\b(maxLength|minLength)=\{\s*\d+\s*\}/g)) found.push(m[0])
  for (const m of attributes.matchAll(/\brequired=\{\s*true\s*\}/g)) found.push(m[0])
  // a bare `required` (or required="…") outside any expression
  for (const m of literalPart(attributes).matchAll(/(?<![\w.-])required(?=[\s/>]|=["']|$)/g)) found.push(m[0])
  return found
}

test('the checker finds literal constraints and lets schema-supplied ones pass', () => {
  const source = `
    <Field label="Code" name="code" maxLength={6} required />
    <TextAreaField name={fields.note.name} {...constraintsOf(fields.note)} rows={3} />
    <input type="search" name="q" maxLength={constraints.q?.maxLength} />
    <SelectField name="x" options={[{ value: '', label: 'required' }]} required={true} />
    <textarea name="t" minLength={3}></textarea>
    <Field label={<>I confirm</>} name="age" type="checkbox" required={fields.age.required} />`
  const flagged = controlTags(source).map((t) => ({ line: t.line, found: literalConstraints(t.attributes) }))
  expect(flagged).toEqual([
    { line: 2, found: ['maxLength={6}', 'required'] },
    { line: 3, found: [] },
    { line: 4, found: [] },
    { line: 5, found: ['required={true}'] },
    { line: 6, found: ['minLength={3}'] },
    { line: 7, found: [] },
  ])
})

test('no route repeats a length limit or `required` in JSX: the form schema supplies them through Conform', () => {
  const offences: string[] = []
  for (const file of readdirSync(ROUTES).filter((f) => f.endsWith('.tsx') && !EXCLUDED.has(f))) {
    const source = readFileSync(path.join(ROUTES, file), 'utf8')
    for (const tag of controlTags(source)) {
      for (const literal of literalConstraints(tag.attributes)) offences.push(`app/routes/${file}:${tag.line} <${tag.name} ${literal}>`)
    }
  }
  expect(offences, 'use {...fieldProps(fields.x)}, which takes the limits from the form schema').toEqual([])
})

test('every route that renders a labelled field runs its form through Conform with a zod schema', () => {
  const without: string[] = []
  for (const file of readdirSync(ROUTES).filter((f) => f.endsWith('.tsx') && !EXCLUDED.has(f))) {
    const source = readFileSync(path.join(ROUTES, file), 'utf8')
    if (!/<(Field|TextAreaField|SelectField|OneTimeCodeField)[\s/>]/.test(source)) continue
    if (!/\buseForm\b/.test(source) || !/\bparseWithZod\b/.test(source) || !/\bgetZodConstraint\b/.test(source)) without.push(`app/routes/${file}`)
  }
  expect(without).toEqual([])
})

// A form checked on the server by its schema is checked by the same schema in the browser, also when its controls
// come from a component (the cookie settings' checkboxes) rather than a <Field> in the route.
test('every route whose action parses a form with a zod schema runs that form through Conform in the browser too', () => {
  const without: string[] = []
  for (const file of readdirSync(ROUTES).filter((f) => f.endsWith('.tsx') && !EXCLUDED.has(f))) {
    const source = readFileSync(path.join(ROUTES, file), 'utf8')
    if (!/\bparseWithZod\b/.test(source)) continue
    if (!/\buseForm\b/.test(source) || !/\bgetZodConstraint\b/.test(source) || !/\bgetFormProps\b/.test(source)) without.push(`app/routes/${file}`)
  }
  expect(without).toEqual([])
})
