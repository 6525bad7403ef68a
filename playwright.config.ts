import { defineConfig } from '@playwright/test'
import { findChromium } from './scripts/find-chromium.js'

// Browser tests drive the Chromium scripts/find-chromium.js finds (LECTERN_CHROMIUM, Playwright's own, or one on
// PATH such as Debian's); `npm test` installs Playwright's when there is none (scripts/test-e2e.js). Its
// background services are switched off: on a machine without internet they would only fail and add noise.
const chromiumPath = findChromium()?.path

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
