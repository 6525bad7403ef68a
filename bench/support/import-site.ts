/**
 * The web site bench:import saves from, in a process of its own so serving pages never runs on (or adds
 * garbage to) the event loop being measured. Prints its origin on the first line of stdout; stops when its
 * parent closes stdin.   Run by bench/import.ts: tsx bench/support/import-site.ts --count 500 --long-every 50
 */
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { articlePage, html, png, startFixtureSite, type Route } from '../../tests/support/fixture-site'
import { solidPng } from '../../tests/support/png'
import { longArticle } from '../../tests/support/real-web-site'

const { values } = parseArgs({ options: { count: { type: 'string' }, 'long-every': { type: 'string' } } })
const count = Number(values.count)
const longEvery = Number(values['long-every'])

const wikipedia2 = resolve(
  fileURLToPath(import.meta.url),
  '../../../../shared/corpus/readability-pages/wikipedia-2/source.html'
)
const longPage = existsSync(wikipedia2) ? readFileSync(wikipedia2, 'utf8') : longArticle()

// Each article has its own title and two images of its own (so nothing is deduplicated away); each long
// page its own address and title (so none is recognised as already saved).
const routes: Record<string, Route> = {}
for (let i = 0; i < count; i++) {
  if (i % longEvery === longEvery - 1) {
    routes[`/bench/${i}`] = html(
      longPage.replace(/<link[^>]+rel="canonical"[^>]*>/gi, '').replace('<title>', `<title>${i} `)
    )
    continue
  }
  const page = articlePage(`Bench Article Number ${i}`)
    .replace('/images/tower.png', `/bench-img/${i}-a.png`)
    .replace('images/logbook.png', `/bench-img/${i}-b.png`)
    .replace('/images/lead.png', `/bench-img/${i}-a.png`)
  routes[`/bench/${i}`] = html(page)
  routes[`/bench-img/${i}-a.png`] = png(solidPng(64, 48, [i % 256, 40, 90]))
  routes[`/bench-img/${i}-b.png`] = png(solidPng(48, 32, [10, i % 256, 200]))
}

const site = await startFixtureSite(routes)
process.stdout.write(`${site.origin}\n${existsSync(wikipedia2) ? 'wikipedia-2' : 'a generated 1 MB article'}\n`)
process.stdin.resume()
process.stdin.on('end', () => void site.close().then(() => process.exit(0)))
