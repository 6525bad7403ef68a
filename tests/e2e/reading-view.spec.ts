import { mkdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { test, expect, type FrameLocator, type Page } from '@playwright/test'
import { articlePage, html, startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'
import { articleRows as articles } from './ui'
import { startAppServer, type AppServer } from './app-server'

// The reading view as a user meets it, in Chromium against `lectern serve`, with articles imported from
// pages this test serves on 127.0.0.1. While reading, nothing may leave the app's own origin.

const SCREENSHOT = fileURLToPath(new URL('../../docs/reading-dark.png', import.meta.url))

/** Distinct, long paragraphs so the article is several screens tall. */
function longText(topic: string, count = 40): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `<p>${topic}, part ${i + 1}: the tide tables were copied by hand each winter, checked against the harbour clock, and pinned inside the door of the boathouse where the pilots could read them before dawn; paragraph ${i + 1} of ${count} goes on about currents, moorings and the patience of people who wait for water.</p>`
  ).join('\n')
}

const RICH = `<h2>Instruments</h2>
<p>The keeper kept a small program for the tide gauge. It printed one long line per reading:</p>
<pre><code>function reading(gauge) { return gauge.samples.map((s) =&gt; s.height.toFixed(2)).join(', ') + ' metres at ' + gauge.time.toISOString() + ' (harbour datum, corrected for pressure)' }</code></pre>
<blockquote><p>The sea does not keep appointments; it keeps tables.</p></blockquote>
<table><caption>High water, first week</caption><thead><tr><th>Day</th><th>Morning</th><th>Evening</th><th>Height</th><th>Notes</th></tr></thead>
<tbody><tr><td>Monday</td><td>05:12</td><td>17:40</td><td>4.2 m</td><td>Calm, light westerly wind and a clear horizon</td></tr>
<tr><td>Tuesday</td><td>05:58</td><td>18:21</td><td>4.4 m</td><td>Fog until nine, then bright</td></tr></tbody></table>
${longText('Instruments', 8)}`

const RTL_PAGE = `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>حارس المنارة | جريدة الميناء</title></head>
<body><article><h1>حارس المنارة</h1>
${Array.from({ length: 8 }, (_, i) => `<p>الفقرة ${i + 1}: صعد حارس المنارة الدرج الحلزوني كل مساء عند الغسق، يعد الدرجات المئة والاثنتي عشرة كما فعل أبوه من قبله، ويكتب في دفتره لون البحر وأسماء السفن وساعة انقشاع الضباب.</p>`).join('\n')}
</article></body></html>`

let site: FixtureSite
let app: AppServer
let dataDir: ReturnType<typeof tempDir>

test.beforeEach(async () => {
  site = await startFixtureSite({
    '/articles/long-one': html(articlePage('Harbour Tides One', longText('Tides one'))),
    '/articles/long-two': html(articlePage('Harbour Tides Two', longText('Tides two'))),
    '/articles/long-three': html(articlePage('Harbour Tides Three', longText('Tides three'))),
    '/articles/rich': html(articlePage('The Keeper’s Instruments', RICH)),
    '/articles/rtl': html(RTL_PAGE)
  })
  dataDir = tempDir('lectern-e2e-reading-')
  app = await startAppServer(dataDir.path)
})

test.afterEach(async () => {
  await app.stop()
  await site.close()
  dataDir.remove()
})

const reader = (page: Page): FrameLocator => page.frameLocator('iframe[title="Article"]')

async function save(page: Page, path: string, count: number): Promise<void> {
  const input = page.getByLabel('Article URL')
  await input.fill(site.url(path))
  await input.press('Enter')
  await expect(articles(page)).toHaveCount(count)
}

async function openFromList(page: Page, title: string, text = 'paragraph'): Promise<void> {
  await articles(page).filter({ hasText: title }).getByRole('button', { name: title }).click()
  await expect(page.getByTestId('reader-title')).toContainText(title)
  await expect(reader(page).locator('body > article')).toContainText(text)
}

/** The reader document's scroll position as a fraction of what can be scrolled. */
function scrollFraction(page: Page): Promise<number> {
  return reader(page)
    .locator('html')
    .evaluate((root) => {
      const win = root.ownerDocument.defaultView!
      const max = root.scrollHeight - root.clientHeight
      return max > 0 ? win.scrollY / max : 0
    })
}

/**
 * Records every request from now on, and refuses any that is not for 127.0.0.1 (an article must never
 * reach the network). Returns the lists to assert on.
 */
async function watchNetwork(page: Page): Promise<{ external: string[]; all: string[] }> {
  const external: string[] = []
  const all: string[] = []
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url())
    all.push(url.href)
    if (url.hostname === '127.0.0.1') return route.continue()
    external.push(url.href)
    return route.abort('blockedbyclient')
  })
  return { external, all }
}

test('settings apply at once and persist; the reading position is saved while scrolling and restored after a reload', async ({
  page
}) => {
  const network = await watchNetwork(page)
  await page.goto(app.url)
  await save(page, '/articles/long-one', 1)
  network.all.length = 0

  await openFromList(page, 'Harbour Tides One')
  const body = reader(page).locator('body')
  await expect(body).toHaveCSS('font-size', '19px')

  // Text size with the keyboard, theme from the reading settings.
  await page.keyboard.press('+')
  await expect(body).toHaveCSS('font-size', '20px')
  await page.getByRole('button', { name: 'Reading settings' }).click()
  await page.getByRole('radio', { name: 'Dark' }).check()
  await page.getByRole('button', { name: 'Done' }).click()
  await expect(reader(page).locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(reader(page).locator('html')).toHaveCSS('background-color', 'rgb(27, 29, 33)')

  // Scroll half way, as a user would, and wait for the save.
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/setProgress'))
  await reader(page)
    .locator('html')
    .evaluate((root) => root.ownerDocument.defaultView!.scrollTo(0, (root.scrollHeight - root.clientHeight) / 2))
  const request = (await saved).request().postDataJSON() as { progress: number }
  expect(request.progress).toBeCloseTo(0.5, 1)
  await expect(page.getByRole('progressbar', { name: 'Reading progress' })).toHaveAttribute(
    'aria-valuenow',
    /^(49|50)$/
  )

  await page.reload()
  // Settings came back from the data dir (not localStorage); the list shows how far the article got.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(articles(page).filter({ hasText: 'Harbour Tides One' }).getByTestId('progress-indicator')).toHaveText(
    /^(49|50)% read$/
  )
  await openFromList(page, 'Harbour Tides One')
  await expect(reader(page).locator('body')).toHaveCSS('font-size', '20px')
  await expect.poll(() => scrollFraction(page)).toBeGreaterThan(0.47)
  expect(await scrollFraction(page)).toBeLessThan(0.53)

  // Reading touched nothing but the app's own origin: no fixture site, no internet.
  expect(network.external).toEqual([])
  for (const url of network.all) expect(new URL(url).origin).toBe(app.origin)
})

test('keyboard: page and line scrolling, n/p through three articles, Esc back to the list', async ({ page }) => {
  const network = await watchNetwork(page)
  await page.goto(app.url)
  await save(page, '/articles/long-one', 1)
  await save(page, '/articles/long-two', 2)
  await save(page, '/articles/long-three', 3)
  network.all.length = 0
  const titles = (await articles(page).locator('.item-open').allTextContents()).map((t) => t.trim())
  expect(titles).toHaveLength(3)

  // From the list: Escape leaves the URL field, k moves the selection up (three times reaches the top from
  // anywhere), Enter opens.
  await page.getByLabel('Article URL').press('Escape')
  await page.keyboard.press('j')
  for (let i = 0; i < 3; i++) await page.keyboard.press('k')
  await expect(articles(page).first()).toHaveAttribute('aria-current', 'true')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('reader-title')).toHaveText(titles[0]!)
  await expect(reader(page).locator('body > article')).toContainText('paragraph')

  // Space pages down, shift+space back up, j/k and arrows move by lines: with focus in the app or the article.
  await page.keyboard.press('Space')
  await expect.poll(() => scrollFraction(page)).toBeGreaterThan(0)
  const afterPage = await scrollFraction(page)
  await page.keyboard.press('Shift+Space')
  await expect.poll(() => scrollFraction(page)).toBe(0)
  // Focus into the article itself: from now on keys go to the frame's document, which forwards them.
  await reader(page)
    .locator('body')
    .click({ position: { x: 5, y: 5 } })
  expect(await scrollFraction(page)).toBe(0)
  await page.keyboard.press('j')
  await expect.poll(() => scrollFraction(page)).toBeGreaterThan(0)
  expect(await scrollFraction(page)).toBeLessThan(afterPage)
  await page.keyboard.press('ArrowUp')
  await page.keyboard.press('k')
  await expect.poll(() => scrollFraction(page)).toBe(0)

  await page.keyboard.press('n')
  await expect(page.getByTestId('reader-title')).toHaveText(titles[1]!)
  await expect(reader(page).locator('body > article')).toContainText('paragraph')
  await page.keyboard.press('n')
  await expect(page.getByTestId('reader-title')).toHaveText(titles[2]!)
  await expect(reader(page).locator('body > article')).toContainText('paragraph')
  await page.keyboard.press('p')
  await expect(page.getByTestId('reader-title')).toHaveText(titles[1]!)
  await expect(reader(page).locator('body > article')).toContainText('paragraph')
  await reader(page).locator('p', { hasText: 'part 1:' }).click()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('reader')).toHaveCount(0)
  await expect(articles(page).filter({ hasText: titles[1]! })).toHaveAttribute('aria-current', 'true')

  expect(network.external).toEqual([])
  for (const url of network.all) expect(new URL(url).origin).toBe(app.origin)
})

test('code, tables, quotes and figures fit the column; right-to-left articles read right to left', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 760 })
  const network = await watchNetwork(page)
  await page.goto(app.url)
  await save(page, '/articles/rich', 1)
  await save(page, '/articles/rtl', 2)
  network.all.length = 0

  await openFromList(page, 'The Keeper’s Instruments')
  const doc = reader(page)
  const layout = await doc.locator('body > article').evaluate((article) => {
    const win = article.ownerDocument.defaultView!
    const pre = article.querySelector('pre')!
    const table = article.querySelector('table')!
    const img = article.querySelector('figure img') as HTMLImageElement
    const column = article.getBoundingClientRect().width
    return {
      column,
      pageScrolls:
        article.ownerDocument.documentElement.scrollWidth > article.ownerDocument.documentElement.clientWidth,
      preOverflow: win.getComputedStyle(pre).overflowX,
      preScrollsSideways: pre.scrollWidth > pre.clientWidth,
      tableWidth: table.getBoundingClientRect().width,
      imgWidth: img.getBoundingClientRect().width,
      imgAlt: img.alt,
      caption: article.querySelector('figcaption')?.textContent,
      quoteBorder: win.getComputedStyle(article.querySelector('blockquote')!).borderInlineStartWidth
    }
  })
  expect(layout.pageScrolls).toBe(false)
  expect(layout.preOverflow).toBe('auto')
  expect(layout.preScrollsSideways).toBe(true)
  expect(layout.tableWidth).toBeLessThanOrEqual(layout.column + 1)
  expect(layout.imgWidth).toBeLessThanOrEqual(layout.column + 1)
  expect(layout.imgAlt).toBe('The tower at dusk')
  expect(layout.caption).toContain('The tower at dusk')
  expect(layout.quoteBorder).toBe('3px')

  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await page.getByRole('button', { name: 'Reading settings' }).click()
    await page.getByRole('radio', { name: 'Dark' }).check()
    await page.getByRole('button', { name: 'Done' }).click()
    await expect(doc.locator('html')).toHaveAttribute('data-theme', 'dark')
    await doc
      .locator('h2')
      .first()
      .evaluate((h) => h.scrollIntoView({ block: 'start' }))
    mkdirSync(fileURLToPath(new URL('../../docs/', import.meta.url)), { recursive: true })
    await page.screenshot({ path: SCREENSHOT, animations: 'disabled', caret: 'hide' })
  }

  await page.keyboard.press('Escape')
  await openFromList(page, 'حارس المنارة', 'الفقرة')
  await expect(doc.locator('html')).toHaveAttribute('dir', 'rtl')
  await expect(doc.locator('html')).toHaveAttribute('lang', 'ar')
  await expect(doc.locator('body > article p').first()).toHaveCSS('direction', 'rtl')
  await expect(page.getByTestId('reader-title').locator('xpath=..')).toHaveAttribute('dir', 'rtl')

  expect(network.external).toEqual([])
  for (const url of network.all) expect(new URL(url).origin).toBe(app.origin)
})

test('the Print button prints the article from a frame that cannot run scripts', async ({ page }) => {
  await page.goto(app.url)
  await save(page, '/articles/long-one', 1)
  await openFromList(page, 'Harbour Tides One')
  await page.getByRole('button', { name: 'Print' }).click()
  const printFrame = page.locator('iframe.print-frame')
  await expect(printFrame).toHaveAttribute('sandbox', 'allow-same-origin allow-modals')
  // The copy has the reader's print rules and the article's header (the app's header is outside the frame).
  const printed = page.frameLocator('iframe.print-frame')
  await expect(printed.locator('.print-header h1')).toHaveText('Harbour Tides One')
  await page.emulateMedia({ media: 'print' })
  await expect(printed.locator('.print-header')).toHaveCSS('display', 'block')
  await expect(printed.locator('html')).toHaveCSS('background-color', 'rgb(255, 255, 255)')
})
