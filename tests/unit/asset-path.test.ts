import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveAssetPath } from '../../src/core/library/asset-path'

const dataDir = resolve('/tmp/lectern-data')
const sha = 'c'.repeat(64)

describe('resolveAssetPath', () => {
  it('maps an article image to its file inside the article folder', () => {
    expect(resolveAssetPath(dataDir, 'mx1-abc', `assets/${sha}.png`)).toBe(
      join(dataDir, 'articles', 'mx1-abc', 'assets', `${sha}.png`)
    )
  })

  it('refuses traversal, absolute paths, other files and malformed ids', () => {
    const attempts: Array<[string, string]> = [
      ['..', `assets/${sha}.png`],
      ['mx1-abc', `../other/assets/${sha}.png`],
      ['mx1-abc', `assets/../../../library.json`],
      ['mx1-abc', '/etc/passwd'],
      ['mx1-abc', 'content.html'],
      ['mx1-abc', 'source.html.gz'],
      ['mx1-abc', `assets/${sha}.svg`],
      ['mx1-abc', `assets/${sha}.png\0.txt`],
      ['MX1/../x', `assets/${sha}.png`],
      ['mx1-abc', `assets%2F..%2F${sha}.png`]
    ]
    for (const [id, rel] of attempts) expect(resolveAssetPath(dataDir, id, rel), `${id} ${rel}`).toBeNull()
  })
})
