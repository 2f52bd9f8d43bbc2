// The portal's process: database (embedded unless DATABASE_URL is set), migrations, demo data,
// background workers, and the HTTP server with the security baseline in front of Remix.
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import express from 'express'
import type { ServerBuild } from '@remix-run/node'
import { provideDatabase, projectRoot } from '#db/runtime'
import { migrateDatabase } from '#db/migrate'
import { seedDatabase } from '#db/seed'
import { loadEnv } from '~/lib/platform/env.server'
import { errorHandler } from './errors'
import { bodySizeLimit, securityHeaders, sameOriginGuard, withNonce } from './security'
import { startBackgroundWorkers } from './workers'
import { compressResponses } from './compression'
import { buildPaths } from './build-paths'
// Remix's adapter with backpressure for streamed bodies (the access package); see server/remix-handler.ts
import { createRequestHandler } from './remix-handler'

const startedAt = Date.now()
const database = await provideDatabase()
const env = loadEnv()
await migrateDatabase(database.url)
// the registry is always seeded into an empty database; demo people only when asked
await seedDatabase(database.url, { reset: false, demo: env.SEED_DEMO_DATA })

const paths = buildPaths()
const build = (await import(pathToFileURL(paths.serverBuild).href)) as ServerBuild
const { getLoadContext } = await import('./context')
const workers = await startBackgroundWorkers(env, database.url)

const app = express()
app.disable('x-powered-by')
// a number, never `true`: with `true` the client's own leftmost X-Forwarded-For entry would be its address
app.set('trust proxy', env.trustProxyHops)
if (env.trustProxyNote) console.warn(env.trustProxyNote)
app.use(withNonce)
app.use(securityHeaders)
// first, so that no guard's answer leaves an unread chunked body to be drained
app.use(bodySizeLimit)
app.use(compressResponses)
app.use('/build', express.static(paths.assets, { immutable: true, maxAge: '1y', index: false }))
app.use(express.static(path.join(projectRoot, 'public'), { maxAge: '1h', index: false }))
app.use(sameOriginGuard)
app.all('*', createRequestHandler({ build, mode: build.mode, getLoadContext }))
app.use(errorHandler)

const server = app.listen(env.PORT, env.HOST, () => {
  console.log(`Portal ready at http://localhost:${env.PORT} (${database.description}; started in ${Date.now() - startedAt} ms)`)
})

let shuttingDown = false
async function shutdown(signal: string) {
  if (shuttingDown) return
  shuttingDown = true
  console.log(`${signal}: shutting down`)
  // a hung step must not keep the embedded PostgreSQL's port and data folder forever
  setTimeout(() => process.exit(1), 15_000).unref()
  const closed = new Promise((resolve) => server.close(resolve))
  server.closeIdleConnections()
  setTimeout(() => server.closeAllConnections(), 3_000).unref()
  await closed
  await workers.stop()
  const { closeDb } = await import('#db/client.server')
  await closeDb()
  await database.stop()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
