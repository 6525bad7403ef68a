import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/index'
import { fixtureArticle } from '../support/library-fixtures'
import { seedLibrary } from '../support/seed-library'
import { tempDir } from '../support/temp-dir'

let dir: ReturnType<typeof tempDir>
beforeEach(() => {
  dir = tempDir()
})
afterEach(() => dir.remove())

/** Runs the CLI in-process and captures what it prints. */
async function lectern(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true))
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true))
  try {
    return { code: await main([...args, '--data-dir', dir.path]), stdout, stderr }
  } finally {
    out.mockRestore()
    err.mockRestore()
  }
}

describe('lectern command-line conventions', () => {
  it('refuses options a command does not have, and wrong usage, with exit 2 and one line on stderr', async () => {
    for (const args of [
      ['list', '--port', '5'],
      ['list', '--view', 'later'],
      ['read'],
      ['read', 'a1', 'a2'],
      ['search', 'x', '--limit', '0'],
      ['serve', '--port', '99999'],
      ['add', '--timeout', 'soon', 'https://example.test/'],
      ['extract', 'page.html']
    ]) {
      const result = await lectern(...args)
      expect({ args, code: result.code, stdout: result.stdout }).toEqual({ args, code: 2, stdout: '' })
      expect(result.stderr).toMatch(/^lectern: [^\n]+\n$/)
    }
  })

  it('gives every command its own generated help', async () => {
    const list = await lectern('list', '--help')
    expect(list).toMatchObject({ code: 0, stderr: '' })
    expect(list.stdout).toMatch(/Usage: lectern list/)
    expect(list.stdout).toMatch(/--view <view>/)
    expect(list.stdout).toMatch(/--data-dir <dir>/)
    expect(list.stdout).not.toMatch(/--port/)
    const top = await lectern('--help')
    expect(top.code).toBe(0)
    for (const command of ['add', 'list', 'read', 'search', 'reextract', 'delete', 'serve', 'extract'])
      expect(top.stdout).toMatch(new RegExp(`\\n  ${command} `))
  })

  it('reads through the contract: a missing content.txt is one clear line, not a stack trace', async () => {
    const article = fixtureArticle(1)
    await seedLibrary(dir.path, [article])
    const result = await lectern('read', article.id)
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^lectern: The plain text of this article \(content\.txt\) is missing[^\n]*\n$/)
  })
})
