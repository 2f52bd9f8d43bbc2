// PORTAL_BUILD_DIR lets several builds live side by side (e.g. parallel test runs); see server/build-paths.ts
const out = process.env.PORTAL_BUILD_DIR

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ...(out ? { serverBuildPath: `${out}/index.js`, assetsBuildDirectory: `${out}/public/build` } : {}),
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
}
