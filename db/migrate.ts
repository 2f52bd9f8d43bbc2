import fs from 'node:fs'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { projectRoot, withDatabase } from './runtime'

// Tables come from drizzle-kit's migrations; functions, triggers and grants from db/sql/*.sql, which are
// written to be re-run (create or replace, drop ... if exists) and applied in name order after them.
export async function migrateDatabase(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(projectRoot, 'db', 'migrations') })
    const dir = path.join(projectRoot, 'db', 'sql')
    const scripts = fs.readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()
    await client.begin(async (tx) => {
      // one migrator at a time, also when several processes start together
      await tx`select pg_advisory_xact_lock(7305521)`
      for (const file of scripts) await tx.unsafe(fs.readFileSync(path.join(dir, file), 'utf8'))
    })
  } finally {
    await client.end()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await withDatabase(async (url) => {
    await migrateDatabase(url)
    console.log('Migrations applied.')
  })
}
