// The access package of a large account (100,000 VPN sessions, 10,000 forum posts), downloaded from a
// real portal process, against the physical limit of the same run: PostgreSQL's COPY … TO STDOUT of
// the same rows through the same driver (postgres.js). Goals: >= 0.5 of COPY's rate (uncompressed
// content), first byte < 0.5 s, server memory growth < 64 MB.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { freePort, startEmbeddedPostgres } from '../db/embedded'
import { migrateDatabase } from '../db/migrate'
import { projectRoot } from '../db/runtime'
import { seedDatabase } from '../db/seed'
import { buildPaths } from '../server/build-paths'
import { hashPassword } from '../app/lib/platform/password.server'
import { unzip } from '../tests/support/unzip'

// the issue's account; smaller numbers (e.g. EXPORT_BENCH_SCALE=0.1) give a quick trial run
const SCALE = Number(process.env.EXPORT_BENCH_SCALE ?? 1)
const VPN_SESSIONS = Math.round(100_000 * SCALE)
const FORUM_POSTS = Math.round(10_000 * SCALE)
const RUNS = 3
const GOALS = { ratio: 0.5, firstByteSeconds: 0.5, memoryGrowthMb: 64 }
const MB = 1024 * 1024

function rssBytes(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0)
  return kb * 1024
}

async function waitForHttp(url: string, child: ChildProcess) {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The portal exited during start-up (code ${child.exitCode})`)
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('The portal did not start within 60 s')
}

async function seedLargeAccount(sql: postgres.Sql, password: string) {
  const userId = randomUUID()
  const username = `bench_${randomBytes(4).toString('hex')}`
  await sql`insert into users (id, username, email, password_hash, email_verified_at, age_confirmed_at)
    values (${userId}, ${username}, ${`${username}@example.test`}, ${await hashPassword(password)}, now(), now())`
  await sql`insert into vpn_sessions (user_id, client_ip, server_id, started_at, ended_at)
    select ${userId}, ('198.51.100.' || (g % 254 + 1))::inet, 'server-' || (g % 9), now() - g * interval '70 seconds',
           now() - g * interval '70 seconds' + (g % 240) * interval '1 minute'
    from generate_series(1, ${VPN_SESSIONS}) g`
  await sql`insert into forum_posts (user_id, author_name, author_email, title, body, created_at)
    select ${userId}, ${username}, ${`${username}@example.test`}, case when g % 5 = 0 then 'Thread ' || g end,
           repeat('WireGuard handshake, MTU and DNS notes. ', 3 + g % 12), now() - g * interval '37 minutes'
    from generate_series(1, ${FORUM_POSTS}) g`
  await sql`analyze`
  return { userId, username }
}

function cookieFrom(response: Response) {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('__Host-session='))
  if (!cookie) throw new Error('No session cookie from the login')
  return cookie.split(';')[0]
}

async function login(baseUrl: string, identifier: string, password: string) {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ identifier, password, redirectTo: '' }),
    redirect: 'manual',
  })
  return cookieFrom(response)
}

async function downloadUrl(baseUrl: string, cookie: string, password: string) {
  const response = await fetch(`${baseUrl}/my-data`, {
    method: 'POST',
    headers: { Origin: baseUrl, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'download-package', password }),
    redirect: 'manual',
  })
  const location = response.headers.get('location')
  if (response.status !== 302 || !location?.includes('/my-data/download')) throw new Error(`Password step failed: ${response.status}`)
  return new URL(location, baseUrl).toString()
}

interface DownloadRun {
  seconds: number
  firstByteSeconds: number
  zipBytes: number
  contentBytes: number
  memoryGrowthBytes: number
}

async function measureDownload(url: string, cookie: string, serverPid: number, file: string): Promise<DownloadRun> {
  const baseline = rssBytes(serverPid)
  let peak = baseline
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(serverPid))), 10)
  const started = performance.now()
  let firstByte = 0
  let zipBytes = 0
  const out = fs.createWriteStream(file)
  try {
    const response = await fetch(url, { headers: { Cookie: cookie } })
    if (response.status !== 200 || response.headers.get('content-type') !== 'application/zip') throw new Error(`Download failed: ${response.status}`)
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (!firstByte) firstByte = performance.now()
      zipBytes += chunk.length
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()))
    }
  } finally {
    clearInterval(sampler)
    await new Promise((r) => out.end(r))
  }
  const seconds = (performance.now() - started) / 1000
  const contentBytes = (await unzip(fs.readFileSync(file))).reduce((sum, e) => sum + e.size, 0)
  return { seconds, firstByteSeconds: (firstByte - started) / 1000, zipBytes, contentBytes, memoryGrowthBytes: peak - baseline }
}

async function measureCopy(sql: postgres.Sql, userId: string) {
  // COPY takes no bind parameters; the id is a UUID this benchmark made
  if (!/^[0-9a-f-]{36}$/.test(userId)) throw new Error('unexpected user id')
  const queries = [
    `copy (select * from vpn_sessions where user_id = '${userId}' order by started_at desc, id desc) to stdout`,
    `copy (select * from forum_posts where user_id = '${userId}' order by created_at desc, id desc) to stdout`,
  ]
  const started = performance.now()
  let bytes = 0
  for (const query of queries) {
    const stream = await sql.unsafe(query).readable()
    // flowing mode: postgres.js's COPY stream can stall for good when paused (porsager/postgres#917)
    await new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length))
      stream.once('end', resolve)
      stream.once('error', reject)
    })
  }
  return { seconds: (performance.now() - started) / 1000, bytes }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

export async function run() {
  const paths = buildPaths()
  if (!fs.existsSync(paths.serverBuild)) {
    console.log('No build yet: running remix build…')
    const built = spawnSync('npx', ['remix', 'build'], { cwd: projectRoot, stdio: 'inherit' })
    if (built.status !== 0) throw new Error('remix build failed')
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsr-bench-export-'))
  fs.chmodSync(dir, 0o755)
  const pg = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), ephemeral: true })
  const owner = postgres(pg.url, { max: 2, onnotice: () => {} })
  let server: ChildProcess | null = null
  try {
    await migrateDatabase(pg.url)
    await seedDatabase(pg.url, { reset: true, demo: false })
    const password = `bench-${randomBytes(6).toString('hex')}`
    const seedStarted = performance.now()
    const { userId, username } = await seedLargeAccount(owner, password)
    console.log(`Seeded ${VPN_SESSIONS} VPN sessions and ${FORUM_POSTS} forum posts in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`)

    const port = await freePort()
    const baseUrl = `http://localhost:${port}`
    server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: projectRoot,
      env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: pg.url, PORT: String(port), APP_URL: baseUrl, SEED_DEMO_DATA: 'false', SESSION_SECRET: randomBytes(32).toString('base64url') },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    await waitForHttp(`${baseUrl}/privacy`, server)
    const cookie = await login(baseUrl, username, password)
    await fetch(`${baseUrl}/my-data`, { headers: { Cookie: cookie } })

    const file = path.join(dir, 'package.zip')
    const downloads: DownloadRun[] = []
    const copies: { seconds: number; bytes: number }[] = []
    // one unmeasured round first: code paths compiled and pools filled, as in a portal that has been running
    await measureDownload(await downloadUrl(baseUrl, cookie, password), cookie, server.pid!, file)
    await measureCopy(owner, userId)
    for (let i = 0; i < RUNS; i++) {
      // sequential, so the two never compete for the two cores
      downloads.push(await measureDownload(await downloadUrl(baseUrl, cookie, password), cookie, server.pid!, file))
      copies.push(await measureCopy(owner, userId))
      console.log(`run ${i + 1}: export ${downloads[i].seconds.toFixed(2)} s, COPY ${copies[i].seconds.toFixed(2)} s`)
    }
    const csv = (await unzip(fs.readFileSync(file))).find((e) => e.name === 'csv/vpn_sessions.csv')!
    const csvRows = csv.data.toString('utf8').split('\r\n').length - 2
    if (csvRows !== VPN_SESSIONS) throw new Error(`The package has ${csvRows} VPN sessions, expected ${VPN_SESSIONS}`)

    const exportRate = median(downloads.map((d) => d.contentBytes / MB / d.seconds))
    const copyRate = median(copies.map((c) => c.bytes / MB / c.seconds))
    const firstByte = median(downloads.map((d) => d.firstByteSeconds))
    const memoryGrowth = Math.max(...downloads.map((d) => d.memoryGrowthBytes)) / MB
    const last = downloads[downloads.length - 1]
    const ratio = exportRate / copyRate
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED')
    console.table({
      'access package': {
        'MB (content)': +(last.contentBytes / MB).toFixed(1),
        'MB (zip)': +(last.zipBytes / MB).toFixed(1),
        'seconds (median)': +median(downloads.map((d) => d.seconds)).toFixed(2),
        'MB/s': +exportRate.toFixed(1),
      },
      'COPY TO STDOUT': {
        'MB (content)': +(copies[0].bytes / MB).toFixed(1),
        'MB (zip)': '',
        'seconds (median)': +median(copies.map((c) => c.seconds)).toFixed(2),
        'MB/s': +copyRate.toFixed(1),
      },
    })
    console.log(`ratio (export MB/s ÷ COPY MB/s): ${ratio.toFixed(2)}  (goal >= ${GOALS.ratio}: ${verdict(ratio >= GOALS.ratio)})`)
    console.log(`time to first byte: ${(firstByte * 1000).toFixed(0)} ms  (goal < ${GOALS.firstByteSeconds * 1000} ms: ${verdict(firstByte < GOALS.firstByteSeconds)})`)
    console.log(
      `server memory growth (peak RSS - RSS before): ${memoryGrowth.toFixed(1)} MB  (goal < ${GOALS.memoryGrowthMb} MB: ${verdict(memoryGrowth < GOALS.memoryGrowthMb)})`,
    )
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r))
      server.kill('SIGTERM')
      await exited
    }
    await owner.end()
    await pg.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
