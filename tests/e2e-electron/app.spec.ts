import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
// Deliberately not the 'electron' package: its index.js starts a download when the binary is missing.
import { _electron, expect, test } from '@playwright/test'
import { METHOD_NAMES } from '../../src/shared/contract-names'
import { startFixtureSite } from '../support/fixture-site'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const ELECTRON_DIR = join(ROOT, 'node_modules', 'electron')

/** The installed Electron executable (node_modules/electron/path.txt → dist/<path>), or null. */
function electronBinary(): string | null {
  let relative: string
  try {
    relative = readFileSync(join(ELECTRON_DIR, 'path.txt'), 'utf8').trim()
  } catch {
    return null
  }
  if (!relative) return null
  const binary = join(ELECTRON_DIR, 'dist', relative)
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
const built = existsSync(join(ROOT, 'out', 'main', 'index.js'))

const NO_BINARY =
  'Electron binary not present (node_modules/electron/dist is missing; it cannot be downloaded here) — browser-mode e2e covers the app'
test.describe('Electron app', () => {
  test.skip(
    binary !== null && !built,
    'Electron app not built (out/main/index.js is missing) — run `npm run build` first'
  )

  test('opens the Lectern window with the contract bridge and no Node in the page', async () => {
    if (binary === null) {
      // Playwright's list reporter does not print skip reasons; say it in one line of the test output.
      console.log(`e2e-electron skipped: ${NO_BINARY}`)
      test.skip(true, NO_BINARY)
      return
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'lectern-e2e-electron-'))
    const env: Record<string, string> = {}
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value
    delete env.ELECTRON_RUN_AS_NODE
    env.LECTERN_DATA_DIR = dataDir

    const app = await _electron.launch({ executablePath: binary!, args: ['.'], cwd: ROOT, env })
    try {
      const page = await app.firstWindow()
      await page.waitForLoadState('domcontentloaded')
      await expect(page).toHaveTitle(/Lectern/)

      const keys = await page.evaluate(() => Object.keys((window as unknown as { lectern?: object }).lectern ?? {}))
      expect(keys.sort()).toEqual([...METHOD_NAMES, 'on'].sort())

      const globals = await page.evaluate(() => {
        const scope = globalThis as Record<string, unknown>
        return { require: typeof scope.require, process: typeof scope.process, module: typeof scope.module }
      })
      expect(globals).toEqual({ require: 'undefined', process: 'undefined', module: 'undefined' })

      // The bridge answers with a Result from the real core (empty library in a fresh data dir).
      const listed = await page.evaluate(() =>
        (
          window as unknown as { lectern: { listArticles(input: object): Promise<{ ok: boolean }> } }
        ).lectern.listArticles({})
      )
      expect(listed.ok).toBe(true)

      // The whole path once in the real shell: save, list, read with the image from the lectern: protocol.
      const site = await startFixtureSite()
      try {
        const input = page.getByLabel('Article URL')
        await input.fill(site.url('/articles/lighthouse'))
        await input.press('Enter')
        const entry = page
          .getByRole('list', { name: 'Articles' })
          .getByRole('listitem')
          .filter({ hasText: 'The Last Lighthouse Keeper' })
        await expect(entry).toBeVisible()
        await entry.getByRole('button', { name: 'The Last Lighthouse Keeper' }).click()
        const body = page.frameLocator('iframe[title="Article"]').locator('body')
        await expect(body).toContainText('one hundred and twelve steps')
        await expect
          .poll(() =>
            body.evaluate(
              (b) =>
                [...b.querySelectorAll('img')].filter(
                  (i) => i.naturalWidth > 0 && i.currentSrc.startsWith('lectern://')
                ).length
            )
          )
          .toBe(2)
      } finally {
        await site.close()
      }
    } finally {
      await app.close()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
