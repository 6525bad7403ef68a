import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anchorHighlight, describeSelection, type HighlightSelectors } from '../../src/shared/highlights'

// Words from several scripts (and an emoji, a surrogate pair), joined the way a normalised text is.
const word = fc.constantFrom(
  'the',
  'tide',
  'was',
  'out',
  'at',
  'noon',
  'a',
  'b',
  '東京',
  '港',
  'ההפלגה',
  'السمك',
  '👀',
  'ö'
)
const normalisedText = fc
  .array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', '\n')), { minLength: 1, maxLength: 80 })
  .map((parts) =>
    parts
      .map(([w, sep]) => w + sep)
      .join('')
      .trim()
  )
const anyText = fc.string({ unit: 'binary', maxLength: 300 })

const selectionIn = (text: fc.Arbitrary<string>) =>
  text.chain((t) =>
    fc.tuple(fc.constant(t), fc.integer({ min: -5, max: t.length + 5 }), fc.integer({ min: -5, max: t.length + 5 }))
  )

describe('anchoring, for any text', () => {
  it('describe then anchor on the unchanged text always returns the described range, by position', () => {
    fc.assert(
      fc.property(selectionIn(fc.oneof(normalisedText, anyText)), ([text, start, end]) => {
        const selectors = describeSelection(text, start, end)
        if (!selectors) return
        expect(anchorHighlight(selectors, text)).toEqual({ ...selectors.position, method: 'position' })
      })
    )
  })

  it('after text is inserted before it, finds the same words whenever quote and context occur only once', () => {
    fc.assert(
      fc.property(selectionIn(normalisedText), normalisedText, ([text, start, end], inserted) => {
        const selectors = describeSelection(text, start, end)
        if (!selectors) return
        const moved = `${inserted}\n${text}`
        const { prefix, exact, suffix } = selectors.quote
        const context = (prefix + exact + suffix).replace(/\n/g, ' ')
        const flat = moved.replace(/\n/g, ' ')
        fc.pre(flat.indexOf(context) === flat.lastIndexOf(context))
        const shift = inserted.length + 1
        expect(anchorHighlight(selectors, moved)).toMatchObject({
          start: selectors.position.start + shift,
          end: selectors.position.end + shift
        })
      })
    )
  })

  it('never throws on any stored value, and returns either null or a range inside the text', () => {
    const stored = fc.record({
      quote: fc.oneof(fc.anything(), fc.record({ exact: fc.string(), prefix: fc.anything(), suffix: fc.string() })),
      position: fc.anything()
    })
    fc.assert(
      fc.property(stored, fc.oneof(normalisedText, anyText), (highlight, text) => {
        const anchor = anchorHighlight(highlight as HighlightSelectors, text)
        if (anchor) expect(0 <= anchor.start && anchor.start < anchor.end && anchor.end <= text.length).toBe(true)
      })
    )
  })
})
