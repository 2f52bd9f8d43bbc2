// Which PostgreSQL the process uses: DATABASE_URL if set, otherwise an embedded one under .data/.
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startEmbeddedPostgres } from './embedded'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface ProvidedDatabase {
  url: string
  embedded: boolean
  stop(): Promise<void>
}

export async function provideDatabase(): Promise<ProvidedDatabase> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} }
  }
  const dir = process.env.EMBEDDED_PG_DIR ?? path.join(projectRoot, '.data')
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port })
  process.env.DATABASE_URL = pg.url
  return { url: pg.url, embedded: true, stop: () => pg.stop() }
}

// For one-shot scripts (db:migrate, db:seed): provide a database, run, and always stop it again.
export async function withDatabase(fn: (url: string) => Promise<void>) {
  const database = await provideDatabase()
  try {
    await fn(database.url)
  } finally {
    await database.stop()
  }
}
