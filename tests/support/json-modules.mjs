// Playwright runs the tests as native ES modules, where Node only imports a JSON file that is marked
// `with { type: 'json' }`. The app's catalogues (app/locales/*/index.ts) are imported without the mark,
// because the Remix compiler's esbuild cannot read it; here such a file becomes a module exporting its data.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export async function load(url, context, nextLoad) {
  if (url.startsWith('file:') && url.endsWith('.json') && context.importAttributes?.type !== 'json' && !url.includes('/node_modules/')) {
    const text = await readFile(fileURLToPath(url), 'utf8')
    return { format: 'module', source: `export default ${text};`, shortCircuit: true }
  }
  return nextLoad(url, context)
}
