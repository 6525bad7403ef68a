import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { solidPng } from './png'

/**
 * A small web site on 127.0.0.1 with the kinds of pages an import meets: an article with images (one
 * lazy-loaded, one relative), a page that is not an article, a 404, a slow page, a PDF and a redirect.
 * Tests start it, and stop it (for example to prove the article is readable offline).
 */
export interface FixtureSite {
  origin: string
  url(path: string): string
  /** How many times each path was requested. */
  hits: Map<string, number>
  close(): Promise<void>
}

const PARAGRAPHS = [
  'The lighthouse keeper climbed the spiral stairs every evening at dusk, counting the one hundred and twelve steps as his father had before him.',
  'Ships no longer needed the beam the way they once had, yet the harbour board kept paying for the oil, the brass polish and the logbooks filled with weather.',
  'In winter the storms arrived from the north-west, and the glass of the lantern room hummed like a struck bell when the gusts passed fifty knots.',
  'He wrote down everything: the colour of the sea at noon, the names of the trawlers, the number of gulls on the railing, the hour the fog lifted.',
  'Years later, historians would find those logbooks in a crate at the museum and read in them a careful record of a coastline that has since changed beyond recognition.'
]

export function articlePage(title: string, extra = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"><meta property="og:image" content="/images/lead.png">
<meta property="article:published_time" content="2026-03-14T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>${title}</h1><p class="byline">By Ada Marsh</p>
<p>${PARAGRAPHS[0]}</p>
<figure><img src="/images/tower.png" alt="The tower at dusk" width="60" height="40"><figcaption>The tower at dusk.</figcaption></figure>
<p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p>
<p><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="images/logbook.png" alt="A page of the logbook"></p>
<p>${PARAGRAPHS[3]} <a href="/archive/logbooks">Read the logbooks</a>.</p><p>${PARAGRAPHS[4]}</p>
<script>window.evil = true</script>${extra}
</article><footer>© Harbour Gazette</footer></body></html>`
}

const NOT_AN_ARTICLE = `<!doctype html><html><head><title>Harbour Gazette</title></head><body>
<ul><li><a href="/a">Storm warning</a></li><li><a href="/b">Ferry times</a></li><li><a href="/c">Letters</a></li></ul>
</body></html>`

export type Route = (req: IncomingMessage, res: ServerResponse) => void

export function html(body: string): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(body)
  }
}

export function png(bytes: Buffer): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length })
    res.end(bytes)
  }
}

/** Starts the site; `extra` adds or replaces routes (path → handler) for one suite's own pages. */
export async function startFixtureSite(extra: Record<string, Route> = {}): Promise<FixtureSite> {
  const routes = new Map<string, Route>([
    ['/articles/lighthouse', html(articlePage('The Last Lighthouse Keeper'))],
    ['/articles/second', html(articlePage('A Second Story About the Sea'))],
    ['/articles/third', html(articlePage('Third Tide Table'))],
    ['/not-an-article', html(NOT_AN_ARTICLE)],
    ['/images/tower.png', png(solidPng(60, 40, [200, 80, 40]))],
    ['/articles/images/logbook.png', png(solidPng(30, 20, [20, 90, 160]))],
    ['/images/lead.png', png(solidPng(80, 40, [30, 140, 60]))],
    [
      '/document.pdf',
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/pdf' })
        res.end('%PDF-1.4\n%fake\n')
      }
    ],
    [
      '/moved',
      (_req, res) => {
        res.writeHead(301, { location: '/articles/second' })
        res.end()
      }
    ],
    [
      '/slow',
      (_req, res) => {
        // Never finishes the headers within any reasonable test timeout; the client must give up.
        const timer = setTimeout(() => html(articlePage('Too Late'))(_req, res), 60_000)
        res.on('close', () => clearTimeout(timer))
      }
    ]
  ])
  for (const [path, route] of Object.entries(extra)) routes.set(path, route)
  const hits = new Map<string, number>()
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://fixture').pathname
    hits.set(path, (hits.get(path) ?? 0) + 1)
    const route = routes.get(path)
    if (route) return route(req, res)
    res.writeHead(404, { 'content-type': 'text/html' })
    res.end('<h1>Not found</h1>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  server.unref() // never keeps a test process alive
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    url: (path) => origin + path,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
