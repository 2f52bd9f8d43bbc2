import path from 'node:path'
import { drizzle } from 'drizzle-orm/postgres-js'
import { migrate } from 'drizzle-orm/postgres-js/migrator'
import postgres from 'postgres'
import { projectRoot, withDatabase } from './runtime'

export async function migrateDatabase(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await migrate(drizzle(client), { migrationsFolder: path.join(projectRoot, 'db', 'migrations') })
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
