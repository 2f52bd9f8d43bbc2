// One throwaway PostgreSQL (a fresh cluster, or a fresh database on DATABASE_URL) and one portal
// process for the whole run; tests reach both through the environment set here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { startEmbeddedPostgres } from '../../db/embedded'
import { migrateDatabase } from '../../db/migrate'
import { seedDatabase } from '../../db/seed'
import { projectRoot } from '../../db/runtime'
import { buildPaths } from '../../server/build-paths'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return
  if (process.getuid?.() !== 0) throw new Error(`Chromium is missing at ${CHROMIUM}: run "sudo apt-get install -y chromium" first.`)
  console.log('Installing Debian chromium for the end-to-end tests…')
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`)
  }
}

async function provideTestDatabase() {
  if (process.env.DATABASE_URL) {
    // someone else's server: a database of our own in it, dropped afterwards
    const adminUrl = process.env.DATABASE_URL
    const name = `dsr_test_${Date.now()}_${randomBytes(3).toString('hex')}`
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
    await admin.unsafe(`create database ${name}`)
    await admin.end()
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    return {
      url: url.toString(),
      async stop() {
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} })
        await a.unsafe(`drop database if exists ${name} with (force)`)
        await a.end()
      },
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsr-portal-test-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true })
  return {
    url: pg.url,
    async stop() {
      await pg.stop()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

// An old portal still listening would answer the tests from another database.
async function assertPortFree(port: number) {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', () => reject(new Error(`Port ${port} is in use (an earlier test run still running?). Stop it or set TEST_APP_PORT.`)))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()))
  })
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The portal exited during start-up (code ${child.exitCode}).`)
    try {
      const res = await fetch(url)
      if (res.status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`The portal did not answer at ${url} within ${timeoutMs} ms.`)
}

export default async function globalSetup() {
  ensureChromium()
  if (!fs.existsSync(buildPaths().serverBuild)) throw new Error('No build: run "npm run build" (npm test does).')
  const port = process.env.TEST_APP_PORT!
  // before the database starts: a refusal here leaves nothing running
  await assertPortFree(Number(port))
  const database = await provideTestDatabase()
  let portal: Awaited<ReturnType<typeof startPortal>>
  try {
    await migrateDatabase(database.url)
    await seedDatabase(database.url, { reset: true })
    portal = await startPortal(database.url, port)
  } catch (error) {
    // Playwright runs no teardown for a setup that threw: without this the cluster outlives the run
    await database.stop()
    throw error
  }
  const { server, env, logFile } = portal

  // the test workers talk to the same database with the same secret as the portal
  process.env.DATABASE_URL = database.url
  process.env.SESSION_SECRET = env.SESSION_SECRET
  process.env.APP_URL = env.APP_URL
  process.env.PORTAL_SERVER_LOG = logFile

  return async () => {
    await stopPortal(server)
    await database.stop()
  }
}

async function startPortal(databaseUrl: string, port: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    PORT: port,
    SESSION_SECRET: randomBytes(32).toString('base64url') as string,
    SEED_DEMO_DATA: 'false',
    APP_URL: `http://localhost:${port}`,
    // the tests read sign-up codes and links the way a developer does, at /dev/mailbox (off unless asked for)
    DEV_MAILBOX: 'true',
  }
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] })
  // not under test-results/: Playwright empties that folder when another run starts
  const logFile = path.join(projectRoot, '.cache', `server-${port}.log`)
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const log = fs.createWriteStream(logFile)
  server.stdout!.pipe(log)
  server.stderr!.pipe(log)
  try {
    await waitForHttp(`http://localhost:${port}/privacy`, server, 180_000)
  } catch (error) {
    await stopPortal(server)
    throw error
  }
  return { server, env, logFile }
}

function stopPortal(server: ChildProcess | undefined) {
  return new Promise<void>((resolve) => {
    if (!server || server.exitCode !== null || server.signalCode !== null) return resolve()
    server.once('exit', () => resolve())
    server.kill('SIGTERM')
    setTimeout(() => server.kill('SIGKILL'), 20_000).unref()
  })
}
