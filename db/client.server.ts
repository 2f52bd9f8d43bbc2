import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import { processEnv } from '~/lib/platform/env.server'
import * as schema from './schema'

export type Database = PostgresJsDatabase<typeof schema>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
// Functions that may run inside a caller's transaction take either.
export type Executor = Database | Transaction

function connect() {
  const { DATABASE_URL: url, DATABASE_APP_ROLE: APP_ROLE, DATABASE_POOL_SIZE } = processEnv()
  if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start`, which provides a database.')
  const client = postgres(url, {
    max: DATABASE_POOL_SIZE,
    onnotice: () => {},
    // the application's role may not rewrite the archive, the consent ledger or the audit chain (db/sql/000_app_role.sql)
    connection: { application_name: 'dsr-portal', timezone: 'UTC', ...(APP_ROLE ? { role: APP_ROLE } : {}) },
  })
  return { client, db: drizzle(client, { schema }) }
}

// One pool per process, created on first use so that the URL can be provided at start-up.
const globalForDb = globalThis as unknown as { __dsrDb?: ReturnType<typeof connect> }

export function getConnection() {
  globalForDb.__dsrDb ??= connect()
  return globalForDb.__dsrDb
}

export const db: Database = new Proxy({} as Database, {
  get(_target, prop) {
    const real = getConnection().db as unknown as Record<string | symbol, unknown>
    const value = real[prop]
    return typeof value === 'function' ? (value as Function).bind(real) : value
  },
})

export async function closeDb() {
  const conn = globalForDb.__dsrDb
  globalForDb.__dsrDb = undefined
  await conn?.client.end({ timeout: 5 })
}

export { schema }
