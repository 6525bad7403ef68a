import { defineConfig } from '@playwright/test'

// Browser tests drive Debian's Chromium (never a downloaded browser). Its background services are
// switched off: on a machine without internet they would only fail and add noise.
const chromiumPath = process.env.LECTERN_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'browser',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run'
          ]
        }
      }
    },
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts' }
  ]
})
