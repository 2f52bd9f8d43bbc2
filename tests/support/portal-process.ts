// Another portal process, for tests of a configuration other than the shared one (global-setup.ts): started
// the way `npm start` starts it, on a database of its own on the test server, reached through a relay the
// test can cut to take the database away while the portal runs.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import net from 'node:net'
import postgres from 'postgres'
import { freePort } from '../../db/embedded'
import { projectRoot } from '../../db/runtime'

export interface PortalProcess {
  url: string
  /** everything the process wrote to stdout and stderr so far */
  log(): string
  /** the database goes away: open connections drop, new ones are refused */
  cutDatabase(): void
  stop(): Promise<void>
}

// Variables the shared portal's set-up or the caller's shell may hold; a test names what it wants instead.
const PORTAL_VARIABLES = ['NODE_ENV', 'DEV_MAILBOX', 'SMTP_URL', 'TRUST_PROXY', 'APP_URL', 'EMBEDDED_PG_DIR', 'EMBEDDED_PG_PORT']

/** Starts a portal with `env` on top of what `npm start` would see (NODE_ENV unset). */
export async function startPortalProcess(env: Record<string, string> = {}): Promise<PortalProcess> {
  const adminUrl = process.env.DATABASE_URL!
  const name = `dsr_portal_${randomBytes(5).toString('hex')}`
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  await admin.end()
  const databaseUrl = new URL(adminUrl)
  databaseUrl.pathname = `/${name}`
  const relay = await startRelay(databaseUrl.hostname, Number(databaseUrl.port))
  databaseUrl.hostname = '127.0.0.1'
  databaseUrl.port = String(relay.port)

  const port = await freePort()
  const childEnv: NodeJS.ProcessEnv = { ...process.env }
  for (const variable of PORTAL_VARIABLES) delete childEnv[variable]
  Object.assign(childEnv, {
    DATABASE_URL: databaseUrl.toString(),
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    SEED_DEMO_DATA: 'false',
    ...env,
  })
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], { cwd: projectRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (output.includes('Portal ready at')) return resolve()
      if (child.exitCode !== null) return reject(new Error(`The portal exited during start-up:\n${output}`))
      setTimeout(check, 100)
    }
    check()
  })

  return {
    url: `http://localhost:${port}`,
    log: () => output,
    cutDatabase: () => relay.cut(),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(killer)
      }
      relay.cut()
      const a = postgres(adminUrl, { max: 1, onnotice: () => {} })
      await a.unsafe(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}

// A TCP relay in front of PostgreSQL: cut() is the database host going away.
async function startRelay(host: string, port: number) {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((client) => {
    const upstream = net.connect(port, host)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {})
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      server.close()
      for (const socket of sockets) socket.destroy()
    },
  }
}
