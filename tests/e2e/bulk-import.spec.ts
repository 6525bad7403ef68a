import { test, expect } from '@playwright/test'
import { startFixtureSite, type FixtureSite } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'
import { startAppServer, type AppServer } from './app-server'

// Pasting a list of addresses: progress while it runs, a summary with the failure and its reason, and a
// retry; the list of articles fills in as pages are saved.

let site: FixtureSite
let app: AppServer
let dataDir: ReturnType<typeof tempDir>

test.beforeEach(async () => {
  site = await startFixtureSite()
  dataDir = tempDir('lectern-e2e-bulk-')
  app = await startAppServer(dataDir.path, ['--timeout', '2'])
})

test.afterEach(async () => {
  await app.stop()
  await site.close()
  dataDir.remove()
})

test('paste a list of URLs: progress, summary of failures, retry, and the articles in the list', async ({ page }) => {
  await page.goto(app.url)
  const input = page.getByLabel('Article URL')
  await input.focus()
  const list = [
    site.url('/articles/lighthouse'),
    site.url('/missing'),
    site.url('/articles/second'),
    site.url('/articles/third')
  ].join('\n')
  // A real paste event with a multi-line clipboard, as when copying a list from a document.
  await input.evaluate((el, text) => {
    const data = new DataTransfer()
    data.setData('text/plain', text)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, list)

  const counts = page.getByTestId('import-counts')
  await expect(counts).toHaveText('Import finished: 3 saved, 1 failed (of 4).')
  await expect(page.getByTestId('import-failures')).toContainText(`${site.url('/missing')} 127.0.0.1`)
  await expect(page.getByTestId('import-failures')).toContainText('does not exist (HTTP 404)')
  const articles = page.getByRole('list', { name: 'Articles' }).getByRole('listitem')
  await expect(articles).toHaveCount(3)

  await page.getByRole('button', { name: 'Retry failed (1)' }).click()
  await expect(counts).toHaveText('Import finished: 0 saved, 1 failed (of 1).')
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page.getByTestId('import-panel')).toHaveCount(0)
})
