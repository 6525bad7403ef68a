import { describe, expect, it } from 'vitest'
import { extractArticle } from '../../src/core/extract/extract-article'
import { elementToText } from '../../src/core/extract/html-to-text'
import { parsePageFast } from '../../src/core/extract/dom-window'

// A generic news page: the story, wrapped in the furniture that sites put around and inside it.
const story = [
  'The harbour council met on Tuesday evening to decide the future of the old lighthouse on the north pier.',
  'Residents filled the hall, and many of them had walked the one hundred and twelve steps to the lamp room as children.',
  'After three hours of debate the council voted to restore the tower and to open it to visitors every summer weekend.',
  'The restoration will be paid for by a grant from the maritime heritage fund and by donations from local businesses.',
  'Work on the lantern and the gallery railings is expected to start in the spring and to take about eighteen months.'
]

function page(inside: string, after = ''): string {
  return `<!doctype html><html lang="en-GB"><head><title>Council saves the lighthouse | Harbour Gazette</title>
  <meta property="og:site_name" content="Harbour Gazette">
  </head><body>
  <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
  <article class="story">
    <h1>Council saves the lighthouse</h1>
    ${inside}
    ${story.map((p) => `<p>${p}</p>`).join('\n')}
    ${after}
  </article>
  <footer>© Harbour Gazette</footer>
  </body></html>`
}

const url = 'https://news.example/2026/03/lighthouse'

function expectStoryIntact(text: string): void {
  for (const paragraph of story) expect(text).toContain(paragraph)
}

describe('extractArticle boilerplate cleanup', () => {
  it('keeps the article body intact, one paragraph per line, without repeating the title', () => {
    const a = extractArticle(page(''), url)
    expectStoryIntact(a.text)
    expect(a.text.split('\n')).toEqual(story)
    expect(a.title).toBe('Council saves the lighthouse')
    expect(a.lang).toBe('en-GB')
  })

  it('removes a share bar', () => {
    const shareBar = `<div class="share-bar"><a href="https://facebook.example/share">Facebook</a>
      <a href="https://twitter.example/share">Twitter</a><a href="mailto:?body=x">Email this story</a></div>`
    const a = extractArticle(page(shareBar), url)
    expectStoryIntact(a.text)
    expect(a.text).not.toMatch(/Facebook|Twitter|Email this story/)
    expect(a.html).not.toContain('Facebook')
  })

  it('removes a "share this" line even when it has no telling class', () => {
    const a = extractArticle(page('', '<p>Like this story? Share it with a friend!</p>'), url)
    expectStoryIntact(a.text)
    expect(a.text).not.toContain('Share it with a friend')
  })

  it('removes an author bio after the story', () => {
    const bio = `<div class="author-card"><h5>Ada Marsh</h5><p>Ada Marsh is the Gazette's maritime correspondent and has
      covered the harbour for twenty years. She lives in the old town with two cats.</p></div>`
    const a = extractArticle(page('<p class="byline">By Ada Marsh</p>', bio), url)
    expectStoryIntact(a.text)
    expect(a.text).not.toContain('maritime correspondent')
    expect(a.text).not.toContain('By Ada Marsh')
    expect(a.byline).toContain('Ada Marsh')
  })

  it("removes an unlabelled bio that starts with the author's name", () => {
    const page2 = page(
      '<p class="byline">By Ada Marsh</p>',
      '<p>Ada Marsh is a reporter who writes about boats, lighthouses and the sea for the Gazette.</p>'
    )
    const a = extractArticle(page2, url)
    expectStoryIntact(a.text)
    expect(a.text).not.toContain('writes about boats')
  })

  it('removes related links, with their heading', () => {
    const related = `<h3>More stories</h3><ul>
      <li><a href="/a">Ferry timetable changes for the winter</a></li>
      <li><a href="/b">New café opens on the promenade</a></li>
      <li><a href="/c">Fishing fleet returns early after storm</a></li></ul>`
    const a = extractArticle(page('', related), url)
    expectStoryIntact(a.text)
    expect(a.text).not.toMatch(/Ferry timetable|New café|Fishing fleet|More stories/)
  })

  it('removes tag lists, newsletter boxes and "read more" pointers', () => {
    const after = `<div class="newsletter-signup"><h4>The morning tide</h4><p>Our editors' picks, every morning.</p><button>Sign up</button></div>
      <p>Read more: <a href="/d">Lighthouse keepers remember the storm of 1987</a></p>
      <ul class="tags"><li><a href="/t/harbour">Harbour</a></li><li><a href="/t/council">Council</a></li></ul>`
    const a = extractArticle(page('', after), url)
    expectStoryIntact(a.text)
    expect(a.text).not.toMatch(/morning tide|editors' picks|storm of 1987|Harbour\n|Council$/m)
  })

  it('removes captions repeated under every image of a gallery, and keeps captions out of the text', () => {
    const gallery = [1, 2, 3]
      .map((n) => `<figure><img src="/g${n}.jpg" alt=""><figcaption>Photo: Harbour Gazette</figcaption></figure>`)
      .join('')
    const a = extractArticle(page(gallery), url)
    expectStoryIntact(a.text)
    expect(a.text).not.toContain('Photo: Harbour Gazette')
    expect(a.html.match(/Photo: Harbour Gazette/g)?.length).toBe(1) // the first caption stays in the HTML
  })

  it('keeps a quoted post that sits in a "social" wrapper', () => {
    const tweet = `<div class="social-embed"><blockquote class="twitter-tweet"><p>The lighthouse is staying! Best news this year
      <a href="https://t.co/abc">https://t.co/abc</a></p>— Harbour Fan (@harbourfan) <a href="https://twitter.example/s/1">March 14, 2026</a></blockquote></div>`
    const a = extractArticle(
      page(
        '',
        `<p>${'Many people reacted online to the decision of the council on Tuesday.'}</p>${tweet}<p>${'The council will publish the restoration plans next month, a spokesperson said.'}</p>`
      ),
      url
    )
    expectStoryIntact(a.text)
    expect(a.text).toContain('The lighthouse is staying!')
  })

  it('does not throw on a page with invalid CSS', () => {
    const broken = `<html><head><style>.x { width: calc(100% - ); } @media (min-width: calc(}</style></head><body>
      <article><div style="width: calc(100% - )"><p>${story.join('</p><p>')}</p></div></article></body></html>`
    const a = extractArticle(broken, url)
    expectStoryIntact(a.text)
  })

  it('never throws anything but NOT_AN_ARTICLE on garbage', () => {
    for (const garbage of [
      '',
      '<',
      '<html><body></body></html>',
      '\u0000\u0001<div style="x:calc(">',
      '<svg><p>'.repeat(50)
    ]) {
      try {
        extractArticle(garbage, url)
      } catch (error) {
        expect(error).toMatchObject({ code: 'NOT_AN_ARTICLE' })
      }
    }
  })
})

describe('metadata fallbacks', () => {
  it('reads byline, published time, site name and language from JSON-LD and meta tags', () => {
    const html = `<!doctype html><html><head><title>Council saves the lighthouse - Harbour Gazette</title>
      <meta http-equiv="Content-Language" content="en-GB">
      <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle",
        "headline":"Council saves the lighthouse","datePublished":"2026-03-14T09:00:00Z",
        "author":[{"@type":"Person","name":"Ada Marsh"}],"publisher":{"@type":"Organization","name":"Harbour Gazette"}}]}</script>
      </head><body><article>${story.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
    const a = extractArticle(html, url)
    expect(a.title).toBe('Council saves the lighthouse')
    expect(a.publishedTime).toBe('2026-03-14T09:00:00Z')
    expect(a.siteName).toBe('Harbour Gazette')
    expect(a.byline).toBe('Ada Marsh')
    expect(a.lang).toBe('en-GB')
  })

  it('resolves relative images and links against <base href>', () => {
    const html = `<html><head><base href="https://cdn.example/media/"></head><body><article>
      <p>${story[0]} <a href="notes.html">notes</a></p><img src="pier.jpg" alt="The pier">${story
        .slice(1)
        .map((p) => `<p>${p}</p>`)
        .join('')}
      </article></body></html>`
    const a = extractArticle(html, url)
    expect(a.html).toContain('src="https://cdn.example/media/pier.jpg"')
    expect(a.html).toContain('href="https://cdn.example/media/notes.html"')
  })
})

describe('elementToText', () => {
  it('separates table cells and rows, and block boundaries', () => {
    const doc = parsePageFast(`<html><body><div id="x"><table><tr><th>Team</th><th>Points</th></tr>
      <tr><td>Harbour</td><td>12</td></tr></table><p>One<br>Two</p><div>Three</div>Four</div></body></html>`)
    const text = elementToText(doc.querySelector('#x') as Element)
    expect(text).toBe('Team\tPoints\nHarbour\t12\nOne\nTwo\nThree\nFour')
  })

  it('skips what the caller asks it to skip', () => {
    const doc = parsePageFast(
      '<html><body><div id="x"><p>Story</p><figure><img src="a.png"><figcaption>Caption</figcaption></figure></div></body></html>'
    )
    expect(elementToText(doc.querySelector('#x') as Element, { skip: (el) => el.tagName === 'FIGCAPTION' })).toBe(
      'Story'
    )
  })
})
