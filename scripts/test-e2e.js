#!/usr/bin/env node
// What `npm run test:e2e` (the last step of `npm test`) runs: find a Chromium for the browser tests, then run
// Playwright with it. Looked for in order: LECTERN_CHROMIUM; Playwright's own Chromium, if installed; chromium,
// chromium-browser or google-chrome on PATH; else Playwright's Chromium is installed (`npx playwright install
// chromium`, quietly: it needs its download host). Without any, the browser tests do not start and one line
// says what to run, instead of one stack trace per test.
import { spawn, spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { findChromium } from './find-chromium.js'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const PLAYWRIGHT_CLI = join(ROOT, 'node_modules', '@playwright', 'test', 'cli.js')

export const NO_CHROMIUM_MESSAGE =
  'Lectern: no Chromium for the browser tests; install one with "sudo apt-get install chromium" (or set LECTERN_CHROMIUM to a Chromium binary), then run npm test again.'

/**
 * Installs Playwright's Chromium (`npx playwright install chromium`), its output captured: a failed download
 * is explained by our one line. LECTERN_SKIP_BROWSER_INSTALL=1 skips it. True when the installer succeeded.
 */
export function tryInstallChromium(env = process.env) {
  if (env.LECTERN_SKIP_BROWSER_INSTALL === '1') return false
  // What `npx playwright install chromium` runs, without npx looking anything up.
  const result = spawnSync(process.execPath, [PLAYWRIGHT_CLI, 'install', 'chromium'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 10 * 60_000
  })
  return result.status === 0
}

/** `npm run test:e2e [-- playwright args]`. Returns the exit code. */
export async function main(args = process.argv.slice(2), env = process.env, find = findChromium) {
  let found = find({ env })
  if (found === null && tryInstallChromium(env)) found = find({ env })
  if (found === null) {
    process.stderr.write(`${NO_CHROMIUM_MESSAGE}\n`)
    return 1
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'test', ...args], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...env, LECTERN_CHROMIUM: found.path }
    })
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url
  } catch {
    return false
  }
})()

if (invokedDirectly) process.exit(await main())
