import { test, expect, type Page } from '@playwright/test'
import { articlePage, html, startFixtureSite, type FixtureSite, type Route } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'
import { articleRows as articles } from './ui'
import { startAppServer, type AppServer } from './app-server'

// Search as a user meets it, in Chromium against `lectern serve`: `/`, results as you type with the matches
// marked, Enter opening the article at its match, operators, saved searches, and a search box that keeps
// up while a bulk import is running.

const FILLER = Array.from(
  { length: 14 },
  (_, i) =>
    `<p>Log entry ${i + 1}: the wind backed to the south-west, the barometer fell, and the night watch saw nothing but rain on the glass of the lantern room.</p>`
).join('\n')
/** A long article whose one unusual word sits far below the first screen. */
const QUARTERMASTER = articlePage(
  'The Quartermaster',
  `${FILLER}\n<p>At last the quartermaster unpacked the zephyrine sails, stitched for calm summer seas.</p>\n${FILLER}`
)

/** A page that takes a while to arrive, so a bulk import of many of them keeps running for seconds. */
function slow(body: string, delayMs: number): Route {
  return (req, res) => {
    const timer = setTimeout(() => html(body)(req, res), delayMs)
    res.on('close', () => clearTimeout(timer))
  }
}

const BULK = 30
const bulkRoutes: Record<string, Route> = Object.fromEntries(
  Array.from({ length: BULK }, (_, i) => [`/a/${i + 1}`, slow(articlePage(`Bulk article ${i + 1}`), 500)])
)

let site: FixtureSite
let app: AppServer
let dataDir: ReturnType<typeof tempDir>

test.beforeEach(async () => {
  site = await startFixtureSite({ '/articles/quartermaster': html(QUARTERMASTER), ...bulkRoutes })
  dataDir = tempDir('lectern-e2e-search-')
  app = await startAppServer(dataDir.path, ['--timeout', '5'])
})

test.afterEach(async () => {
  await app.stop()
  await site.close()
  dataDir.remove()
})

const results = (page: Page) => page.getByRole('list', { name: 'Search results' }).getByRole('listitem')
const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search articles' })

async function save(page: Page, url: string, count: number): Promise<void> {
  const input = page.getByLabel('Article URL')
  await input.fill(url)
  await input.press('Enter')
  await expect(articles(page)).toHaveCount(count)
  await expect(input).toHaveValue('')
}

test('/ to search, matches highlighted, Enter opens the article at the match, operators and saved searches', async ({
  page
}) => {
  await page.goto(app.url)
  await save(page, site.url('/articles/lighthouse'), 1)
  await save(page, site.url('/articles/second'), 2)
  await save(page, site.url('/articles/quartermaster'), 3)

  // Leave the URL field (Esc), then `/` from the list.
  await page.getByLabel('Article URL').press('Escape')
  await page.keyboard.press('/')
  await expect(searchBox(page)).toBeFocused()
  await page.keyboard.type('zephyrine')
  await expect(results(page)).toHaveCount(1)
  const result = results(page).first()
  await expect(result).toContainText('The Quartermaster')
  await expect(result.locator('mark')).toHaveText(['zephyrine'])
  await expect(page.getByRole('list', { name: 'Articles' })).toHaveCount(0)

  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { level: 1, name: 'The Quartermaster' })).toBeVisible()
  const frameBody = page.frameLocator('iframe[title="Article"]').locator('body')
  await expect(frameBody).toContainText('zephyrine sails')
  // The reader scrolled down to the match, which is on screen inside the frame.
  await expect
    .poll(() =>
      frameBody.evaluate((body) => {
        const mark = body.ownerDocument.querySelector('mark[data-search-match]')
        const win = body.ownerDocument.defaultView!
        if (!mark) return 'no mark'
        const rect = mark.getBoundingClientRect()
        return `${mark.textContent} scrolled=${win.scrollY > 0} visible=${rect.top >= 0 && rect.bottom <= win.innerHeight}`
      })
    )
    .toBe('zephyrine scrolled=true visible=true')

  // Esc: back to the results; Esc again: back to the list.
  await page.keyboard.press('Escape')
  await expect(results(page)).toHaveCount(1)
  await page.keyboard.press('Escape')
  await expect(results(page)).toHaveCount(0)
  await expect(articles(page)).toHaveCount(3)

  // An operator: favorites only.
  await articles(page)
    .filter({ hasText: 'A Second Story About the Sea' })
    .getByRole('button', { name: 'Favorite', exact: true })
    .click()
  await page.keyboard.press('/')
  await expect(searchBox(page)).toBeFocused()
  await page.keyboard.type('is:favorite')
  await expect(results(page)).toHaveCount(1)
  await expect(results(page)).toContainText('A Second Story About the Sea')

  // Saved as a sidebar view, which survives a reload and runs its query.
  await page.getByRole('button', { name: 'Save search' }).click()
  await page.getByRole('textbox', { name: 'Name for this search' }).fill('Loved')
  await page.getByRole('textbox', { name: 'Name for this search' }).press('Enter')
  const sidebar = page.getByRole('navigation', { name: 'Library views' })
  await expect(sidebar.getByRole('link', { name: 'Loved' })).toBeVisible()
  await page.reload()
  await expect(articles(page)).toHaveCount(3)
  await sidebar.getByRole('link', { name: 'Loved' }).click()
  await expect(searchBox(page)).toHaveValue('is:favorite')
  await expect(results(page)).toHaveCount(1)
  await sidebar.getByRole('button', { name: 'Delete saved search “Loved”' }).click()
  await expect(sidebar.getByRole('link', { name: 'Loved' })).toHaveCount(0)

  // The syntax is documented next to the box.
  await page.getByRole('button', { name: 'Search help' }).click()
  await expect(page.getByRole('dialog', { name: 'Search syntax' })).toContainText('saved:>2026-01-01')
})

test('the search box keeps up with typing while a bulk import runs', async ({ page }) => {
  await page.goto(app.url)
  await expect(page.getByText('No articles yet')).toBeVisible()
  const input = page.getByLabel('Article URL')
  await input.focus()
  const list = Array.from({ length: BULK }, (_, i) => site.url(`/a/${i + 1}`)).join('\n')
  await input.evaluate((el, text) => {
    const data = new DataTransfer()
    data.setData('text/plain', text)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, list)
  const counts = page.getByTestId('import-counts')
  await expect(counts).toContainText('Saving')
  // Wait for a first article, so there is something to find while the rest are still on their way.
  await expect(counts).toContainText(/Saving [1-9]\d* of 30/)

  await searchBox(page).click()
  const query = 'bulk article'
  let typed = ''
  for (const key of query) {
    await page.keyboard.type(key)
    typed += key
    // Each keystroke shows at once, import or not.
    await expect(searchBox(page)).toHaveValue(typed, { timeout: 500 })
  }
  await expect(results(page).first()).toContainText('Bulk article', { timeout: 5000 })
  await expect(results(page).first().locator('h2 mark').first()).toHaveText(/bulk/i)
  // The import was still running all along.
  await expect(counts).toContainText('Saving')

  // As the import finishes, the results follow the library.
  await expect(counts).toHaveText(`Import finished: ${BULK} saved (of ${BULK}).`, { timeout: 30_000 })
  await expect(results(page)).toHaveCount(BULK, { timeout: 15_000 })
})
