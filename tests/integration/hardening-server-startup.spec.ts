// `npm start` from any clone: a data folder the OS user "postgres" cannot reach (a clone under a mode-700
// home, as root) and a second clone next to the first (same default port) must both just work.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import postgres from 'postgres'
import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from '#db/embedded'

const isRoot = process.getuid?.() === 0

async function query(pg: EmbeddedPostgres, text: string) {
  const client = postgres(pg.url, { max: 1, onnotice: () => {} })
  try {
    return await client.unsafe(text)
  } finally {
    await client.end()
  }
}

function tempFolder(prefix: string, mode: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix))
  fs.chmodSync(dir, mode)
  return dir
}

test('a data folder under a mode-700 folder starts, kept in a reachable place that the same clone finds again', async () => {
  const home = tempFolder('dsr-home-700-', 0o700)
  const requested = path.join(home, 'clone', '.data', 'pg')
  const started: EmbeddedPostgres[] = []
  try {
    const first = await startEmbeddedPostgres({ dataDir: requested, ephemeral: true })
    started.push(first)
    if (isRoot) {
      // postgres runs as the OS user "postgres", who cannot enter a mode-700 folder of root's
      expect(first.dataDir.startsWith(home)).toBe(false)
      expect(first.relocated).toContain(home)
    }
    await query(first, 'create table kept (note text); insert into kept values (\'still here\')')
    await first.stop()

    const second = await startEmbeddedPostgres({ dataDir: requested, ephemeral: true })
    started.push(second)
    expect(second.dataDir).toBe(first.dataDir)
    expect(await query(second, 'select note from kept')).toEqual([{ note: 'still here' }])
  } finally {
    await Promise.all(started.map((pg) => pg.stop()))
    fs.rmSync(home, { recursive: true, force: true })
    const relocated = started[0]?.dataDir
    if (relocated && !relocated.startsWith(home)) fs.rmSync(path.dirname(relocated), { recursive: true, force: true })
  }
})

test('two clones asking for the same port both start; the second keeps the port it moved to', async () => {
  const folder = tempFolder('dsr-two-clones-', 0o755)
  const port = await freePort()
  const started: EmbeddedPostgres[] = []
  try {
    const first = await startEmbeddedPostgres({ dataDir: path.join(folder, 'a', 'pg'), port, ephemeral: true })
    started.push(first)
    const second = await startEmbeddedPostgres({ dataDir: path.join(folder, 'b', 'pg'), port, ephemeral: true })
    started.push(second)
    expect(first.port).toBe(port)
    expect(second.port).not.toBe(port)
    expect(second.portMoved).toContain(String(port))
    for (const pg of [first, second]) expect(await query(pg, 'select 1 as ok')).toEqual([{ ok: 1 }])

    await second.stop()
    const again = await startEmbeddedPostgres({ dataDir: path.join(folder, 'b', 'pg'), port, ephemeral: true })
    started.push(again)
    expect(again.port).toBe(second.port)

    // a port named in EMBEDDED_PG_PORT is not moved: start-up says so instead
    await expect(startEmbeddedPostgres({ dataDir: path.join(folder, 'c', 'pg'), port, strictPort: true, ephemeral: true })).rejects.toThrow(
      /EMBEDDED_PG_PORT/,
    )
  } finally {
    await Promise.all(started.map((pg) => pg.stop()))
    fs.rmSync(folder, { recursive: true, force: true })
  }
})
