// What every benchmark needs: a fresh embedded PostgreSQL with the schema and registry, optionally a
// portal process on it, and small timing helpers. Numbers are printed, never asserted.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort, startEmbeddedPostgres } from '../../db/embedded'
import { migrateDatabase } from '../../db/migrate'
import { projectRoot } from '../../db/runtime'
import { seedDatabase } from '../../db/seed'

export interface BenchEnvironment {
  databaseUrl: string
  portal?: { url: string; pid: number; process: ChildProcess }
  stop(): Promise<void>
}

export async function startBenchEnvironment({ portal = false, demo = false }: { portal?: boolean; demo?: boolean } = {}): Promise<BenchEnvironment> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsr-portal-bench-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true })
  await migrateDatabase(pg.url)
  await seedDatabase(pg.url, { reset: true, demo })
  process.env.DATABASE_URL = pg.url
  process.env.SESSION_SECRET ??= randomBytes(32).toString('base64url')
  let child: ChildProcess | undefined
  let portalUrl: string | undefined
  if (portal) {
    const port = await freePort()
    portalUrl = `http://localhost:${port}`
    child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: pg.url, PORT: String(port), SEED_DEMO_DATA: 'false', APP_URL: portalUrl },
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    const deadline = Date.now() + 60_000
    for (;;) {
      if (Date.now() > deadline) throw new Error('The portal did not start within a minute (run `npm run build` first).')
      try {
        if ((await fetch(`${portalUrl}/privacy`)).status < 500) break
      } catch {
        await new Promise((r) => setTimeout(r, 200))
      }
    }
  }
  return {
    databaseUrl: pg.url,
    portal: child && portalUrl ? { url: portalUrl, pid: child.pid!, process: child } : undefined,
    async stop() {
      if (child && child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child!.once('exit', () => resolve())
          child!.kill('SIGTERM')
        })
      }
      await pg.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint()
  const value = await fn()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value }
}

export function percentile(samples: number[], p: number) {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

// Sequential GETs of `url` until `until` resolves (or for `ms`), collecting latencies in ms.
export async function sampleLatency(url: string, { until, ms }: { until?: Promise<unknown>; ms?: number }) {
  const samples: number[] = []
  let done = false
  if (until) void until.finally(() => (done = true))
  const stopAt = ms ? Date.now() + ms : Infinity
  while (!done && Date.now() < stopAt) {
    const { ms: took } = await timed(async () => (await fetch(url)).arrayBuffer())
    samples.push(took)
  }
  return samples
}

export function fmt(n: number, digits = 1) {
  return Number.isFinite(n) ? n.toFixed(digits) : 'n/a'
}
