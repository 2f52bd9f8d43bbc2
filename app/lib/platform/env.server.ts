// The environment, validated once. See README.md's configuration table.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const booleanish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  APP_URL: z.string().url().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().optional(),
  SEED_DEMO_DATA: booleanish.default('true'),
  // how many reverse proxies stand in front (each appends to X-Forwarded-For); `true` is read as 1
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^(\d{1,2}|true|false|yes|no)$/, 'the number of proxies in front of the portal (0, 1, 2, …)')
    .default('0'),
  // the outbox reader at /dev/mailbox; unset: on only under `npm run dev` (NODE_ENV=development)
  DEV_MAILBOX: booleanish.optional(),
  // access packages built at once by this process; each holds a pooled connection while it reads
  ACCESS_PACKAGE_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(3),
  // a download whose client took nothing for this long is ended, and what it held is freed
  DOWNLOAD_IDLE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  // signs the audit chain's checkpoints; without it, a key derived from SESSION_SECRET
  AUDIT_ANCHOR_KEY: z.string().min(32, 'AUDIT_ANCHOR_KEY must be at least 32 characters').optional(),
})

export type Env = Omit<z.infer<typeof schema>, 'DEV_MAILBOX' | 'TRUST_PROXY'> & {
  SESSION_SECRET: string
  isProduction: boolean
  /** /dev/mailbox shows the outbox: only in explicit development, never in production or when emails really go out */
  devMailbox: boolean
  /** reverse proxies in front of the portal: the client's address is this many entries from the right of X-Forwarded-For */
  trustProxyHops: number
  /** set when TRUST_PROXY was given the old boolean way */
  trustProxyNote?: string
}

let cached: Env | undefined

export function loadEnv(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  const { DEV_MAILBOX, TRUST_PROXY, ...data } = parsed.data
  const isProduction = data.NODE_ENV === 'production'
  const devMailbox = (DEV_MAILBOX ?? data.NODE_ENV === 'development') && !isProduction && !data.SMTP_URL
  const proxyAsBoolean = TRUST_PROXY === 'true' || TRUST_PROXY === 'yes'
  const trustProxyHops = proxyAsBoolean ? 1 : TRUST_PROXY === 'false' || TRUST_PROXY === 'no' ? 0 : Number(TRUST_PROXY)
  const trustProxyNote = proxyAsBoolean
    ? `TRUST_PROXY=${TRUST_PROXY} is read as TRUST_PROXY=1 (one proxy in front); set the number of proxies instead.`
    : undefined
  cached = {
    ...data,
    SESSION_SECRET: data.SESSION_SECRET ?? localSecret(isProduction),
    isProduction,
    devMailbox,
    trustProxyHops,
    trustProxyNote,
  }
  return cached
}

// Outside production a random secret is kept in .data/ so that sessions survive restarts.
function localSecret(isProduction: boolean): string {
  if (isProduction) throw new Error('SESSION_SECRET must be set in production.')
  const dir = processEnv().EMBEDDED_PG_DIR ?? path.join(process.cwd(), '.data')
  const file = path.join(dir, 'session-secret')
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' })
  }
  const secret = fs.readFileSync(file, 'utf8').trim()
  process.env.SESSION_SECRET = secret
  return secret
}

// Absolute links for emails: APP_URL when the portal runs behind a public address.
export function absoluteUrl(pathname: string) {
  const env = loadEnv()
  return new URL(pathname, env.APP_URL ?? `http://localhost:${env.PORT}`).toString()
}

// What the process needs before the portal's configuration is loaded (which database, which build), read
// each time without caching or side effects: db/runtime.ts provides DATABASE_URL only once it has started
// the embedded PostgreSQL, and the test set-up reads the build folder without any of the portal's settings.
// an empty variable counts as unset, as it always did for these
const unsetIfEmpty = <T extends z.ZodTypeAny>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema)

const processSchema = z.object({
  DATABASE_URL: unsetIfEmpty(z.string().optional()),
  // empty: connect as the URL's own user (e.g. an external database without the portal's role)
  DATABASE_APP_ROLE: z.string().default('dsr_app'),
  DATABASE_POOL_SIZE: unsetIfEmpty(z.coerce.number().int().min(1).max(200).default(10)),
  EMBEDDED_PG_DIR: unsetIfEmpty(z.string().optional()),
  // unset: the default port, or a free one when another clone has it (db/runtime.ts)
  EMBEDDED_PG_PORT: unsetIfEmpty(z.coerce.number().int().min(1).max(65535).optional()),
  PORTAL_BUILD_DIR: unsetIfEmpty(z.string().optional()),
})

export type ProcessEnv = z.infer<typeof processSchema>

export function processEnv(): ProcessEnv {
  const parsed = processSchema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  return parsed.data
}

/** The embedded PostgreSQL's address, for this process's pool and for the processes it starts. */
export function setDatabaseUrl(url: string) {
  process.env.DATABASE_URL = url
}
