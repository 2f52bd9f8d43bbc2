import { register } from 'node:module'
import { defineConfig, devices } from '@playwright/test'

// the app imports its JSON catalogues the way the Remix compiler wants them (tests/support/json-modules.mjs)
register('./tests/support/json-modules.mjs', import.meta.url)

// The global setup starts a throwaway PostgreSQL and the portal on this port (tests/support/global-setup.ts).
process.env.TEST_APP_PORT ??= '3999'
const baseURL = `http://localhost:${process.env.TEST_APP_PORT}`

export default defineConfig({
  globalSetup: './tests/support/global-setup.ts',
  // Hang guards, not speed checks: a passing test never waits for them. CI machines are shared; under a load of
  // 20 on two cores a long German walk took over a minute, and a page answer over ten seconds.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  forbidOnly: true,
  retries: 0,
  workers: 2,
  reporter: [['list']],
  use: { baseURL, trace: 'retain-on-failure' },
  projects: [
    { name: 'integration', testDir: './tests/integration' },
    {
      name: 'e2e',
      testDir: './tests/e2e',
      use: {
        ...devices['Desktop Chrome'],
        baseURL,
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu'],
        },
      },
    },
  ],
})
