// A connection as the database owner, for tests that must do what the portal's role may not
// (move clocks, tamper with append-only tables to prove it is detected).
import { drizzle } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from '#db/schema'

const client = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} })
export const adminDb = drizzle(client, { schema })
