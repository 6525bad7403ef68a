import iconv from 'iconv-lite'
import { gzipSync } from 'node:zlib'
import { html, png, type Route } from './fixture-site'
import { solidPng } from './png'

/** Pages in legacy encodings, declared only in <meta> (the header says text/html with no charset). */
export const ENCODED_PAGES: Record<string, { encoding: string; label: string; title: string; sentence: string }> = {
  '/enc/gbk': { encoding: 'gbk', label: 'GBK', title: '灯塔看守人的最后一夜', sentence: '他每天黄昏都会爬上螺旋楼梯' },
  '/enc/gb18030': { encoding: 'gb18030', label: 'GB18030', title: '海港的冬天', sentence: '冬天的风暴从西北方向吹来' },
  '/enc/big5': {
    encoding: 'big5',
    label: 'Big5',
    title: '燈塔看守人的最後一夜',
    sentence: '他每天黃昏都會爬上螺旋樓梯'
  },
  '/enc/shift_jis': {
    encoding: 'shift_jis',
    label: 'Shift_JIS',
    title: '灯台守の最後の夜',
    sentence: '彼は毎日夕暮れにらせん階段を上った'
  },
  '/enc/euc-kr': {
    encoding: 'euc-kr',
    label: 'EUC-KR',
    title: '등대지기의 마지막 밤',
    sentence: '그는 매일 해질녘에 나선형 계단을 올랐다'
  },
  '/enc/windows-1251': {
    encoding: 'windows-1251',
    label: 'windows-1251',
    title: 'Последняя ночь смотрителя маяка',
    sentence: 'Каждый вечер он поднимался по винтовой лестнице'
  },
  '/enc/iso-8859-1': {
    encoding: 'iso-8859-1',
    label: 'ISO-8859-1',
    title: 'La dernière nuit du gardien',
    sentence: 'Chaque soir il montait l’escalier en colimaçon'.replace('’', "'")
  }
}

function encodedPage(entry: (typeof ENCODED_PAGES)[string]): Buffer {
  // Distinct paragraphs (numbered), as in a real article; identical ones could pass for boilerplate.
  const paragraphs = Array.from(
    { length: 8 },
    (_, i) => `<p>${i + 1}. ${entry.sentence}。${entry.sentence}, ${entry.sentence}. ${entry.sentence}!</p>`
  )
  const page = `<!doctype html><html><head><meta charset="${entry.label}"><title>${entry.title}</title></head>
<body><article><h1>${entry.title}</h1>${paragraphs.join('')}</article></body></html>`
  return iconv.encode(page, entry.encoding)
}

const bytes =
  (body: Buffer, headers: Record<string, string | number>): Route =>
  (_req, res) => {
    res.writeHead(200, headers)
    res.end(body)
  }

const redirect =
  (location: string, status = 302): Route =>
  (_req, res) => {
    res.writeHead(status, { location })
    res.end()
  }

// 64 MB of zeros gzips to about 64 KB: small on the wire, huge once decompressed.
let bomb: Buffer | null = null
const gzipBomb: Route = (_req, res) => {
  bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })
  res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'content-length': bomb.length })
  res.end(bomb)
}

/** Headers at once, then one byte every 100 ms, forever: only a total time limit stops it. */
const slowDrip: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' })
  res.write('<!doctype html><html><body><article><p>')
  const timer = setInterval(() => res.write('a'), 100)
  res.on('close', () => clearInterval(timer))
}

/** 50 MB, streamed without a length, so only counting bytes as they arrive stops it. */
const huge: Route = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' })
  const chunk = Buffer.alloc(1024 * 1024, 'a')
  let sent = 0
  const pump = () => {
    while (sent < 50 && res.write(chunk)) sent++
    if (sent >= 50) res.end()
    else res.once('drain', pump)
  }
  res.on('error', () => undefined)
  pump()
}

const lazyPage = `<!doctype html><html lang="en"><head><title>Lazy Pictures</title></head><body><article><h1>Lazy Pictures</h1>
<p>${'Pictures that load only when scrolled into view still have to be saved for offline reading. '.repeat(4)}</p>
<picture><source srcset="/lazy/small.png 300w, /lazy/large.png 1200w"><img src="/lazy/placeholder.gif" alt="picture element"></picture>
<p>${'Some sites put the real address in data-src and a tiny placeholder in src. '.repeat(4)}</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/lazy/datasrc.png" alt="data-src image">
<img srcset="/lazy/one.png 1x, /lazy/two.png 2x" alt="density srcset">
<img src="/lazy/not-an-image.png" alt="broken">
<img src="/lazy/svg.png" alt="svg pretending">
<p>${'Others use srcset with density descriptors, and a few images are simply broken. '.repeat(4)}</p>
</article></body></html>`

/** Routes for the import-hardening tests, added to the fixture site. */
export function hostileRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = {
    '/redirect/1': redirect('/redirect/2', 301),
    '/redirect/2': redirect('/redirect/3', 307),
    '/redirect/3': redirect('/articles/lighthouse', 308),
    '/loop/a': redirect('/loop/b'),
    '/loop/b': redirect('/loop/a'),
    '/redirect-to-file': redirect('file:///etc/passwd'),
    '/gzip-bomb': gzipBomb,
    '/slow-drip': slowDrip,
    '/huge': huge,
    '/huge-declared': bytes(Buffer.alloc(10), { 'content-type': 'text/html', 'content-length': 50 * 1024 * 1024 }),
    '/lazy': html(lazyPage),
    '/lazy/small.png': png(solidPng(30, 20, [1, 2, 3])),
    '/lazy/large.png': png(solidPng(120, 80, [4, 5, 6])),
    '/lazy/datasrc.png': png(solidPng(40, 20, [7, 8, 9])),
    '/lazy/one.png': png(solidPng(20, 20, [10, 11, 12])),
    '/lazy/two.png': png(solidPng(40, 40, [13, 14, 15])),
    '/lazy/not-an-image.png': bytes(Buffer.from('<html>nope</html>'), { 'content-type': 'image/png' }),
    '/lazy/svg.png': bytes(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), {
      'content-type': 'image/svg+xml'
    }),
    '/tracking': html(`<!doctype html><html><head><title>Tracked | Harbour Gazette</title>
<link rel="canonical" href="/articles/canonical-story"></head><body><article><h1>Tracked</h1>
<p>${'A page that names its canonical address, so the same story under another address is recognised. '.repeat(5)}</p></article></body></html>`)
  }
  for (const [path, entry] of Object.entries(ENCODED_PAGES)) {
    routes[path] = bytes(encodedPage(entry), { 'content-type': 'text/html' })
  }
  return routes
}
