import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// scripts/start.js is plain JS (what `npm start` runs); load it by URL so TypeScript does not need types.
interface StartScript {
  NO_ELECTRON_MESSAGE: string
  findElectronBinary(electronDir?: string): string | null
  tryDownloadElectron(electronDir?: string, env?: NodeJS.ProcessEnv): boolean
  main(options?: { electronDir?: string; env?: NodeJS.ProcessEnv }): Promise<number>
}
const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SCRIPT = join(ROOT, 'scripts', 'start.js')
const load = async (): Promise<StartScript> =>
  (await import(/* @vite-ignore */ pathToFileURL(SCRIPT).href)) as StartScript

const MESSAGE =
  'Lectern: the Electron binary is not available (it could not be downloaded). Run "npm run web" to use Lectern in your browser instead.'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lectern-start-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('scripts/start.js', () => {
  it('finds the binary only when path.txt names a file under dist/', async () => {
    const { findElectronBinary } = await load()
    expect(findElectronBinary(dir)).toBeNull() // no path.txt
    await writeFile(join(dir, 'path.txt'), 'electron')
    expect(findElectronBinary(dir)).toBeNull() // path.txt, no dist/
    await mkdir(join(dir, 'dist'))
    await writeFile(join(dir, 'dist', 'electron'), '')
    expect(findElectronBinary(dir)).toBe(join(dir, 'dist', 'electron'))
  })

  it('tries the download once, silently, then prints exactly one line and fails', async () => {
    const { main } = await load()
    // A stand-in for electron's install.js that fails noisily, as it does offline.
    const marker = join(dir, 'ran-installer')
    await writeFile(
      join(dir, 'install.js'),
      `require('node:fs').appendFileSync(${JSON.stringify(marker)}, 'x'); console.log('Downloading...'); console.error('RequestError: getaddrinfo ENOTFOUND github.com'); process.exit(1)`
    )
    await writeFile(join(dir, 'package.json'), '{"type":"commonjs"}')
    const writes: string[] = []
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk))
      return true
    })
    try {
      await expect(
        main({ electronDir: dir, env: { ...process.env, LECTERN_SKIP_ELECTRON_DOWNLOAD: '' } })
      ).resolves.toBe(1)
    } finally {
      spy.mockRestore()
    }
    expect(writes).toEqual([`${MESSAGE}\n`])
    const { readFile } = await import('node:fs/promises')
    expect(await readFile(marker, 'utf8')).toBe('x')
  })

  it('skips the download when LECTERN_SKIP_ELECTRON_DOWNLOAD=1', async () => {
    const { tryDownloadElectron } = await load()
    await writeFile(join(dir, 'install.js'), 'process.exit(0)')
    expect(tryDownloadElectron(dir, { LECTERN_SKIP_ELECTRON_DOWNLOAD: '1' })).toBe(false)
  })

  it('as `npm start` without a binary: one line on stderr, exit 1', async () => {
    const { findElectronBinary } = await load()
    // Only meaningful (and only safe: it would build and launch the app) where Electron is absent.
    if (findElectronBinary() !== null) return
    const result = spawnSync(process.execPath, [SCRIPT], {
      cwd: ROOT,
      env: { ...process.env, LECTERN_SKIP_ELECTRON_DOWNLOAD: '1' },
      encoding: 'utf8'
    })
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`${MESSAGE}\n`)
    expect(result.stdout).toBe('')
  })
})
