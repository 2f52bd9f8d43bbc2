// Which PostgreSQL the process uses: DATABASE_URL if set, otherwise an embedded one under .data/ (or, when
// the OS user "postgres" cannot reach .data/, under /var/lib/dsr-portal/; see db/embedded.ts).
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { processEnv, setDatabaseUrl } from '~/lib/platform/env.server'
import { startEmbeddedPostgres } from './embedded'

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface ProvidedDatabase {
  url: string
  embedded: boolean
  /** for the start-up line: where the embedded cluster keeps its data and listens */
  description: string
  stop(): Promise<void>
}

export const DEFAULT_EMBEDDED_PG_PORT = 54329

export async function provideDatabase(): Promise<ProvidedDatabase> {
  const env = processEnv()
  if (env.DATABASE_URL) {
    return { url: env.DATABASE_URL, embedded: false, description: 'PostgreSQL from DATABASE_URL', stop: async () => {} }
  }
  const dir = env.EMBEDDED_PG_DIR ?? path.join(projectRoot, '.data')
  // a port named in EMBEDDED_PG_PORT is kept or start-up fails; the default moves when another clone has it
  const namedPort = env.EMBEDDED_PG_PORT
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: namedPort ?? DEFAULT_EMBEDDED_PG_PORT,
    strictPort: namedPort !== undefined,
  })
  if (pg.relocated) console.log(`Embedded PostgreSQL: ${pg.relocated}, so its data folder is ${pg.dataDir}.`)
  if (pg.portMoved) console.log(`Embedded PostgreSQL: ${pg.portMoved}, so it listens on 127.0.0.1:${pg.port}.`)
  setDatabaseUrl(pg.url)
  return { url: pg.url, embedded: true, description: `embedded PostgreSQL in ${pg.dataDir} on 127.0.0.1:${pg.port}`, stop: () => pg.stop() }
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
