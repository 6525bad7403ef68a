import { test, expect, type Page } from '@playwright/test'
import { ARTICLE_ATTRIBUTES, ARTICLE_TAGS, ARTICLE_URI_PATTERN } from '../../src/shared/sanitize-policy'
import { html, startFixtureSite, type FixtureSite, type Route } from '../support/fixture-site'
import { tempDir } from '../support/temp-dir'
import { xssPayloads, type XssPayload } from '../support/xss-corpus'
import { startAppServer, type AppServer } from './app-server'

// Every payload of the public XSS corpus (tests/fixtures/xss: DOMPurify's fixtures, the HTML5 Security
// Cheatsheet, mutation-XSS and namespace-confusion bypasses, RSnake's list, polyglots) is put into an article
// page on a loopback site, saved through the app's own add-URL path (a pasted list, so the real fetch,
// extraction and import sanitizer run), then opened in the reader frame one after the other. Nothing may
// run: no dialog, no console output from the frame, no script compiled in it, no request that leaves the
// library's origin, no global set in the frame or the app, no navigation, no new tab. Clicking every element
// (what a reader might do) must not change that. The page's title, byline, site name and description carry
// the payload too: the app window itself (not sandboxed) shows those.
//
// To look at one finding: LECTERN_XSS_ONLY='^h5sc-04' npx playwright test tests/e2e/xss-corpus.spec.ts

const ONLY = process.env.LECTERN_XSS_ONLY
const PAYLOADS = xssPayloads().filter((p) => !ONLY || new RegExp(ONLY).test(p.id))
const caseTitle = (p: XssPayload) => `Case ${p.id}`

const PARAGRAPHS = [
  'The ferry left the harbour at seven, as it had every weekday for forty years, with the same captain at the wheel.',
  'Passengers read newspapers, drank tea from paper cups and watched the gulls follow the wake towards the open sea.',
  'In autumn the crossing grew rough, and the crew lashed the bicycles to the railings before the boat left the pier.',
  'When the service finally ended, the town held a small ceremony on the quay and the captain rang the bell one last time.'
]

function attribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** An ordinary article with the payload in its body (after a marker paragraph) and in its metadata. */
function payloadPage(p: XssPayload): string {
  const meta = attribute(p.html)
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${caseTitle(p)}</title>
<meta name="author" content="${meta}"><meta property="og:site_name" content="${meta}">
<meta name="description" content="${meta}"></head>
<body><article><h1>${caseTitle(p)}</h1>
<p>Corpus case ${p.id} begins here. ${PARAGRAPHS[0]}</p><p>${PARAGRAPHS[1]}</p>
<div class="story">${p.html}</div>
<p>${PARAGRAPHS[2]}</p><p>${PARAGRAPHS[3]}</p></article></body></html>`
}

/** What the frame may hold after sanitizing: the shared allowlist, plus the print header the reader adds. */
const ALLOWED = {
  tags: [...ARTICLE_TAGS, 'header'].map((t) => t.toUpperCase()),
  attributes: [...ARTICLE_ATTRIBUTES, 'class'],
  uri: ARTICLE_URI_PATTERN.source
}

type Kind = 'dialog' | 'frameConsole' | 'script' | 'request' | 'newTab' | 'opened' | 'global' | 'residue'

/** Evidence that something ran, leaked or survived, with the step (index of the case being opened) it came in. */
interface Finding {
  kind: Kind
  step: number
  text: string
}

interface Baseline {
  appKeys: string[]
  frameKeys: string[]
}

// A trace would snapshot every step of ~500 cases (minutes), and its snapshotter runs script in every frame,
// the reader's included, which would blur the very thing this test watches.
test.use({ trace: 'off' })

let site: FixtureSite
let app: AppServer
let dataDir: ReturnType<typeof tempDir>

test.beforeAll(async () => {
  const routes: Record<string, Route> = {}
  for (const p of PAYLOADS) routes[`/xss/${p.id}`] = html(payloadPage(p))
  site = await startFixtureSite(routes)
  dataDir = tempDir('lectern-e2e-xss-')
  app = await startAppServer(dataDir.path, ['--timeout', '5'])
})

test.afterAll(async () => {
  await app?.stop()
  await site?.close()
  dataDir?.remove()
})

/** Records, from now on, everything a running payload would cause; `step()` tells which case is on screen. */
async function watch(page: Page, found: Finding[], step: () => number): Promise<void> {
  const add = (kind: Kind, text: string) => found.push({ kind, step: step(), text })
  const context = page.context()
  page.on('dialog', (dialog) => {
    add('dialog', `${dialog.type()} "${dialog.message()}"`)
    void dialog.dismiss()
  })
  page.on('console', (message) => {
    // The app logs nothing in normal use. Output from the reader frame (about:srcdoc), or from anything that
    // is not the app's own code, is a payload talking or the browser refusing one.
    const where = message.location().url
    if (where === 'about:srcdoc' || !where.startsWith(app.origin))
      add('frameConsole', `[${message.type()}] ${message.text()} (${where})`)
  })
  context.on('request', (request) => {
    if (!request.url().startsWith(`${app.origin}/`)) add('request', `${request.method()} ${request.url()}`)
  })
  context.on('page', (tab) => {
    add('newTab', tab.url())
    void tab.close().catch(() => undefined)
  })
  // Nothing outside the app's origin is ever answered: the test stays offline, and every try is recorded.
  await context.route('**/*', (route) =>
    route.request().url().startsWith(`${app.origin}/`) ? route.continue() : route.abort('blockedbyclient')
  )

  // Any script compiled in the reader frame (an inline handler, a javascript: URL, a <script>) is reported
  // here, whether or not it got as far as calling alert.
  const cdp = await context.newCDPSession(page)
  await cdp.send('Debugger.enable')
  await cdp.send('Debugger.setSkipAllPauses', { skip: true }) // a payload's `debugger;` must not stall the run
  const mainFrame = (await cdp.send('Page.getFrameTree')).frameTree.frame.id
  cdp.on('Debugger.scriptParsed', (script) => {
    const aux = script.executionContextAuxData as { frameId?: string; type?: string } | undefined
    // The app's own frame runs the app (and this test's evaluate calls), and Playwright's isolated worlds are
    // its own. Any other script is in the reader frame, where the test never evaluates anything.
    if (aux?.type !== 'default' || aux.frameId === mainFrame) return
    add('script', `${script.url || '(inline)'} (${script.length} chars) in a frame`)
  })
}

/**
 * In browser mode the app hands a clicked article link to window.open (after its http/https/mailto check).
 * The test records those calls instead of opening hundreds of tabs; a tab that opens anyway is a finding.
 */
async function recordOpenedLinks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const opened: string[] = []
    Object.defineProperty(window, '__openedLinks', { value: opened, enumerable: false })
    window.open = ((url?: string | URL) => {
      opened.push(String(url))
      return null
    }) as typeof window.open
  })
}

/** Own enumerable globals of the app window and of an empty frame like the reader's: a payload's flag adds one. */
async function readBaseline(page: Page): Promise<Baseline> {
  return page.evaluate(async () => {
    const frame = document.createElement('iframe')
    frame.setAttribute('sandbox', 'allow-same-origin')
    frame.srcdoc = '<!doctype html><p>baseline</p>'
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
    document.body.append(frame)
    await loaded
    const frameKeys = Object.keys(frame.contentWindow as Window)
    frame.remove()
    // Indexed keys are child frames (the reader itself), not globals a script set.
    return { appKeys: Object.keys(window).filter((k) => !/^\d+$/.test(k)), frameKeys }
  })
}

/** Waits until the reader shows a case other than `previous`, its frame fully loaded. Returns its title. */
async function nextCaseShown(page: Page, previous: string): Promise<string> {
  const handle = await page.waitForFunction(
    (prev) => {
      const title = document.querySelector('[data-testid="reader-title"]')?.textContent?.trim() ?? ''
      if (!title.startsWith('Case ') || title === prev) return false
      const doc = document.querySelector<HTMLIFrameElement>('iframe[title="Article"]')?.contentDocument
      if (!doc || doc.readyState !== 'complete') return false
      return doc.body?.textContent?.includes(`Corpus case ${title.slice(5)} begins`) ? title : false
    },
    previous,
    { polling: 'raf', timeout: 15_000 }
  )
  return (await handle.jsonValue()) as string
}

/**
 * Two rendering frames after load (onload, onerror, autofocus, ontoggle have had their turn): new globals,
 * anything outside the allowlist left in the frame; then a click on every element, and where the frame
 * and the app are afterwards, and which links the app would have opened.
 */
async function inspectAndClick(page: Page, baseline: Baseline) {
  return page.evaluate(
    async ({ baseline, allowed }) => {
      const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve))
      await nextFrame()
      await nextFrame()
      const frame = document.querySelector<HTMLIFrameElement>('iframe[title="Article"]')!
      const doc = frame.contentDocument as Document
      const globals = [
        ...Object.keys(window)
          .filter((k) => !/^\d+$/.test(k) && !baseline.appKeys.includes(k))
          .map((k) => `app.${k}`),
        ...Object.keys(frame.contentWindow as Window)
          .filter((k) => !baseline.frameKeys.includes(k))
          .map((k) => `frame.${k}`)
      ]
      const tags = new Set(allowed.tags)
      const attributes = new Set(allowed.attributes)
      const uri = new RegExp(allowed.uri, 'i')
      const residue: string[] = []
      const elements = [...(doc.querySelector('body > article')?.querySelectorAll('*') ?? [])]
      for (const el of elements) {
        const tag = el.tagName.toLowerCase()
        if (!tags.has(el.tagName)) residue.push(`<${tag}>`)
        for (const { name, value } of el.attributes) {
          if (!attributes.has(name)) residue.push(`${tag}[${name}]`)
          else if ((name === 'href' || name === 'src' || name === 'cite') && !uri.test(value.trim()))
            residue.push(`${tag}[${name}="${value.slice(0, 80)}"]`)
        }
      }
      for (const el of elements) {
        if (el instanceof (frame.contentWindow as typeof window).HTMLElement) el.click()
        else el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
      }
      await nextFrame()
      return {
        globals,
        residue,
        opened: (window as unknown as { __openedLinks: string[] }).__openedLinks.splice(0),
        frameUrl: frame.contentDocument?.URL ?? '(no document)',
        appUrl: location.origin + location.pathname
      }
    },
    { baseline, allowed: ALLOWED }
  )
}

test(`${PAYLOADS.length} XSS payloads imported and read: nothing runs, nothing leaves, nothing is left active`, async ({
  page
}) => {
  test.setTimeout(8 * 60_000)
  if (!ONLY) expect(PAYLOADS.length).toBeGreaterThanOrEqual(300)
  const found: Finding[] = []
  const titles: string[] = []
  let step = -1 // importing
  await watch(page, found, () => step)
  await page.goto(app.url)

  // Saved the way a user saves a list: pasted into the address field.
  const input = page.getByLabel('Article URL')
  await input.focus()
  const list = PAYLOADS.map((p) => site.url(`/xss/${p.id}`)).join('\n')
  await input.evaluate((el, text) => {
    const data = new DataTransfer()
    data.setData('text/plain', text)
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  }, list)
  const counts = page.getByTestId('import-counts')
  await expect(counts).toHaveText(/^Import finished/, { timeout: 5 * 60_000 })
  const failures = page.getByTestId('import-failures')
  expect((await failures.count()) ? await failures.innerText() : '', 'every payload page is saved').toBe('')
  await expect(counts).toHaveText(`Import finished: ${PAYLOADS.length} saved (of ${PAYLOADS.length}).`)

  await recordOpenedLinks(page)
  const baseline = await readBaseline(page)

  // Read one after the other, as a reader pressing `n` does.
  await page.getByTestId('article-open').first().click()
  let title = ''
  for (step = 0; step < PAYLOADS.length; step++) {
    if (step > 0) await page.keyboard.press('n')
    title = await nextCaseShown(page, title)
    titles[step] = title
    const state = await inspectAndClick(page, baseline)
    for (const text of state.globals) found.push({ kind: 'global', step, text })
    for (const text of state.residue) found.push({ kind: 'residue', step, text })
    for (const url of state.opened.filter((u) => !/^(https?|mailto):/i.test(u)))
      found.push({ kind: 'opened', step, text: url })
    expect(state.frameUrl, `${title}: the reader frame stays on its own document`).toBe('about:srcdoc')
    expect(state.appUrl, `${title}: the app stays on its page`).toBe(`${app.origin}/`)
  }
  expect(new Set(titles).size, 'every case was shown once').toBe(PAYLOADS.length)

  // Each finding names the case that was opening or open when it came (a handler firing while a case loads
  // belongs to that case).
  const report = found.map((f) => `${f.kind}: ${titles[f.step] ?? (f.step < 0 ? '(importing)' : '(after)')}: ${f.text}`)
  expect(report).toEqual([])
})
