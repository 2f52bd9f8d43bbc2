// Runs every benchmark in bench/ (files named *.bench.ts) one after another.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const dir = path.dirname(fileURLToPath(import.meta.url))
const only = process.argv[2]
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
  .sort()
if (files.length === 0) {
  console.log('No benchmarks yet.')
}
for (const file of files) {
  console.log(`\n# ${file}`)
  const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { run: () => Promise<void> }
  await mod.run()
}
