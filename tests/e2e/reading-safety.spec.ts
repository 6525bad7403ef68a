import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { test, expect, type Page } from '@playwright/test'
import { articleMeta } from '../support/article-meta'
import { tempDir } from '../support/temp-dir'
import { startAppServer, type AppServer } from './app-server'

// Article HTML is untrusted. Three layers stand between it and the user: the sanitizer (at import and again
// before display), the iframe sandbox without allow-scripts, and the frame's CSP. These tests feed the
// display path hostile HTML that never went through the import sanitizer (a tampered library), and then
// hostile HTML that skips the display sanitizer too, and check that nothing ran and nothing left the machine.

/** What a payload would do if it ran. The marker is built at run time so it never appears in source text. */
const RUN = `var m = 'PAYLOAD' + '-' + 'EXECUTED'; console.log(m); try { window.top.pwned = m } catch (e) {} try { parent.pwned = m } catch (e) {} alert(m)`

const ASSET = `assets/${'ab'.repeat(32)}.png`

const HOSTILE = `
<h2>Hostile article</h2>
<p id="first">Readable text that must survive.</p>
<script>${RUN}</script>
<script src="https://evil.test/x.js"></script>
<img src="x" onerror="${RUN}">
<img src="https://evil.test/pixel.gif" alt="remote pixel">
<img srcset="https://evil.test/a.png 1x" alt="remote srcset">
<svg onload="${RUN}"><circle r="4"/></svg>
<svg><script>${RUN}</script></svg>
<iframe src="https://evil.test/frame"></iframe>
<iframe srcdoc="<script>${RUN.replace(/"/g, '&quot;')}</script>"></iframe>
<object data="https://evil.test/x.swf"></object><embed src="https://evil.test/x.swf">
<video poster="https://evil.test/poster.png" src="https://evil.test/v.mp4" autoplay></video>
<audio src="https://evil.test/a.mp3" autoplay></audio>
<link rel="stylesheet" href="https://evil.test/x.css">
<link rel="prefetch" href="https://evil.test/prefetch">
<style>@import url("https://evil.test/import.css"); body { background: url("https://evil.test/bg.png") }</style>
<p style="background-image: url('https://evil.test/inline.png')">styled</p>
<meta http-equiv="refresh" content="0;url=https://evil.test/refresh">
<base href="https://evil.test/">
<form action="https://evil.test/submit"><input name="q" autofocus onfocus="${RUN}"><button>Go</button></form>
<details open ontoggle="${RUN}"><summary>s</summary>d</details>
<a id="js" href="javascript:${encodeURIComponent(RUN)}">javascript link</a>
<a id="file" href="file:///etc/passwd">file link</a>
<a id="data" href="data:text/html,<script>${encodeURIComponent(RUN)}</script>">data link</a>
<a id="custom" href="vscode://file/etc/passwd">custom scheme link</a>
<a id="web" href="https://example.test/story">web link</a>
<img src="${ASSET}" alt="a stored image">
<!-- Parser-confusion (mXSS) vectors last: they swallow whatever follows them. -->
<noscript><p title="</noscript><img src=x onerror=&quot;${RUN}&quot;>"></noscript>
<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">
`

let app: AppServer
let dataDir: ReturnType<typeof tempDir>

/** A library whose content.html was written by hand, never sanitized: what a tampered data folder holds. */
function writeTamperedLibrary(dir: string): void {
  const id = 'hostile-1'
  const meta = articleMeta({
    id,
    url: 'https://example.test/hostile',
    title: 'A hostile article',
    siteName: 'Evil Gazette',
    excerpt: 'Looks harmless.',
    wordCount: 50,
    readingMinutes: 1,
    savedAt: '2026-03-14T09:00:00.000Z'
  })

  mkdirSync(join(dir, 'articles', id, 'assets'), { recursive: true })
  writeFileSync(join(dir, 'articles', id, 'content.html'), HOSTILE)
  writeFileSync(join(dir, 'articles', id, 'content.txt'), 'Readable text that must survive.')
  writeFileSync(join(dir, 'library.json'), JSON.stringify({ schemaVersion: 1, articles: [meta] }, null, 2))
}

interface Watch {
  dialogs: string[]
  external: string[]
  consoleFromPayload: string[]
  popups: string[]
}

/** Records dialogs, console output and new tabs; refuses and records every request that leaves 127.0.0.1. */
async function watch(page: Page): Promise<Watch> {
  const w: Watch = { dialogs: [], external: [], consoleFromPayload: [], popups: [] }
  page.on('dialog', (dialog) => {
    w.dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    if (message.text().includes('PAYLOAD-EXECUTED')) w.consoleFromPayload.push(message.text())
  })
  page.context().on('page', (popup) => w.popups.push(popup.url()))
  await page.context().route('**/*', (route) => {
    const url = new URL(route.request().url())
    if (url.hostname === '127.0.0.1') return route.continue()
    w.external.push(url.href)
    return route.abort('blockedbyclient')
  })
  return w
}

async function openHostileArticle(page: Page): Promise<void> {
  await page.goto(app.url)
  await page.getByRole('button', { name: 'A hostile article' }).click()
  await expect(page.frameLocator('iframe[title="Article"]').getByText('Readable text that must survive.')).toBeVisible()
}

/** Clicks every link in the reader: only the web link may leave, and only through the checked function. */
async function clickAllLinks(page: Page): Promise<void> {
  const frame = page.frameLocator('iframe[title="Article"]')
  for (const text of ['javascript link', 'file link', 'data link', 'custom scheme link']) {
    await frame.getByText(text).click()
  }
}

async function expectNothingRan(page: Page, w: Watch): Promise<void> {
  // Give anything that would fire (onerror, autofocus, ontoggle, meta refresh) a moment to do so: the
  // frame has loaded, so we wait for the browser to be idle rather than a fixed time.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 300))))
  expect(w.dialogs).toEqual([])
  expect(w.consoleFromPayload).toEqual([])
  expect(w.external).toEqual([])
  expect(await page.evaluate(() => (window as unknown as { pwned?: unknown }).pwned)).toBeUndefined()
  // The reader is still the app's page, on the app's origin, showing the article.
  expect(new URL(page.url()).origin).toBe(app.origin)
  await expect(page.getByRole('heading', { level: 1, name: 'A hostile article' })).toBeVisible()
}

test.beforeEach(async () => {
  dataDir = tempDir('lectern-e2e-safety-')
  writeTamperedLibrary(dataDir.path)
  app = await startAppServer(dataDir.path)
})

test.afterEach(async () => {
  await app.stop()
  dataDir.remove()
})

test('a tampered library (hostile HTML never sanitized at import) shows text only: nothing runs, nothing is fetched', async ({
  page
}) => {
  const w = await watch(page)
  await openHostileArticle(page)
  const frame = page.locator('iframe[title="Article"]')
  await expect(frame).toHaveAttribute('sandbox', 'allow-same-origin')
  const csp = await page
    .frameLocator('iframe[title="Article"]')
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content')
  expect(csp).toMatch(
    new RegExp(
      `^default-src 'none'; img-src ${app.origin.replace(/\./g, '\\.')}; style-src 'unsafe-inline'; font-src ${app.origin.replace(/\./g, '\\.')}$`
    )
  )

  // The display sanitizer took out everything active or remote.
  const left = await page
    .frameLocator('iframe[title="Article"]')
    .locator('body > article')
    .evaluate((article) => ({
      active: article.querySelectorAll(
        'script, iframe, object, embed, video, audio, link, style, meta, base, form, input, svg, math'
      ).length,
      handlers: [...article.querySelectorAll('*')].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith('on'))
      ).length,
      // Images whose source was refused stay as their alt text, with no src at all.
      images: [...article.querySelectorAll('img[src]')].map((img) => img.getAttribute('src')),
      hrefs: [...article.querySelectorAll('a[href]')].map((a) => a.getAttribute('href'))
    }))
  expect(left).toEqual({ active: 0, handlers: 0, images: [ASSET], hrefs: ['https://example.test/story'] })

  await clickAllLinks(page)
  await expectNothingRan(page, w)
  expect(w.popups).toEqual([])
})

test('even hostile HTML that got past both sanitizers cannot run in the reader frame (sandbox + CSP)', async ({
  page
}) => {
  const w = await watch(page)
  await openHostileArticle(page)
  // Put the raw payload into the real reader frame: same element (same sandbox), same generated document
  // head (same CSP, same <base>), only the sanitized body swapped for the unsanitized one.
  const reloaded = page.waitForEvent('framenavigated', (f) => f.parentFrame() !== null)
  await page.locator('iframe[title="Article"]').evaluate((frame, hostile) => {
    const iframe = frame as HTMLIFrameElement
    const doc = iframe.getAttribute('srcdoc')!
    iframe.setAttribute(
      'srcdoc',
      doc.replace(/<body>[\s\S]*<\/body>/, () => `<body><article>${hostile}</article></body>`)
    )
  }, HOSTILE)
  await reloaded
  const reader = page.frameLocator('iframe[title="Article"]')
  await expect(reader.locator('script').first()).toBeAttached() // the payload really is in the document
  await expect(reader.getByText('Readable text that must survive.')).toBeVisible()

  await clickAllLinks(page)
  await expectNothingRan(page, w)
  // javascript:, file:, data: and custom schemes did nothing: no tab, no navigation of the frame or the app.
  expect(w.popups).toEqual([])
  await expect(reader.getByText('Readable text that must survive.')).toBeVisible()
})

test('web links in an article open in a new tab through the checked function, never in the app', async ({ page }) => {
  const w = await watch(page)
  await openHostileArticle(page)
  const popup = page.context().waitForEvent('page')
  await page.frameLocator('iframe[title="Article"]').getByText('web link').click()
  await popup
  // The new tab's request (refused here, as the test blocks the internet) is the only one that tried to
  // leave, and it was the user's click.
  await expect.poll(() => w.external).toEqual(['https://example.test/story'])
  expect(new URL(page.url()).origin).toBe(app.origin)
  expect(w.dialogs).toEqual([])
})
