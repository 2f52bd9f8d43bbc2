import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { projectRoot } from '#db/runtime'
import { checkProject, findForeignWrites } from '../../scripts/check-table-owners'

// One writer per table (decision 090): `npm run lint` fails on a write to data_subject_requests outside
// app/lib/requests/ or to restrictions outside app/lib/requests/restriction.server.ts.

test('the portal writes each owned table only from its owner', () => {
  expect(checkProject(projectRoot)).toEqual([])
})

test('a write outside the owner is found with its file and line, in drizzle and in plain SQL', () => {
  const source = [
    "import { dataSubjectRequests, restrictions } from '#db/schema'",
    '// a comment may say: update restrictions, delete from data_subject_requests',
    'export async function sneaky(tx: Tx, id: number) {',
    "  await tx.update(dataSubjectRequests).set({ denialReason: 'no' }).where(eq(dataSubjectRequests.id, id))",
    '  await tx.insert(schema.restrictions).values({ userId: "u", categorySlug: "payments", reason: "legal_hold" })',
    '  await tx.execute(sql`DELETE FROM "data_subject_requests" WHERE id = ${id}`)',
    '  await tx.execute(sql`',
    '    update restrictions set lifted_at = now()`)',
    '  return tx.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id))',
    '}',
  ].join('\n')
  const found = findForeignWrites('app/lib/dpo/sneaky.server.ts', source)
  expect(found.map((v) => `${v.file}:${v.line} ${v.table}`)).toEqual([
    'app/lib/dpo/sneaky.server.ts:4 data_subject_requests',
    'app/lib/dpo/sneaky.server.ts:5 restrictions',
    'app/lib/dpo/sneaky.server.ts:6 data_subject_requests',
    'app/lib/dpo/sneaky.server.ts:8 restrictions',
  ])

  // the owners themselves may write; the rest of the request core's folder may not write restrictions
  expect(findForeignWrites('app/lib/requests/dsr.server.ts', source).map((v) => `${v.line} ${v.table}`)).toEqual(['5 restrictions', '8 restrictions'])
  expect(findForeignWrites('app/lib/requests/restriction.server.ts', source)).toEqual([])
})

test('npm run lint’s check fails and lists file:line when a violation is planted', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'table-owners-'))
  try {
    fs.mkdirSync(path.join(root, 'app/lib/erasure'), { recursive: true })
    fs.writeFileSync(path.join(root, 'app/lib/erasure/planted.server.ts'), "export const x = 1\nawait db.delete(restrictions).where(eq(restrictions.userId, 'u'))\n")
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-table-owners.ts', root], { cwd: projectRoot, encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('app/lib/erasure/planted.server.ts:2: writes restrictions')

    fs.rmSync(path.join(root, 'app/lib/erasure/planted.server.ts'))
    expect(spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-table-owners.ts', root], { cwd: projectRoot }).status).toBe(0)
  } finally {
    fs.rmSync(root, { recursive: true, force: true })
  }
})
