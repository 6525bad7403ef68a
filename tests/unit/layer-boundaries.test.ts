import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

// The layer table of ARCHITECTURE.md, checked on the sources themselves (ESLint checks it too; this test
// keeps it true even when lint is not run).
const root = join(import.meta.dirname, '../../src')

function sources(folder: string): string[] {
  const dir = join(root, folder)
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)
  ].map((m) => (m[1] ?? m[2]) as string)
}

function offenders(folder: string, forbidden: (spec: string) => boolean): string[] {
  return sources(folder).flatMap((file) =>
    imports(file)
      .filter(forbidden)
      .map((spec) => `${relative(root, file)} imports ${spec}`)
  )
}

const layer = (spec: string, name: string) =>
  new RegExp(`(^|/)\\.\\.?/(.*/)?${name}(/|$)`).test(spec) && !spec.startsWith('./')

describe('layer boundaries', () => {
  it('src/core never imports electron', () => {
    expect(offenders('core', (s) => s === 'electron' || s.startsWith('electron/'))).toEqual([])
  })

  it('src/shared imports no runtime: no node:, electron, or other layers', () => {
    expect(
      offenders(
        'shared',
        (s) =>
          s.startsWith('node:') ||
          s === 'electron' ||
          ['core', 'main', 'renderer', 'server', 'cli', 'preload'].some((l) => layer(s, l))
      )
    ).toEqual([])
  })

  it('the renderer reaches the core only through the contract', () => {
    expect(
      offenders(
        'renderer',
        (s) =>
          s.startsWith('node:') ||
          s === 'electron' ||
          ['core', 'main', 'server', 'cli', 'preload'].some((l) => layer(s, l))
      )
    ).toEqual([])
  })

  it('server and CLI do not depend on electron', () => {
    expect([...offenders('server', (s) => s === 'electron'), ...offenders('cli', (s) => s === 'electron')]).toEqual([])
  })

  it('the CLI reaches the library only through the contract: it imports no store module and not dispatch', () => {
    // From src/core the CLI opens the core, calls it through createLocalApi, and otherwise uses only what
    // touches no library: where it lives, the fetch limits, reading the user's file, extraction alone (the
    // extract worker pool, as imports use it).
    const allowed = new Set([
      'create-core',
      'local-api',
      'library/data-dir',
      'import/import-limits',
      'import/read-local-file',
      'import/extract-pool'
    ])
    const coreModule = (spec: string) => /(?:^|\/)core\/(.+)$/.exec(spec)?.[1]
    expect(
      offenders('cli', (s) => {
        const module = coreModule(s)
        return module !== undefined && layer(s, 'core') && !allowed.has(module)
      })
    ).toEqual([])
  })

  it('only src/core/library touches library files: others use its public modules and never name its files', () => {
    // The store (its API and its change announcements), where the data dir is, its lock, and asset paths.
    const publicModules = new Set(['library-store', 'library-changes', 'data-dir', 'data-lock', 'asset-path'])
    const folders = ['core', 'cli', 'server', 'main', 'preload', 'renderer', 'shared']
    const outside = folders
      .flatMap((folder) =>
        offenders(folder, (s) => {
          const module = /(?:^|\/)library\/([^/]+)$/.exec(s)?.[1]
          return (
            module !== undefined &&
            (s.includes('core/library/') || s.startsWith('../library/') || s.startsWith('./library/')) &&
            !publicModules.has(module)
          )
        })
      )
      .filter((line) => !line.startsWith('core/library/'))
    expect(outside).toEqual([])
    const naming = folders
      .flatMap((folder) => sources(folder))
      .filter((file) => !relative(root, file).startsWith('core/library/'))
      .filter((file) => /['"`][^'"`\n]*(?:library\.json|meta-\d)[^'"`\n]*['"`]/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file))
    expect(naming).toEqual([])
  })
})
