import path from 'node:path'
import { projectRoot } from '#db/runtime'
import { processEnv } from '~/lib/platform/env.server'

// Where `remix build` put the server bundle and the browser assets (remix.config.js reads the same variable).
export function buildPaths() {
  const out = processEnv().PORTAL_BUILD_DIR
  if (!out) return { serverBuild: path.join(projectRoot, 'build', 'index.js'), assets: path.join(projectRoot, 'public', 'build') }
  const dir = path.resolve(projectRoot, out)
  return { serverBuild: path.join(dir, 'index.js'), assets: path.join(dir, 'public', 'build') }
}
