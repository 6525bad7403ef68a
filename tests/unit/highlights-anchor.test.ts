import { parseHTML } from 'linkedom'
import { describe, expect, it } from 'vitest'
import {
  anchorHighlight,
  anchorHighlights,
  describeQuote,
  describeSelection,
  normaliseText,
  reanchorHighlight,
  type Highlight,
  type HighlightSelectors,
  type TextTreeNode
} from '../../src/shared/highlights'

// An article as the core stores it, paragraph by paragraph; tests re-extract it with changes.
const PARAGRAPHS = [
  'The ferry to Inish Mor leaves at nine, and on a calm morning the crossing takes forty minutes.',
  'Most visitors rent a bicycle at the pier. The island is nine miles long and never more than two wide, so nobody gets lost for long.',
  'Dún Aonghasa sits on the edge of a cliff that drops a hundred metres straight into the Atlantic. There is no railing, and the wind comes in gusts.',
  'The stone walls are the real marvel: thousands of miles of them, built without mortar, dividing fields no bigger than a kitchen.',
  'In the evening the pubs fill with music. A fiddle starts, a second joins, and by ten o’clock nobody remembers whose session it was.',
  'Take the last ferry back if you must, but the islanders will tell you that one night is the least the place deserves.'
]

const html = (paragraphs: readonly string[]): string =>
  `<article><h1>A day on the Aran Islands</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>`

/** The normalised text of article HTML, as the core computes it (linkedom, in a worker). */
function textOf(articleHtml: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${articleHtml}</body></html>`)
  return normaliseText(document.body as unknown as TextTreeNode).text
}

function highlightOf(text: string, quote: string): Highlight {
  const selectors = describeQuote(text, quote)
  if (!selectors) throw new Error(`fixture quote not in text: ${quote}`)
  return {
    id: 'h1',
    articleId: 'a1',
    color: 'yellow',
    note: null,
    createdAt: '2026-03-14T10:00:00.000Z',
    updatedAt: '2026-03-14T10:00:00.000Z',
    ...selectors
  }
}

const ORIGINAL = textOf(html(PARAGRAPHS))
const QUOTE = 'built without mortar, dividing fields no bigger than a kitchen'
const highlight = highlightOf(ORIGINAL, QUOTE)

function placed(h: HighlightSelectors, text: string): { text: string; method: string } | null {
  const anchor = anchorHighlight(h, text)
  return anchor && { text: text.slice(anchor.start, anchor.end), method: anchor.method }
}

describe('re-anchoring a highlight after the article is re-extracted', () => {
  it('finds it by position while the article is unchanged', () => {
    expect(placed(highlight, ORIGINAL)).toEqual({ text: QUOTE, method: 'position' })
  })

  it('finds it when paragraphs were inserted before it', () => {
    const changed = textOf(
      html(['Updated: ferries run hourly in summer.', 'A new café opened by the pier.', ...PARAGRAPHS])
    )
    expect(placed(highlight, changed)).toEqual({ text: QUOTE, method: 'exact' })
  })

  it('finds it where it was when only the whitespace and inline markup of the HTML changed', () => {
    const reformatted = html(PARAGRAPHS)
      .replace('The stone walls', '\n    The   stone\twalls')
      .replace('without mortar,', 'without <em>mortar</em>,&nbsp;\n')
      .replace(/<\/p>\n<p>/g, '</p>\n\n  <div><p>')
    expect(placed(highlight, textOf(reformatted))).toEqual({ text: QUOTE, method: 'position' })
  })

  it('finds it when the whitespace inside it changed', () => {
    const edited = PARAGRAPHS.map((p) =>
      p.replace('mortar, dividing', 'mortar,dividing').replace('fields no', 'fields<br>no')
    )
    expect(placed(highlight, textOf(html(edited)))).toEqual({
      text: 'built without mortar,dividing fields\nno bigger than a kitchen',
      method: 'fuzzy'
    })
  })

  it('finds it when a word inside it changed, and then covers the new words', () => {
    const edited = PARAGRAPHS.map((p) => p.replace('dividing fields', 'separating fields'))
    expect(placed(highlight, textOf(html(edited)))).toEqual({
      text: 'built without mortar, separating fields no bigger than a kitchen',
      method: 'fuzzy'
    })
  })

  it('finds it when paragraphs were inserted before it and a word inside it changed', () => {
    const edited = ['Correction appended.', ...PARAGRAPHS.map((p) => p.replace('no bigger', 'hardly bigger'))]
    expect(placed(highlight, textOf(html(edited)))).toEqual({
      text: 'built without mortar, dividing fields hardly bigger than a kitchen',
      method: 'fuzzy'
    })
  })

  it('finds a highlight that spans paragraphs', () => {
    const spanning = highlightOf(ORIGINAL, 'the wind comes in gusts. The stone walls are the real marvel')
    expect(spanning.quote.exact).toBe('the wind comes in gusts.\nThe stone walls are the real marvel')
    const changed = textOf(html(['An introduction was added.', ...PARAGRAPHS]))
    expect(placed(spanning, changed)).toEqual({ text: spanning.quote.exact, method: 'exact' })
  })

  it('finds a long highlight over several paragraphs with words changed in it', () => {
    const long = highlightOf(ORIGINAL, `${PARAGRAPHS[2]} ${PARAGRAPHS[3]} ${PARAGRAPHS[4]}`)
    expect(long.quote.exact.length).toBeGreaterThan(256)
    const edited = [
      'New first paragraph.',
      ...PARAGRAPHS.map((p) => p.replace('thousands of miles', 'thousands of kilometres').replace('gusts', 'bursts'))
    ]
    const text = textOf(html(edited))
    const result = placed(long, text)
    expect(result?.method).toBe('fuzzy')
    expect(result?.text).toBe(`${edited[3]}\n${edited[4]}\n${edited[5]}`)
  })

  it('returns null when the highlighted text is gone, and re-anchoring keeps the highlight as orphaned', () => {
    const without = textOf(html(PARAGRAPHS.filter((p) => !p.includes('mortar'))))
    expect(anchorHighlight(highlight, without)).toBeNull()
    const { highlight: kept, anchor } = reanchorHighlight(highlight, without)
    expect(anchor).toBeNull()
    expect(kept).toEqual({ ...highlight, orphaned: true })
  })

  it('brings selectors up to date when it is found again, and clears orphaned', () => {
    const edited = textOf(html(['Preface.', ...PARAGRAPHS.map((p) => p.replace('dividing', 'splitting'))]))
    const { highlight: updated, anchor } = reanchorHighlight({ ...highlight, orphaned: true }, edited)
    expect(anchor?.method).toBe('fuzzy')
    expect(updated.orphaned).toBeUndefined()
    expect(updated.quote.exact).toBe('built without mortar, splitting fields no bigger than a kitchen')
    expect(updated.position).toEqual({ start: anchor!.start, end: anchor!.end })
    expect(anchorHighlight(updated, edited)?.method).toBe('position')
  })

  it('anchors every highlight of an article in one call, in the order given', () => {
    const second = highlightOf(ORIGINAL, 'A fiddle starts, a second joins')
    const changed = textOf(html(['Intro.', ...PARAGRAPHS.filter((p) => !p.includes('mortar'))]))
    const anchors = anchorHighlights([second, highlight], changed)
    expect(anchors[0] && changed.slice(anchors[0].start, anchors[0].end)).toBe('A fiddle starts, a second joins')
    expect(anchors[1]).toBeNull()
  })
})

describe('a quote that occurs more than once', () => {
  const REPEATED = [
    'The tide was out when we arrived. We walked on the sand.',
    'At noon the tide was out again, and the seals were on the rocks.',
    'By evening the tide was out for the third time that week.'
  ]
  const text = textOf(html(REPEATED))
  const second = text.indexOf('the tide was out', text.indexOf('At noon'))
  const selectors = describeSelection(text, second, second + 'the tide was out'.length)!

  it('anchors to the occurrence whose prefix and suffix match, after the text moved', () => {
    const moved = textOf(html(['Two paragraphs', 'were added.', ...REPEATED]))
    const anchor = anchorHighlight(selectors, moved)!
    expect(anchor.method).toBe('exact')
    expect(moved.slice(anchor.start - 8, anchor.end + 6)).toBe('At noon the tide was out again')
  })

  it('anchors by context even with a meaningless stored position', () => {
    const anchor = anchorHighlight({ ...selectors, position: { start: 0, end: 3 } }, text)!
    expect(anchor.start).toBe(second)
  })

  it('prefers its own, edited place over an unchanged copy of the quote elsewhere', () => {
    // More unchanged copies than the fuzzy search verifies windows for: they must not crowd out the real place.
    const copies = Array.from({ length: 12 }, (_, i) => `On day ${i + 1} of the survey the tide was out before dawn.`)
    const edited = textOf(
      html([...copies, ...REPEATED.map((p) => p.replace('At noon the tide was out', 'At noon the tide went out'))])
    )
    const anchor = anchorHighlight(selectors, edited)!
    expect(anchor.method).toBe('fuzzy')
    expect(edited.slice(anchor.start, anchor.end)).toBe('the tide went out')
    expect(edited.slice(anchor.start - 8, anchor.start)).toBe('At noon ')
  })
})

describe('text in other scripts', () => {
  it('re-anchors in Chinese and Japanese text after an insertion and a changed character', () => {
    const paragraphs = [
      '东京湾的渡轮每天早上九点出发，天气好的时候只需要四十分钟。',
      '港口附近有很多小餐馆，渔民们在那里吃早饭，讨论天气和鱼价。',
      '夕方になると、漁師たちは港に戻ってきて、その日の獲物を市場に並べる。'
    ]
    const original = textOf(html(paragraphs))
    const h = highlightOf(original, '渔民们在那里吃早饭')
    const edited = textOf(html(['新的一段。', ...paragraphs.map((p) => p.replace('吃早饭', '吃午饭'))]))
    expect(placed(h, edited)).toEqual({ text: '渔民们在那里吃午饭', method: 'fuzzy' })
    const ja = highlightOf(original, '漁師たちは港に戻ってきて')
    expect(placed(ja, textOf(html(['追記。', ...paragraphs])))).toEqual({
      text: '漁師たちは港に戻ってきて',
      method: 'exact'
    })
  })

  it('re-anchors in right-to-left text (Hebrew, Arabic) after an insertion and a changed word', () => {
    const paragraphs = [
      'המעבורת לאי יוצאת בתשע בבוקר, ובבוקר שקט ההפלגה נמשכת ארבעים דקות.',
      'يصل الصيادون إلى الميناء في المساء ويبيعون السمك في السوق القديم قرب الرصيف.'
    ]
    const original = textOf(html(paragraphs))
    const he = highlightOf(original, 'ההפלגה נמשכת ארבעים דקות')
    const ar = highlightOf(original, 'ويبيعون السمك في السوق القديم')
    const edited = textOf(html(['فقرة جديدة.', ...paragraphs.map((p) => p.replace('ארבעים', 'שלושים'))]))
    expect(placed(he, edited)).toEqual({ text: 'ההפלגה נמשכת שלושים דקות', method: 'fuzzy' })
    expect(placed(ar, edited)).toEqual({ text: 'ويبيعون السمك في السوق القديم', method: 'exact' })
  })
})

describe('describing a selection', () => {
  it('keeps the quote, about 32 characters of context on each side, and the position', () => {
    const start = ORIGINAL.indexOf('Dún Aonghasa')
    const selectors = describeSelection(ORIGINAL, start, start + 'Dún Aonghasa'.length)!
    expect(selectors.quote.exact).toBe('Dún Aonghasa')
    expect(selectors.quote.prefix).toBe(ORIGINAL.slice(start - 32, start))
    expect(selectors.quote.suffix).toBe(ORIGINAL.slice(start + 12, start + 44))
    expect(selectors.position).toEqual({ start, end: start + 12 })
  })

  it('leaves out whitespace at the edges, accepts a backwards selection, and never splits an emoji', () => {
    const text = 'Look 👀 at this\nand that'
    expect(describeSelection(text, 15, 10)?.quote.exact).toBe('this')
    expect(describeSelection(text, 14, 16)?.quote.exact).toBe('s')
    const eyes = text.indexOf('👀')
    expect(describeSelection(text, eyes + 1, eyes + 2)?.quote.exact).toBe('👀')
    expect(describeSelection('a👀b'.repeat(20), 1, 2)?.quote.prefix).toBe('a')
  })

  it('returns null for an empty or whitespace-only selection and for offsets that are not numbers', () => {
    expect(describeSelection(ORIGINAL, 10, 10)).toBeNull()
    expect(describeSelection('a  \n b', 1, 4)).toBeNull()
    expect(describeSelection(ORIGINAL, Number.NaN, 5)).toBeNull()
    expect(describeSelection(ORIGINAL, -100, 3)?.quote.exact).toBe('A d')
    expect(describeSelection(ORIGINAL, ORIGINAL.length - 3, 1e9)?.quote.exact).toBe(ORIGINAL.slice(-3))
  })

  it('finds a typed quote with loose whitespace (a space matches a paragraph break), exact text only', () => {
    expect(describeQuote(ORIGINAL, '  gusts.   The stone ')?.quote.exact).toBe('gusts.\nThe stone')
    expect(describeQuote(ORIGINAL, 'dividing fields no smaller')).toBeNull()
    expect(describeQuote(ORIGINAL, '   ')).toBeNull()
  })
})

describe('hostile or broken stored highlights', () => {
  const broken: unknown[] = [
    { quote: { exact: '', prefix: '', suffix: '' }, position: { start: 0, end: 0 } },
    { quote: { exact: '   \n ', prefix: 'x', suffix: 'y' }, position: { start: 1, end: 3 } },
    { quote: { exact: 'x'.repeat(1_000_000), prefix: 'a', suffix: 'b' }, position: { start: 0, end: 1_000_000 } },
    { quote: { exact: ORIGINAL.repeat(3), prefix: '', suffix: '' }, position: { start: -5, end: 10 } },
    { quote: { exact: QUOTE, prefix: 'p'.repeat(100_000), suffix: 's'.repeat(100_000) }, position: null },
    { quote: { exact: QUOTE, prefix: null, suffix: 42 }, position: { start: Number.NaN, end: Infinity } },
    { quote: { exact: QUOTE }, position: { start: 1e12, end: -1e12 } },
    { quote: { exact: 42 }, position: { start: 'a', end: {} } },
    { quote: null, position: undefined },
    {},
    null
  ]

  it('never throws, and anything it returns is a range inside the text', () => {
    for (const h of broken) {
      const anchor = anchorHighlight(h as HighlightSelectors, ORIGINAL)
      if (anchor) {
        expect(anchor.start).toBeGreaterThanOrEqual(0)
        expect(anchor.end).toBeLessThanOrEqual(ORIGINAL.length)
        expect(anchor.start).toBeLessThan(anchor.end)
      }
    }
    expect(anchorHighlights(broken as HighlightSelectors[], ORIGINAL)).toHaveLength(broken.length)
  })

  it('still finds a quote whose stored context and position are garbage', () => {
    const anchor = anchorHighlight(broken[5] as HighlightSelectors, ORIGINAL)
    expect(anchor && ORIGINAL.slice(anchor.start, anchor.end)).toBe(QUOTE)
  })

  it('an empty quote or an empty text places nothing', () => {
    expect(anchorHighlight(broken[0] as HighlightSelectors, ORIGINAL)).toBeNull()
    expect(anchorHighlight(highlight, '')).toBeNull()
  })

  it('finishes on repetitive text that ties everywhere (no timing assertion: it must simply return)', () => {
    const text = 'ab'.repeat(100_000)
    const quote = `abab x ${'abab'.repeat(60)}`
    const result = anchorHighlight(
      { quote: { exact: quote, prefix: 'ab'.repeat(16), suffix: 'ba'.repeat(16) }, position: { start: 7, end: 9 } },
      text
    )
    expect(result === null || result.end <= text.length).toBe(true)
    expect(
      anchorHighlight(
        { quote: { exact: 'a'.repeat(50_000), prefix: 'b', suffix: 'b' }, position: null } as never,
        'a'.repeat(200_000)
      )
    ).not.toBeUndefined()
  })
})
