import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { findChromium } from '../../scripts/find-chromium.js'

// scripts/test-e2e.js is plain JS (what `npm run test:e2e` runs); loaded by URL so TypeScript needs no types.
interface TestE2eScript {
  NO_CHROMIUM_MESSAGE: string
  main(args: string[], env: NodeJS.ProcessEnv, find: () => null): Promise<number>
}
const SCRIPT = fileURLToPath(new URL('../../scripts/test-e2e.js', import.meta.url))

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-e2e-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function executable(path: string): Promise<string> {
  await mkdir(join(path, '..'), { recursive: true })
  await writeFile(path, '#!/bin/sh\n')
  await chmod(path, 0o755)
  return path
}

describe('finding a Chromium for the browser tests', () => {
  it('takes LECTERN_CHROMIUM, else Playwright’s own, else chromium, chromium-browser, google-chrome on PATH', async () => {
    const own = await executable(join(dir, 'ms-playwright', 'chrome'))
    const first = join(dir, 'bin1')
    const second = join(dir, 'bin2')
    const chrome = await executable(join(first, 'google-chrome'))
    const chromium = await executable(join(second, 'chromium'))
    const PATH = [first, second].join(delimiter)
    expect(findChromium({ env: { LECTERN_CHROMIUM: '/opt/c/chrome', PATH }, playwrightPath: own })).toEqual({
      path: '/opt/c/chrome',
      from: 'LECTERN_CHROMIUM'
    })
    expect(findChromium({ env: { PATH }, playwrightPath: own })?.path).toBe(own)
    // PATH order first, then the names in order within each folder.
    expect(findChromium({ env: { PATH }, playwrightPath: join(dir, 'not-installed') })?.path).toBe(chrome)
    expect(findChromium({ env: { PATH: second }, playwrightPath: null })?.path).toBe(chromium)
    await writeFile(join(dir, 'chromium'), 'not executable')
    expect(findChromium({ env: { PATH: dir }, playwrightPath: null })).toBeNull()
  })

  it('stops before the browser tests with one line saying what to run when there is none', async () => {
    const { main, NO_CHROMIUM_MESSAGE } = (await import(/* @vite-ignore */ pathToFileURL(SCRIPT).href)) as TestE2eScript
    let stderr = ''
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
    try {
      expect(await main([], { PATH: dir, LECTERN_SKIP_BROWSER_INSTALL: '1' }, () => null)).toBe(1)
    } finally {
      spy.mockRestore()
    }
    expect(stderr).toBe(`${NO_CHROMIUM_MESSAGE}\n`)
    expect(stderr).toContain('sudo apt-get install chromium')
  })
})
