import iconv from 'iconv-lite'
import type { Route } from './fixture-site'

/**
 * Pages as the real web serves them, each a case that broke imports of real pages: bytes with no declared
 * charset, a <meta charset> far down the head, language tags pages really write, titles with the site's
 * name after every separator sites use, control characters in a title, a breadcrumb trail, a long article.
 */

const STORY = [
  'The harbour’s “night ferry” left at eleven, carrying post, bread and a handful of sleepy passengers across the sound.',
  'For forty years the same captain stood at the wheel, and islanders set their clocks by the horn she sounded at the pier.',
  'When the council proposed a bridge, the letters page filled for weeks: some wanted progress, others the boat they knew.',
  'In the end the ferry stayed, and the bridge was built further north, where the water is narrow and the currents kind.',
  'Visitors still ask to ride in the wheelhouse; the new captain lets them, and tells them about the storms of ’86.'
]

/** A plain article page; `head` goes inside <head> (after <title>) and `before` right before the story. */
export function storyPage(title: string, { head = '', lang = 'en', before = '' } = {}): string {
  const langAttr = lang === '' ? '' : ` lang="${lang}"`
  return `<!doctype html><html${langAttr}><head><title>${title}</title>${head}</head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article>${before}
${STORY.map((p, i) => `<p>${i + 1}. ${p}</p>`).join('\n')}
</article><footer>© 2026 Harbour Gazette. All rights reserved.</footer></body></html>`
}

/** The story as Lectern's text should hold it (each paragraph's words, straight from STORY). */
export const STORY_SENTENCE = STORY[0] as string

const RUSSIAN = [
  'Каждый вечер смотритель маяка поднимался по винтовой лестнице и зажигал огонь.',
  'Зимой штормы приходили с северо-запада, и стекло фонаря гудело, как колокол.',
  'Он записывал всё: цвет моря в полдень, названия траулеров и час, когда рассеивался туман.'
]
const JAPANESE = [
  '灯台守は毎晩らせん階段を上り、百十二段を数えながら灯をともした。',
  '冬の嵐は北西から吹きつけ、ランプ室のガラスは打たれた鐘のように鳴った。',
  '彼は昼の海の色、漁船の名前、霧が晴れた時刻まで、すべてを書き留めた。'
]

function legacyPage(title: string, paragraphs: string[], head = ''): string {
  const body = Array.from({ length: 4 }, (_, i) => paragraphs.map((p) => `<p>${i + 1}. ${p}</p>`).join('')).join('')
  return `<!doctype html><html><head><title>${title}</title>${head}</head><body><article><h1>${title}</h1>${body}</article></body></html>`
}

export const RUSSIAN_TITLE = 'Последняя ночь смотрителя'
export const RUSSIAN_SENTENCE = RUSSIAN[1] as string
export const JAPANESE_TITLE = '灯台守の最後の夜'
export const JAPANESE_SENTENCE = JAPANESE[1] as string

/** UTF-8 bytes of a page that declares no charset anywhere (no BOM, no header charset, no <meta>). */
export const UNDECLARED_UTF8 = Buffer.from(storyPage('The Night Ferry’s Last Crossing'), 'utf8')

/** windows-1251 with a <meta charset> after byte 3000: a long head (scripts, styles) pushes it there. */
export function lateMetaPage(): Buffer {
  const filler = `<style>/* ${'layout rules '.repeat(260)} */</style>`
  const page = legacyPage(RUSSIAN_TITLE, RUSSIAN, `${filler}<meta charset="windows-1251">`)
  const bytes = iconv.encode(page, 'windows-1251')
  if (bytes.indexOf('<meta charset') < 3000) throw new Error('the <meta> must come after byte 3000')
  return bytes
}

/** Separators sites put between the story's title and their name; the stored title must keep only the story. */
export const TITLE_SEPARATORS = ['_', '｜', ' – ', ' — ', ' · ', ' :: ', ' » ', ' | ']

const send =
  (body: Buffer | string, headers: Record<string, string>): Route =>
  (_req, res) => {
    res.writeHead(200, headers)
    res.end(body)
  }

/** Routes of the real-web fixture site. */
export function realWebRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = {
    '/bare-utf8': send(UNDECLARED_UTF8, { 'content-type': 'text/html' }),
    '/bare-cp1251': send(iconv.encode(legacyPage(RUSSIAN_TITLE, RUSSIAN), 'windows-1251'), {
      'content-type': 'text/html'
    }),
    '/bare-sjis': send(iconv.encode(legacyPage(JAPANESE_TITLE, JAPANESE), 'shift_jis'), {
      'content-type': 'text/html'
    }),
    '/late-meta': send(lateMetaPage(), { 'content-type': 'text/html' }),
    '/lang/header-pt_BR': send(storyPage('Lang Header Story', { lang: '' }), {
      'content-type': 'text/html; charset=utf-8',
      'content-language': 'pt_BR'
    }),
    '/lang/og-en_US': send(
      storyPage('Lang Locale Story', { lang: '', head: '<meta property="og:locale" content="en_US">' }),
      { 'content-type': 'text/html; charset=utf-8' }
    ),
    '/lang/english': send(storyPage('Lang Name Story', { lang: 'english' }), {
      'content-type': 'text/html; charset=utf-8'
    }),
    '/lang/empty': send(storyPage('Lang Empty Story', { lang: '' }), { 'content-type': 'text/html; charset=utf-8' }),
    '/lang/long': send(storyPage('Lang Long Story', { lang: `en-${'x'.repeat(297)}` }), {
      'content-type': 'text/html; charset=utf-8'
    }),
    '/lang/meta-pt_BR': send(
      storyPage('Lang Meta Story', { lang: '', head: '<meta http-equiv="content-language" content="pt_BR">' }),
      { 'content-type': 'text/html; charset=utf-8' }
    ),
    '/control-title': send(storyPage('Hello\u001b[2J\u001b]52;c;cm0gLXJmIC8=\u0007 World\nSecond row'), {
      'content-type': 'text/html; charset=utf-8'
    }),
    '/breadcrumbs': send(
      storyPage('China’s Alibaba Announces New AI Investment | StratNews Global', {
        head: '<meta property="og:site_name" content="StratNews Global">',
        before:
          '<div><a href="/">Home</a> › <a href="/china">China</a> › China’s Alibaba Announces New AI Investm…</div>'
      }),
      { 'content-type': 'text/html; charset=utf-8' }
    ),
    '/long-article': send(longArticle(), { 'content-type': 'text/html; charset=utf-8' })
  }
  TITLE_SEPARATORS.forEach((separator, i) => {
    routes[`/title/${i}`] = send(storyPage(`Ferry Story Number ${i}${separator}Harbour Gazette`), {
      'content-type': 'text/html; charset=utf-8'
    })
  })
  return routes
}

/** An article of about 1 MB of text: long encyclopedia entries are this size. */
export function longArticle(): string {
  const sections = Array.from({ length: 180 }, (_, s) => {
    const paragraphs = Array.from(
      { length: 12 },
      (_, p) =>
        `<p>Section ${s + 1}, paragraph ${p + 1}: ${STORY[(s + p) % STORY.length]} ${STORY[(s + p + 2) % STORY.length]} ${STORY[(s + p + 4) % STORY.length]}</p>`
    )
    return `<h2>Part ${s + 1}</h2>${paragraphs.join('')}`
  })
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Complete History of the Ferry</title></head><body><article><h1>The Complete History of the Ferry</h1>${sections.join('')}</article></body></html>`
}

/**
 * A page whose structure makes Readability's scoring quadratic (each of 4,000 nested blocks scores all its
 * ancestors): ~10-30 s to read. Only a time limit on the reader stops it.
 */
export function quadraticPage(): string {
  const depth = 4000
  return `<!doctype html><html><body>${'<div><p>Some words of text here, long enough to score, with commas, and more.</p>'.repeat(depth)}${'</div>'.repeat(depth)}</body></html>`
}
