import { describe, expect, it, vi } from 'vitest'
import type { LecternApi } from '../../src/shared/contract'
import { createElectronClient } from '../../src/renderer/src/api/electron-client'
import { stripTokenQuery } from '../../src/renderer/src/api/strip-token-query'

describe('createElectronClient', () => {
  it('uses the bridge as the api, lectern: for assets, and opens only safe links', async () => {
    const openExternal = vi.fn(async () => ({ ok: true as const, value: { opened: true } }))
    const bridge = { openExternal } as unknown as LecternApi
    const client = createElectronClient(bridge)
    expect(client.api).toBe(bridge)
    expect(client.assetBase('abc-1')).toBe('lectern://articles/abc-1/')
    await client.openExternal('javascript:alert(1)')
    await client.openExternal('lectern://articles/x/')
    await client.openExternal('mailto:me@example.test')
    expect(openExternal).toHaveBeenCalledTimes(1)
    expect(openExternal).toHaveBeenCalledWith({ url: 'mailto:me@example.test' })
  })
})

describe('stripTokenQuery', () => {
  it('removes only the token from the address bar', () => {
    history.replaceState(null, '', '/?token=secret&view=inbox#top')
    stripTokenQuery()
    expect(location.search).toBe('?view=inbox')
    expect(location.hash).toBe('#top')
    expect(location.href).not.toContain('secret')
  })

  it('leaves an address without a token untouched', () => {
    history.replaceState(null, '', '/plain')
    const spy = vi.spyOn(history, 'replaceState')
    stripTokenQuery()
    expect(spy).not.toHaveBeenCalled()
    spy.mockRestore()
  })
})
