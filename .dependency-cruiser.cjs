// The floor plan of app/lib (docs/architecture.md): a module imports its own folder or a lower floor,
// never a higher one; nothing in app/ reads the seed data; no cycles anywhere.
const FLOORS = ['domain', 'registry', 'platform', 'requests', 'policy', 'erasure', 'consent', 'rectification', 'access', 'dpo']

const upward = FLOORS.slice(0, -1).map((floor, i) => ({
  name: `no-upward-from-${floor}`,
  comment: `app/lib/${floor} may import only ${FLOORS.slice(0, i + 1).join(', ')}`,
  severity: 'error',
  from: { path: `^app/lib/${floor}/` },
  to: { path: `^app/lib/(${FLOORS.slice(i + 1).join('|')})/` },
}))

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    ...upward,
    {
      name: 'lib-has-a-floor',
      comment: 'every module in app/lib lives in one of the floors',
      severity: 'error',
      from: { path: '^app/lib/[^/]+$' },
      to: {},
    },
    {
      name: 'lib-not-ui',
      comment: 'server logic does not import routes or components',
      severity: 'error',
      from: { path: '^app/lib/' },
      to: { path: '^app/(routes|components)/' },
    },
    {
      name: 'no-seed-data-in-app',
      comment: 'runtime code reads the registry from the database; slugs live in db/schema',
      severity: 'error',
      from: { path: '^(app|emails)/' },
      to: { path: '^db/seed' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ is shared with the browser: no server modules, no database',
      severity: 'error',
      from: { path: '^app/lib/domain/' },
      to: { path: ['\\.server\\.ts$', '^db/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^build/', '^public/', '^node_modules/', '\\.cache/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
}
