import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'
import { DEFAULT_SETTINGS, type AddUrlResult, type ArticleMeta, type Settings } from '../../src/shared/types'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { readStoredArticles } from '../support/library-files'
import { callCore } from '../support/call-core'
import { tempDir } from '../support/temp-dir'

let site: FixtureSite
let dir: ReturnType<typeof tempDir>
let core: LecternCore

beforeAll(async () => {
  site = await startFixtureSite()
})
afterAll(() => site.close())
beforeEach(async () => {
  dir = tempDir()
  core = await createCore({ dataDir: dir.path })
})
afterEach(async () => {
  await core.close()
  dir.remove()
})

const call = <T>(method: string, input: unknown): Promise<T> => callCore<T>(core, method, input)

describe('reading settings', () => {
  it('start at the defaults, persist across a restart, and announce changes', async () => {
    expect(await call<Settings>('getSettings', {})).toEqual(DEFAULT_SETTINGS)
    const seen: Settings[] = []
    core.events.on('settingsChanged', (s) => seen.push(s))
    await call('updateSettings', { theme: 'dark', fontSize: 22 })
    expect(seen).toMatchObject([{ theme: 'dark', fontSize: 22 }])
    await core.close()
    core = await createCore({ dataDir: dir.path })
    expect(await call<Settings>('getSettings', {})).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', fontSize: 22 })
  })

  it('refuse values out of range or unknown keys, and survive a damaged file', async () => {
    expect(await dispatch(core.handlers, 'updateSettings', { fontSize: 400 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    expect(await dispatch(core.handlers, 'updateSettings', { evil: true })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
    await core.close()
    writeFileSync(join(dir.path, 'settings.json'), '{"theme":"sepia","fontSize":"huge", "lineHeight": 1.8')
    core = await createCore({ dataDir: dir.path })
    expect(await call<Settings>('getSettings', {})).toEqual(DEFAULT_SETTINGS)
    await core.close()
    writeFileSync(join(dir.path, 'settings.json'), '{"theme":"sepia","fontSize":"huge"}')
    core = await createCore({ dataDir: dir.path })
    expect(await call<Settings>('getSettings', {})).toEqual({ ...DEFAULT_SETTINGS, theme: 'sepia' })
  })
})

describe('reading progress', () => {
  it('is saved, and reaching the end marks the article read (and archives it when set)', async () => {
    const { article } = await call<AddUrlResult>('addUrl', { url: site.url('/articles/lighthouse') })
    expect(await call<ArticleMeta>('setProgress', { id: article.id, progress: 0.4 })).toMatchObject({
      progress: 0.4,
      readAt: null,
      state: 'unread'
    })
    await core.flush() // saves are coalesced; on disk within about a second, now when asked
    expect(readStoredArticles(dir.path).find((a) => a.id === article.id)?.progress).toBe(0.4)

    await call('updateSettings', { archiveOnFinish: true })
    const finished = await call<ArticleMeta>('setProgress', { id: article.id, progress: 1 })
    expect(finished.readAt).not.toBeNull()
    expect(finished.state).toBe('archived')
    expect(await dispatch(core.handlers, 'setProgress', { id: article.id, progress: 1.5 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' }
    })
  })
})
