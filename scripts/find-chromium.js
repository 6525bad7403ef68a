// Finds a Chromium for the browser tests (see scripts/test-e2e.js); playwright.config.ts uses it too, so
// `npx playwright test` finds the same browser as `npm test`.
import { accessSync, constants, existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { delimiter, join } from 'node:path'

const require = createRequire(import.meta.url)

/** Browser names looked for on PATH, in order. */
export const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome']

/** Where Playwright keeps its own Chromium (whether or not it is installed), or null when it cannot say. */
export function playwrightChromiumPath() {
  try {
    return require('@playwright/test').chromium.executablePath() || null
  } catch {
    return null
  }
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The Chromium to test with and where it was found, or null. `env.LECTERN_CHROMIUM` wins when set (even if it
 * names nothing: the run then fails on it, which is what the person who set it needs to see).
 */
export function findChromium({ env = process.env, playwrightPath = playwrightChromiumPath() } = {}) {
  if (env.LECTERN_CHROMIUM) return { path: env.LECTERN_CHROMIUM, from: 'LECTERN_CHROMIUM' }
  if (playwrightPath && existsSync(playwrightPath)) return { path: playwrightPath, from: "Playwright's own" }
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) {
      const path = join(dir, name)
      if (isExecutable(path)) return { path, from: 'PATH' }
    }
  }
  return null
}
