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
  TRUST_PROXY: booleanish.default('false'),
})

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; isProduction: boolean }

let cached: Env | undefined

export function loadEnv(): Env {
  if (cached) return cached
  const parsed = schema.safeParse(process.env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  const isProduction = parsed.data.NODE_ENV === 'production'
  cached = { ...parsed.data, SESSION_SECRET: parsed.data.SESSION_SECRET ?? localSecret(isProduction), isProduction }
  return cached
}

// Outside production a random secret is kept in .data/ so that sessions survive restarts.
function localSecret(isProduction: boolean): string {
  if (isProduction) throw new Error('SESSION_SECRET must be set in production.')
  const dir = process.env.EMBEDDED_PG_DIR ?? path.join(process.cwd(), '.data')
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
