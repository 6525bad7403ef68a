import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, test } from '@playwright/test'
import { tempDir } from '../support/temp-dir'

const bin = fileURLToPath(new URL('../../bin/lectern.js', import.meta.url))

// `lectern … | head -1` closes the pipe early; the command must end quietly, not with an EPIPE trace.
test('a command whose output pipe closes early exits quietly', async () => {
  const dir = tempDir('lectern-pipe-')
  try {
    const child = spawn(process.execPath, [bin, 'list', '--data-dir', dir.path], { stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.destroy() // the reader is gone before the command writes anything
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
    expect(stderr).not.toContain('EPIPE')
    expect(code).toBe(0)
  } finally {
    dir.remove()
  }
})
