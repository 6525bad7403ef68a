import { test, expect, type Page } from '@playwright/test'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'
import { articleRows as articles, saveUrl as save, viewLink as view } from './ui'
import { startAppServer, type AppServer } from './app-server'

// Organising a library as a user does, in Chromium against `lectern serve`: tags, a tag view, ticking
// articles with x for a bulk archive, and a delete taken back with Undo.

let site: FixtureSite
let app: AppServer
let dataDir: ReturnType<typeof tempDir>

test.beforeEach(async () => {
  site = await startFixtureSite()
  dataDir = tempDir('lectern-e2e-library-')
  app = await startAppServer(dataDir.path)
})

test.afterEach(async () => {
  await app.stop()
  await site.close()
  dataDir.remove()
})

const LIGHTHOUSE = 'The Last Lighthouse Keeper'
const SECOND = 'A Second Story About the Sea'
const THIRD = 'Third Tide Table'

const entry = (page: Page, title: string) => articles(page).filter({ hasText: title })
const titles = (page: Page) => page.getByRole('list', { name: 'Articles' }).getByTestId('article-open')

test('tag, view by tag, tick two with x and archive them, delete one and undo', async ({ page }) => {
  await page.goto(app.url)
  for (const path of ['/articles/lighthouse', '/articles/second', '/articles/third']) {
    const before = await articles(page).count()
    await save(page, site.url(path))
    await expect(articles(page)).toHaveCount(before + 1)
  }
  // Newest first, and the sidebar counts them.
  await expect(titles(page)).toHaveText([THIRD, SECOND, LIGHTHOUSE])
  await expect(page.getByTestId('count-inbox')).toHaveText('3')
  await expect(articles(page).first()).toHaveAttribute('aria-setsize', '3')

  // Tag two articles at once: tick them, "Tag selected…", type a tag.
  await entry(page, LIGHTHOUSE).getByRole('checkbox').check()
  await entry(page, SECOND).getByRole('checkbox').check()
  await expect(page.getByRole('toolbar', { name: 'Selected articles' })).toContainText('2 articles selected')
  await page.getByRole('button', { name: 'Tag selected…' }).click()
  const tagInput = page.getByRole('dialog', { name: 'Tags for 2 articles' }).getByLabel('Add tags')
  await expect(tagInput).toBeFocused()
  await tagInput.fill('sea')
  await tagInput.press('Enter')
  await expect(entry(page, LIGHTHOUSE)).toContainText('#sea')
  await tagInput.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  // The tag is a view with its count.
  const tags = page.getByRole('list', { name: 'Tags' })
  await expect(tags.getByRole('link', { name: 'sea' })).toContainText('2')
  await tags.getByRole('link', { name: 'sea' }).click()
  await expect(titles(page)).toHaveText([SECOND, LIGHTHOUSE])
  await expect(page.getByRole('heading', { name: /#sea/ })).toBeVisible()

  // Back in the inbox, tick two with the keyboard and archive them (a acts on the ticked articles).
  await view(page, 'Inbox').click()
  await expect(titles(page)).toHaveText([THIRD, SECOND, LIGHTHOUSE])
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await page.keyboard.press('j')
  await page.keyboard.press('x')
  await expect(page.getByRole('toolbar', { name: 'Selected articles' })).toContainText('2 articles selected')
  await page.getByRole('button', { name: 'Archive selected' }).click()
  await expect(titles(page)).toHaveText([LIGHTHOUSE])
  await expect(page.getByTestId('count-inbox')).toHaveText('1')
  await expect(page.getByTestId('count-archive')).toHaveText('2')
  await view(page, 'Archive').click()
  await expect(titles(page)).toHaveText([THIRD, SECOND])

  // Delete one; the toast offers Undo for the core's undo window.
  await entry(page, THIRD).getByRole('button', { name: 'Delete', exact: true }).click()
  await entry(page, THIRD).getByRole('button', { name: 'Yes' }).click()
  await expect(titles(page)).toHaveText([SECOND])
  const toast = page.getByTestId('undo-toast')
  await expect(toast).toHaveAttribute('role', 'status')
  await expect(toast).toContainText('Deleted 1 article.')
  await expect(page.getByTestId('count-all')).toHaveText('2')
  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(titles(page)).toHaveText([THIRD, SECOND])
  await expect(toast).toHaveCount(0)
  await expect(page.getByTestId('count-all')).toHaveText('3')

  // All of it is in the library itself.
  await page.reload()
  await view(page, 'Archive').click()
  await expect(titles(page)).toHaveText([THIRD, SECOND])
  await expect(page.getByRole('list', { name: 'Tags' }).getByRole('link', { name: 'sea' })).toContainText('2')
})
