// Lighthouse (mobile, simulated slow 4G and a 4× slower CPU) on the start page, the privacy notice and
// My data (logged in as the demo customer), against a production portal on a fresh database with demo data.
// Goal: performance score ≥ 90 on each. Also prints what compression saves: bytes on the wire against the
// bytes of the resources. Lighthouse is fetched by npx on first use (not a project dependency: it is large
// and only this benchmark needs it); Chromium is Debian's (CHROME_PATH, default /usr/bin/chromium).
// `npm run bench -- lighthouse`; LIGHTHOUSE_RUNS=3 (default) runs each page that often and keeps the median.
import { spawnSync } from 'node:child_process'
import { DEMO_ACCOUNTS } from '../db/seed'
import { fmt, startBenchEnvironment } from './support/harness'

const LIGHTHOUSE = 'lighthouse@12.8.2'
const GOAL = 90
const PAGES = [
  { path: '/', login: false },
  { path: '/privacy', login: false },
  { path: '/my-data', login: true },
]

interface Lhr {
  categories: { performance: { score: number } }
  audits: Record<string, { numericValue?: number; details?: { items?: { url: string; resourceType?: string; transferSize?: number; resourceSize?: number }[] } }>
}

function lighthouse(url: string, headers: Record<string, string>): Lhr {
  const chromePath = process.env.CHROME_PATH ?? '/usr/bin/chromium'
  const result = spawnSync(
    'npx',
    [
      '--yes',
      LIGHTHOUSE,
      url,
      '--only-categories=performance',
      '--form-factor=mobile',
      '--output=json',
      '--output-path=stdout',
      '--quiet',
      '--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage',
      `--extra-headers=${JSON.stringify(headers)}`,
    ],
    { env: { ...process.env, CHROME_PATH: chromePath }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  )
  if (result.status !== 0) throw new Error(`lighthouse failed (${result.status}): ${result.stderr.slice(-2000)}`)
  return JSON.parse(result.stdout) as Lhr
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

export async function run() {
  const env = await startBenchEnvironment({ portal: true, demo: true })
  try {
    const base = env.portal!.url
    const { findUserByEmail } = await import('../tests/support/fixtures')
    const { createUserSession } = await import('../app/lib/platform/auth.server')
    const demo = await findUserByEmail(DEMO_ACCOUNTS.customer.email)
    const cookie = (await createUserSession(demo.id, 'lighthouse benchmark')).split(';')[0]
    const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3)
    console.log(`Lighthouse ${LIGHTHOUSE}, mobile, ${runs} run(s) per page, median; goal: performance ≥ ${GOAL}`)
    console.log('| page | score | ratio to goal | FCP | LCP | TBT | CLS | transferred | uncompressed | HTML / JS / CSS on the wire |')
    console.log('|---|---|---|---|---|---|---|---|---|---|')
    for (const page of PAGES) {
      const reports = Array.from({ length: runs }, () => lighthouse(`${base}${page.path}`, page.login ? { Cookie: cookie } : {}))
      const score = median(reports.map((r) => r.categories.performance.score * 100))
      const metric = (id: string) => median(reports.map((r) => r.audits[id].numericValue ?? NaN))
      const items = (reports[0].audits['network-requests'].details?.items ?? []).filter((i) => i.url.startsWith(base))
      const sum = (f: (i: (typeof items)[number]) => boolean, key: 'transferSize' | 'resourceSize') =>
        items.filter(f).reduce((n, i) => n + (i[key] ?? 0), 0)
      const all = () => true
      const kb = (bytes: number) => `${fmt(bytes / 1024)} KB`
      const byType = (type: string) => {
        const match = (i: (typeof items)[number]) => i.resourceType === type
        return `${kb(sum(match, 'transferSize'))} of ${kb(sum(match, 'resourceSize'))}`
      }
      console.log(
        `| ${page.path} | ${fmt(score, 0)} | ${fmt(score / GOAL, 2)} | ${fmt(metric('first-contentful-paint'), 0)} ms | ${fmt(metric('largest-contentful-paint'), 0)} ms | ${fmt(metric('total-blocking-time'), 0)} ms | ${fmt(metric('cumulative-layout-shift'), 3)} | ${kb(sum(all, 'transferSize'))} | ${kb(sum(all, 'resourceSize'))} | ${byType('Document')} / ${byType('Script')} / ${byType('Stylesheet')} |`,
      )
    }
  } finally {
    await env.stop()
  }
}
