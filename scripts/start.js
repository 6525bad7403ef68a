#!/usr/bin/env node
// What `npm start` runs: build the app with electron-vite and launch it in Electron. Electron's binary is
// fetched by its own postinstall; when it is missing we try that download once, quietly, and if it still
// is not there we say so in one line and point at browser mode instead of printing a stack trace.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron')

export const NO_ELECTRON_MESSAGE =
  'Lectern: the Electron binary is not available (it could not be downloaded). Run "npm run web" to use Lectern in your browser instead.'

/**
 * The Electron executable if it is installed, else null. Reads node_modules/electron/path.txt and checks
 * dist/<path> exists. Deliberately does not require('electron'): its index.js starts a download when the
 * binary is missing.
 */
export function findElectronBinary(electronDir = ELECTRON_DIR) {
  let relative
  try {
    relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim()
  } catch {
    return null
  }
  if (!relative) return null
  const binary = join(electronDir, 'dist', relative)
  return existsSync(binary) ? binary : null
}

/**
 * Runs electron's own installer once, with its output captured (a failed download is explained by our
 * one-line message, not by its stack trace). LECTERN_SKIP_ELECTRON_DOWNLOAD=1 skips the attempt.
 * Returns true when the installer says it succeeded.
 */
export function tryDownloadElectron(electronDir = ELECTRON_DIR, env = process.env) {
  if (env.LECTERN_SKIP_ELECTRON_DOWNLOAD === '1') return false
  const installer = join(electronDir, 'install.js')
  if (!existsSync(installer)) return false
  const result = spawnSync(process.execPath, [installer], {
    cwd: electronDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: 5 * 60_000
  })
  return result.status === 0
}

/** Builds the app exactly as `npm run build` does (scripts/build.js). */
function build() {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build.js')], { cwd: ROOT, stdio: 'inherit' })
  return result.status ?? 1
}

/** Launches Electron on the project and resolves with its exit code. */
function launch(binary, env) {
  const childEnv = { ...env }
  // Inherited from some tools (and from Electron itself); it would make the binary behave as plain Node.
  delete childEnv.ELECTRON_RUN_AS_NODE
  return new Promise((resolve) => {
    const child = spawn(binary, ['.'], { cwd: ROOT, stdio: 'inherit', env: childEnv })
    const forward = (signal) => {
      if (!child.killed) child.kill(signal)
    }
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('error', (error) => {
      process.stderr.write(`Lectern: could not start Electron (${error.message}).\n`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward)
      process.off('SIGTERM', forward)
      resolve(code ?? (signal ? 1 : 0))
    })
  })
}

/** `npm start`. Returns the exit code. */
export async function main({ electronDir = ELECTRON_DIR, env = process.env } = {}) {
  let binary = findElectronBinary(electronDir)
  if (binary === null && tryDownloadElectron(electronDir, env)) binary = findElectronBinary(electronDir)
  if (binary === null) {
    process.stderr.write(`${NO_ELECTRON_MESSAGE}\n`)
    return 1
  }
  const built = build()
  if (built !== 0) return built
  return launch(binary, env)
}

const invokedDirectly = (() => {
  try {
    return process.argv[1] !== undefined && pathToFileURL(realpathSync(process.argv[1])).href === import.meta.url
  } catch {
    return false
  }
})()

if (invokedDirectly) process.exit(await main())
