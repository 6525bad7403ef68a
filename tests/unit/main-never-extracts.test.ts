import { existsSync, readFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

// The Electron main process answers the window: it fetches, stores and indexes, and never parses a page.
// Parsing, extraction and sanitizing run in the extract workers (src/core/extract/extract-worker.ts),
// which are started by file name, not imported. This follows every runtime import (static and dynamic,
// not `import type`) from the main process's entry and fails if one reaches the page reader.

const root = resolve(__dirname, '../..')
const READER_PACKAGES = [
  '@mozilla/readability',
  'linkedom',
  'jsdom',
  'sanitize-html',
  'dompurify',
  'chardet',
  'iconv-lite',
  'html-encoding-sniffer'
]

/** Every module reachable from `entry` through runtime imports: project files and package names. */
function runtimeGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>()
  const packages = new Set<string>()
  const visit = (file: string): void => {
    if (files.has(file)) return
    files.add(file)
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
    const specifiers: string[] = []
    const walk = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
        specifiers.push((node.moduleSpecifier as ts.StringLiteral).text)
      } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier) {
        specifiers.push((node.moduleSpecifier as ts.StringLiteral).text)
      } else if (
        ts.isCallExpression(node) &&
        node.expression.kind === ts.SyntaxKind.ImportKeyword &&
        node.arguments[0] &&
        ts.isStringLiteral(node.arguments[0])
      ) {
        specifiers.push(node.arguments[0].text)
      }
      ts.forEachChild(node, walk)
    }
    walk(source)
    for (const spec of specifiers) {
      if (!spec.startsWith('.')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] as string))
        continue
      }
      const base = resolve(dirname(file), spec)
      const found = ['.ts', '.tsx', '/index.ts', '']
        .map((ext) => base + ext)
        .find((p) => existsSync(p) && !p.endsWith('/'))
      if (found && /\.tsx?$/.test(found)) visit(found)
    }
  }
  visit(entry)
  return { files, packages }
}

describe('the Electron main process never runs extraction', () => {
  const main = runtimeGraph(resolve(root, 'src/main/index.ts'))
  const names = [...main.files].map((file) => relative(root, file))

  it('reaches the import pipeline and its worker pool (so this check sees what a save loads)', () => {
    expect(names).toContain('src/core/import/import-url.ts')
    expect(names).toContain('src/core/import/extract-pool.ts')
  })

  it('loads no page parser, extractor, sanitizer or charset decoder', () => {
    expect(names.filter((name) => name.startsWith('src/core/extract/'))).toEqual([])
    expect([...main.packages].filter((name) => READER_PACKAGES.includes(name))).toEqual([])
  })

  it('while the extract worker does (the check would notice them)', () => {
    const worker = runtimeGraph(resolve(root, 'src/core/extract/extract-worker.ts'))
    expect([...worker.packages]).toEqual(expect.arrayContaining(['@mozilla/readability', 'linkedom', 'sanitize-html']))
  })
})
