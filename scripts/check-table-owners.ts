// One writer per table (docs/architecture.md, decision 090): a table whose rows carry legal weight is written
// (INSERT, UPDATE, DELETE, drizzle or plain SQL) only by the module that owns it; everything else calls that
// module's functions. Run by `npm run lint`; prints file:line of every write outside its owner and fails.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export interface TableOwner {
  /** the table's name in SQL */
  table: string
  /** its export in db/schema */
  schemaName: string
  /** the owning file, or a folder ending in '/', relative to the project root */
  owner: string
}

export const TABLE_OWNERS: readonly TableOwner[] = [
  { table: 'data_subject_requests', schemaName: 'dataSubjectRequests', owner: 'app/lib/requests/' },
  { table: 'restrictions', schemaName: 'restrictions', owner: 'app/lib/requests/restriction.server.ts' },
]

// Runtime code; the seed, tests and benchmarks build their own rows.
export const CHECKED_FOLDERS = ['app', 'server', 'emails']

export interface Violation {
  file: string
  line: number
  table: string
  owner: string
  text: string
}

// Comments may speak of writes; blanked (newlines kept, so line numbers stay true) before searching.
function withoutComments(source: string) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (c, before: string) => before + ' '.repeat(c.length - before.length))
}

function patternsOf({ table, schemaName }: TableOwner) {
  return [
    // drizzle: db.insert(table), tx.update(schema.table), .delete(table)
    new RegExp(String.raw`\.(?:insert|update|delete)\(\s*(?:\w+\.)?${schemaName}\s*\)`, 'g'),
    // plain SQL, quoted or not, with or without the schema
    new RegExp(String.raw`\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|merge\s+into)\s+(?:only\s+)?(?:"?public"?\.)?"?${table}"?(?![\w"])`, 'gi'),
  ]
}

function isOwner(file: string, owner: string) {
  return owner.endsWith('/') ? file.startsWith(owner) : file === owner
}

/** Every write to an owned table in `source` (a file at `file`, relative to the root) that its owner does not make. */
export function findForeignWrites(file: string, source: string, owners: readonly TableOwner[] = TABLE_OWNERS): Violation[] {
  const normalised = file.split(path.sep).join('/')
  const text = withoutComments(source)
  const lines = source.split('\n')
  const violations: Violation[] = []
  for (const owner of owners) {
    if (isOwner(normalised, owner.owner)) continue
    for (const pattern of patternsOf(owner)) {
      for (const match of text.matchAll(pattern)) {
        const line = text.slice(0, match.index).split('\n').length
        violations.push({ file: normalised, line, table: owner.table, owner: owner.owner, text: lines[line - 1].trim() })
      }
    }
  }
  return violations.sort((a, b) => a.line - b.line)
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full)
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : []
  })
}

/** Checks the project under `root`; returns the violations found. */
export function checkProject(root: string): Violation[] {
  return CHECKED_FOLDERS.flatMap((folder) => sourceFiles(path.join(root, folder))).flatMap((full) =>
    findForeignWrites(path.relative(root, full), fs.readFileSync(full, 'utf8')),
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  // the project root: this script's parent folder, or the folder given (the tests plant violations in one)
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'))
  const violations = checkProject(root)
  for (const v of violations) {
    console.error(`${v.file}:${v.line}: writes ${v.table}, which only ${v.owner} may write (call its functions instead)\n    ${v.text}`)
  }
  if (violations.length > 0) {
    console.error(`\n${violations.length} write(s) outside the table's owner; see docs/architecture.md ("Table owners").`)
    process.exit(1)
  }
  console.log(`✔ table owners: ${TABLE_OWNERS.map((o) => `${o.table} ← ${o.owner}`).join(', ')}`)
}
