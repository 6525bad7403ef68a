import { test, expect, type Page } from '@playwright/test'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'
import { articleRows as articles, saveUrl as save, viewLink as view } from './ui'
import { startAppServer, type AppServer } from './app-server'

// The walking skeleton as a user meets it, in Chromium against `lectern serve` (what `npm run web` runs)
// with a temporary library, importing pages that this test serves from 127.0.0.1.

let site: FixtureSite
let app: AppServer
let dataDir: ReturnType<typeof tempDir>

test.beforeEach(async () => {
  site = await startFixtureSite()
  dataDir = tempDir('lectern-e2e-')
  app = await startAppServer(dataDir.path, ['--timeout', '2'])
})

test.afterEach(async () => {
  await app.stop()
  await site.close()
  dataDir.remove()
})

/** True once every image in the reading view has loaded with real pixels. */
async function imagesLoaded(page: Page): Promise<{ count: number; loaded: number; sources: string[] }> {
  return page
    .frameLocator('iframe[title="Article"]')
    .locator('body')
    .evaluate((body) => {
      const images = [...body.querySelectorAll('img')]
      return {
        count: images.length,
        loaded: images.filter((img) => img.complete && img.naturalWidth > 0).length,
        sources: images.map((img) => img.currentSrc)
      }
    })
}

test('save a URL, see it in the list, read it with its images, and still read it offline after a restart', async ({
  page
}) => {
  await page.goto(app.url)
  await expect(page.getByText('No articles yet')).toBeVisible()

  await save(page, site.url('/articles/lighthouse'))
  const entry = articles(page).filter({ hasText: 'The Last Lighthouse Keeper' })
  await expect(entry).toBeVisible()
  await expect(entry).toContainText('Harbour Gazette')
  await expect(entry).toContainText('min read')
  await expect(entry).toContainText('The lighthouse keeper climbed the spiral stairs') // excerpt
  await expect(page.getByLabel('Article URL')).toHaveValue('')

  await entry.getByRole('button', { name: 'The Last Lighthouse Keeper' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'The Last Lighthouse Keeper' })).toBeVisible()
  const body = page.frameLocator('iframe[title="Article"]').locator('body')
  await expect(body).toContainText('one hundred and twelve steps')
  await expect.poll(async () => (await imagesLoaded(page)).loaded).toBe(2)

  // Offline: the site is gone and the app restarts on the same library.
  await site.close()
  await app.stop()
  app = await startAppServer(dataDir.path)
  await page.goto(app.url)
  await articles(page)
    .filter({ hasText: 'The Last Lighthouse Keeper' })
    .getByRole('button', { name: 'The Last Lighthouse Keeper' })
    .click()
  await expect(body).toContainText('Years later, historians')
  await expect.poll(async () => (await imagesLoaded(page)).loaded).toBe(2)
  const { sources } = await imagesLoaded(page)
  for (const src of sources)
    expect(src).toMatch(new RegExp(`^${app.origin}/media/[a-z0-9-]+/assets/[a-f0-9]{64}\\.png$`))
})

test('bad input gets a specific message and leaves the library unchanged', async ({ page }) => {
  await page.goto(app.url)
  await save(page, site.url('/articles/lighthouse'))
  await expect(articles(page)).toHaveCount(1)

  const cases: Array<[string, RegExp]> = [
    ['this is not a url', /not a web address/],
    ['ftp://files.example/article', /only save http and https/],
    [site.url('/missing'), /does not exist \(HTTP 404\)/],
    [site.url('/not-an-article'), /No article was found/],
    [site.url('/document.pdf'), /PDF document, not a web page/],
    [site.url('/slow'), /did not send the page within 2 s/],
    ['http://127.0.0.1:9/', /refused the connection|Could not connect/]
  ]
  for (const [url, message] of cases) {
    await save(page, url)
    await expect(page.getByRole('alert')).toContainText(message)
    await expect(page.getByLabel('Article URL')).toHaveValue(url) // kept, so it can be corrected
    await expect(articles(page)).toHaveCount(1)
  }
})

test('archive, favorite and delete from the list', async ({ page }) => {
  await page.goto(app.url)
  await save(page, site.url('/articles/lighthouse'))
  await expect(articles(page)).toHaveCount(1)
  await save(page, site.url('/articles/second'))
  await expect(articles(page)).toHaveCount(2)

  const first = articles(page).filter({ hasText: 'The Last Lighthouse Keeper' })
  await first.getByRole('button', { name: 'Favorite', exact: true }).click()
  await expect(first.getByTestId('favorite-indicator')).toBeVisible()
  await first.getByRole('button', { name: 'Archive', exact: true }).click()

  await view(page, 'Inbox').click()
  await expect(articles(page)).toHaveCount(1)
  await expect(articles(page)).toContainText('A Second Story About the Sea')
  await view(page, 'Archive').click()
  await expect(articles(page)).toHaveCount(1)
  await expect(articles(page)).toContainText('The Last Lighthouse Keeper')
  await view(page, 'Favorites').click()
  await expect(articles(page)).toContainText('The Last Lighthouse Keeper')

  await view(page, 'All').click()
  const second = articles(page).filter({ hasText: 'A Second Story About the Sea' })
  await second.getByRole('button', { name: 'Delete', exact: true }).click()
  await second.getByRole('button', { name: 'Yes' }).click()
  await expect(articles(page)).toHaveCount(1)

  // The change is in the library itself, not only on screen.
  await page.reload()
  await view(page, 'All').click()
  await expect(articles(page)).toHaveCount(1)
  await expect(articles(page)).toContainText('The Last Lighthouse Keeper')
})
