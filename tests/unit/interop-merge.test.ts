import { describe, expect, it } from 'vitest'
import type { ImportedItem } from '../../src/core/interop/import-types'
import { newItem } from '../../src/core/interop/import-values'
import { dedupeImported, importKey, mergeImported } from '../../src/core/interop/merge-imported'
import { articleMeta } from '../support/article-meta'

const item = (overrides: Partial<ImportedItem>): ImportedItem => ({
  ...newItem('https://example.test/a', 'line 2'),
  ...overrides
})

describe('mergeImported: an import meets an article already in the library', () => {
  const existing = articleMeta({
    id: 'a1',
    savedAt: '2024-05-01T00:00:00.000Z',
    tags: ['ai'],
    favorite: false,
    state: 'unread',
    progress: 0.2
  })

  it('keeps the earliest saved date, the union of tags, favorite or archived if either says so', () => {
    const { change, changed } = mergeImported(
      existing,
      item({
        savedAt: '2019-01-01T00:00:00.000Z',
        tags: ['ai', 'papers'],
        favorite: true,
        state: 'archived',
        progress: 0.9
      })
    )
    expect(changed).toBe(true)
    expect(change).toEqual({
      savedAt: '2019-01-01T00:00:00.000Z',
      tags: ['ai', 'papers'],
      favorite: true,
      state: 'archived',
      progress: 0.9
    })
  })

  it('never undoes what the library says: a later date, unread, not favorite change nothing', () => {
    const library = { ...existing, favorite: true, state: 'archived' as const }
    const { change, changed } = mergeImported(
      library,
      item({ savedAt: '2025-01-01T00:00:00.000Z', tags: ['ai'], favorite: false, state: 'unread', progress: 0.1 })
    )
    expect(changed).toBe(false)
    expect(change).toEqual({})
  })

  it('changes nothing for an item that says nothing', () => {
    expect(mergeImported(existing, item({})).changed).toBe(false)
  })
})

describe('dedupeImported: the same article twice in one file', () => {
  it('folds duplicates by normalized address with the same rule and counts them', () => {
    const { items, merged } = dedupeImported([
      item({
        url: 'https://example.test/a?utm_source=feed',
        savedAt: '2024-01-02T00:00:00.000Z',
        tags: ['x'],
        origin: 'line 2'
      }),
      item({ url: 'https://example.test/b', origin: 'line 3' }),
      item({
        url: 'https://example.test/a#comments',
        savedAt: '2023-01-01T00:00:00.000Z',
        tags: ['y'],
        state: 'archived',
        favorite: false,
        title: 'A',
        highlights: [{ quote: 'q', note: null, color: null, createdAt: null }],
        origin: 'line 4'
      }),
      item({ url: 'https://example.test/a', highlights: [{ quote: 'q', note: null, color: null, createdAt: null }] })
    ])
    expect(merged).toBe(2)
    expect(items.map((i) => i.origin)).toEqual(['line 2', 'line 3'])
    expect(items[0]).toMatchObject({
      url: 'https://example.test/a?utm_source=feed',
      savedAt: '2023-01-01T00:00:00.000Z',
      tags: ['x', 'y'],
      state: 'archived',
      favorite: false,
      title: 'A',
      highlights: [{ quote: 'q', note: null, color: null, createdAt: null }]
    })
  })

  it('matches addresses the way the library recognises saved articles', () => {
    expect(importKey('example.test/a?b=2&a=1&utm_medium=x#top')).toBe('https://example.test/a?a=1&b=2')
    expect(importKey('mailto:someone@example.test')).toBeNull()
  })
})
