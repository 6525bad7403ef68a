import { describe, expect, it } from 'vitest'
import { readPage } from '../../src/core/extract/extract-page'

const STORY = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>${i + 1}. The ferry crossed the sound at eleven every night, carrying post, bread and a few sleepy passengers to the island.</p>`
)

function read(body: string) {
  const html = `<!doctype html><html lang="en"><head><title>Ferry</title></head><body><article>${body}</article></body></html>`
  return readPage({ html, pageUrl: 'https://news.example/ferry' }).extracted
}

describe('captions and credits', () => {
  it('keeps them in the article HTML but leaves them out of its text', () => {
    const article = read(
      `${STORY[0]}<div class="InlineImage-wrapper"><img src="https://news.example/a.jpg" alt="ferry">` +
        `<div class="InlineImage-imageEmbedCaption">The night ferry leaves the pier at Sandholm in winter fog.</div>` +
        `<div class="InlineImage-imageEmbedCredit">Ada Marsh | Harbour Gazette | Getty Images</div></div>` +
        `${STORY.slice(1, 3).join('')}<p><img src="https://news.example/b.jpg" alt="deck"></p>` +
        `<p><em>The upper deck, seen from the harbour wall</em></p>${STORY.slice(3).join('')}`
    )
    expect(article.html).toContain('Getty Images')
    expect(article.html).toContain('The upper deck')
    for (const caption of ['Getty Images', 'winter fog', 'The upper deck']) expect(article.text).not.toContain(caption)
    expect(article.text).toContain('5. The ferry crossed')
  })

  it('keeps an italic paragraph under a picture when it is the story going on (long, or a quotation)', () => {
    const quote = '“We never missed a crossing in forty years,” the captain said, “not in fog, not in the great storm.”'
    const article = read(
      `${STORY[0]}<p><img src="https://news.example/a.jpg" alt="a"></p><p><em>${quote}</em></p>${STORY.slice(1).join('')}`
    )
    expect(article.text).toContain('We never missed a crossing')
  })

  it('keeps a table cell whose text happens to be a short caption elsewhere on the page', () => {
    const html = `<!doctype html><html><head><title>Standings</title></head><body>
      <div class="wp-caption"><img src="https://news.example/k.jpg" alt="k"><p class="wp-caption-text">Kyle Busch</p></div>
      <article>${STORY.join('')}<table><tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr></table></article></body></html>`
    expect(readPage({ html, pageUrl: 'https://news.example/s' }).extracted.text).toContain('Kyle Busch')
  })
})

describe('calls to act inside the story column', () => {
  it('leaves out shortcodes, subscription pitches and comment teasers', () => {
    const article = read(
      `${STORY.join('')}<p>[button link=”https://news.example/submit” type=”big”] Send us YOUR review[/button]</p>` +
        `<p>Get the Gazette delivered through your letterbox every month. 12 issues for £11.99. Click here for more information.</p>` +
        `<p>Tell us what YOU think...</p>`
    )
    expect(article.text).toContain('5. The ferry crossed')
    for (const line of ['[button', 'letterbox', 'Tell us what']) expect(article.text).not.toContain(line)
  })
})
