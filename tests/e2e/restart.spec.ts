import { test, expect } from '@playwright/test'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'
import { articleRows as articles, saveUrl as save, viewLink as view } from './ui'
import { startAppServer, type AppServer } from './app-server'

// Stopping `lectern serve` and starting it again: the list, its numbers and the theme come back as they
// were (the first of them from the start page the close left, while the library is read), and the first
// page works as usual.

let site: FixtureSite
let app: AppServer | null
let dataDir: ReturnType<typeof tempDir>

test.beforeEach(async () => {
  site = await startFixtureSite()
  dataDir = tempDir('lectern-e2e-restart-')
  app = await startAppServer(dataDir.path)
})

test.afterEach(async () => {
  await app?.stop()
  await site.close()
  dataDir.remove()
})

const titles = (page: import('@playwright/test').Page) =>
  page.getByRole('list', { name: 'Articles' }).getByTestId('article-open')

test('after a restart the list, its numbers and the theme are as they were, and the first page can be acted on', async ({
  page
}) => {
  await page.goto(app!.url)
  for (const path of ['/articles/lighthouse', '/articles/second']) {
    const before = await articles(page).count()
    await save(page, site.url(path))
    await expect(articles(page)).toHaveCount(before + 1)
  }
  await page.getByRole('button', { name: 'Change theme' }).click() // system → light
  await page.getByRole('button', { name: 'Change theme' }).click() // light → sepia
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia')
  const shown = await titles(page).allTextContents()
  expect(shown).toHaveLength(2)

  await app!.stop()
  app = await startAppServer(dataDir.path)
  await page.goto(app.url)
  await expect(titles(page)).toHaveText(shown)
  await expect(page.getByTestId('count-inbox')).toHaveText('2')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia')

  // Archive the newest from the first page: it leaves the Inbox and the numbers follow.
  await articles(page).first().getByRole('button', { name: 'Archive' }).click()
  await expect(titles(page)).toHaveText([shown[1] as string])
  await expect(page.getByTestId('count-inbox')).toHaveText('1')
  await view(page, 'Archive').click()
  await expect(titles(page)).toHaveText([shown[0] as string])
})
