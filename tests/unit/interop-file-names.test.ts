import { describe, expect, it } from 'vitest'
import { safeStem, UniqueNames } from '../../src/core/interop/safe-file-name'

describe('file names made from titles', () => {
  it('never holds a path separator, a control character or a direction override', () => {
    expect(safeStem('../../etc/passwd')).toBe('-..-etc-passwd')
    expect(safeStem('a\\b/c')).toBe('a-b-c')
    expect(safeStem('tab\there\nnewline\u0000nul')).toBe('tab here newline nul')
    // U+202E would make "harmless\u202Efdp.exe" display as "harmlessexe.pdf".
    expect(safeStem('harmless\u202efdp.exe')).toBe('harmless fdp.exe')
    expect(safeStem('What? <Really> *now*')).toBe('What Really now')
  })

  it('avoids names Windows reserves, hidden dot files and trailing dots', () => {
    expect(safeStem('CON')).toBe('_CON')
    expect(safeStem('nul.txt')).toBe('_nul.txt')
    expect(safeStem('com1')).toBe('_com1')
    expect(safeStem('Console wars')).toBe('Console wars')
    expect(safeStem('.hidden')).toBe('hidden')
    expect(safeStem('The end...')).toBe('The end')
    expect(safeStem('   ')).toBe('Untitled')
    expect(safeStem('///')).toBe('---')
  })

  it('caps the length in bytes without splitting a character or an emoji', () => {
    const long = safeStem('é'.repeat(200))
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(120)
    expect(long).toBe('é'.repeat(60))
    const family = '👨‍👩‍👧'.repeat(40)
    const capped = safeStem(family)
    expect(Buffer.byteLength(capped)).toBeLessThanOrEqual(120)
    expect(capped.length % '👨‍👩‍👧'.length).toBe(0)
  })

  it('hands out unique names, ignoring case and already-present files', () => {
    const names = new UniqueNames(['Report.md'])
    expect(names.claim('Report', '.md')).toBe('Report (2).md')
    expect(names.claim('REPORT', '.md')).toBe('REPORT (3).md')
    expect(names.claim('Report', '.html')).toBe('Report.html')
    names.reserve('assets')
    expect(names.claim('assets', '')).toBe('assets (2)')
  })
})
