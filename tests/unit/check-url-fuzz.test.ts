import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { checkWebUrl, chooseCanonical, normalizeUrl } from '../../src/core/import/check-url'
import { LecternError } from '../../src/shared/errors'

// The URL checker stands between what a user pastes (or a list, a feed, a page's canonical link) and the
// fetcher: only http(s) without credentials gets through, everything else is an expected failure with a
// stable code, never a crash. Fixed seeds: a failure reproduces, and fast-check prints it shrunk.

type Outcome = { ok: URL } | { code: string }

function check(raw: string): Outcome {
  try {
    return { ok: checkWebUrl(raw) }
  } catch (error) {
    // Expected failures are LecternErrors with one of two codes; anything else is a bug.
    expect(error).toBeInstanceOf(LecternError)
    return { code: (error as LecternError).code }
  }
}

function expectAcceptedIsWeb(outcome: Outcome): void {
  if ('code' in outcome) {
    expect(['INVALID_URL', 'UNSUPPORTED_SCHEME']).toContain(outcome.code)
    return
  }
  const url = outcome.ok
  expect(['http:', 'https:']).toContain(url.protocol)
  expect(url.username).toBe('')
  expect(url.password).toBe('')
  expect(url.hostname).not.toBe('')
  expect(new URL(url.href).href).toBe(url.href)
}

const TRACKING = ['utm_source', 'utm_medium', 'UTM_Campaign', 'fbclid', 'gclid', 'mc_eid', 'igshid', 'spm']

/** Schemes, written the ways filters get fooled: case, whitespace and control characters inside or before. */
const schemeTrick = fc
  .tuple(
    fc.constantFrom('', ' ', '\t', '\n', '\u0000', '\u0001', '\u000c', '\u00a0', '\ufeff', '\u200b'),
    fc.constantFrom(
      'javascript',
      'JaVaScRiPt',
      'java\tscript',
      'java\nscript',
      'java\u0000script',
      'vbscript',
      'data',
      'file',
      'blob',
      'ftp',
      'ws',
      'chrome',
      'lectern',
      'about',
      'mailto',
      'view-source',
      'filesystem'
    ),
    fc.constantFrom(':', '://', ':/', '&#58;', '%3a'),
    fc.constantFrom(
      'alert(1)',
      '//example.com/a',
      'text/html,<script>alert(1)</script>',
      '/etc/passwd',
      'https://example.com/'
    )
  )
  .map((parts) => parts.join(''))

describe('checkWebUrl under fuzzing', () => {
  it('accepts only http(s) addresses without credentials, or fails with INVALID_URL / UNSUPPORTED_SCHEME', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 80 }),
          fc.webUrl({
            validSchemes: ['http', 'https', 'ftp', 'file', 'javascript', 'data'],
            withFragments: true,
            withQueryParameters: true,
            authoritySettings: { withUserInfo: true, withPort: true, withIPv4: true, withIPv6: true }
          }),
          schemeTrick
        ),
        (raw) => expectAcceptedIsWeb(check(raw))
      ),
      { seed: 1431, numRuns: 2000 }
    )
  })

  it('never lets a scheme trick through as a web address', () => {
    fc.assert(
      fc.property(schemeTrick, (raw) => {
        const outcome = check(raw)
        // "javascript:..." after a bare-host guess would become https://javascript:... and be refused there;
        // the only acceptable success is a genuine http(s) URL whose host is not a scheme word.
        if ('ok' in outcome) expect(outcome.ok.hostname).not.toMatch(/^(java|vb)script$|^data$|^file$/i)
        expectAcceptedIsWeb(outcome)
      }),
      { seed: 1432, numRuns: 1000 }
    )
  })
})

describe('normalizeUrl and chooseCanonical under fuzzing', () => {
  const webUrl = fc.webUrl({ withFragments: true, withQueryParameters: true })

  it('normalizes once and for all: no fragment, no tracking parameter, the other parameters kept', () => {
    fc.assert(
      fc.property(webUrl, fc.subarray(TRACKING), (raw, tracking) => {
        const url = new URL(raw)
        const meaningful = [...url.searchParams].map(([k, v]) => `${k}=${v}`).sort()
        for (const name of tracking) url.searchParams.append(name, 'x')
        const once = normalizeUrl(url)
        expect(normalizeUrl(once)).toBe(once)
        const normalized = new URL(once)
        expect(normalized.hash).toBe('')
        for (const name of normalized.searchParams.keys())
          expect(TRACKING.map((t) => t.toLowerCase())).not.toContain(name.toLowerCase())
        expect([...normalized.searchParams].map(([k, v]) => `${k}=${v}`).sort()).toEqual(meaningful)
      }),
      { seed: 1433, numRuns: 1000 }
    )
  })

  it('never lets a page claim an address on another site or a non-web scheme as its canonical', () => {
    fc.assert(
      fc.property(
        webUrl,
        fc.oneof(fc.string({ maxLength: 60 }), webUrl, schemeTrick, fc.constant('javascript:alert(1)')),
        (finalRaw, declared) => {
          const finalUrl = new URL(finalRaw)
          const chosen = new URL(chooseCanonical(finalUrl, declared))
          expect(['http:', 'https:']).toContain(chosen.protocol)
          const site = (u: URL) => u.hostname.replace(/^www\./, '')
          expect(site(chosen)).toBe(site(finalUrl))
          expect(normalizeUrl(chosen)).toBe(chosen.href)
        }
      ),
      { seed: 1434, numRuns: 1000 }
    )
  })
})
