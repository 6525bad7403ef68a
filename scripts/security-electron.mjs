#!/usr/bin/env node
// `npm run security:electron` (and CI): Electronegativity over the Electron shell as written (src/main,
// src/preload) and as shipped (out/main, out/preload, after `npm run build`), together with the renderer's
// index.html that carries the window's CSP. Fails on any finding above INFORMATIONAL that is not accepted,
// and on any file it could not read (a file it cannot parse is a file it did not check).
//
// Accepting a finding: in src, an `eng-disable <CHECK_ID>` comment on the reported line, with the reason beside
// it (Electronegativity itself drops those). Comments do not survive bundling, so each finding in out/ is
// accepted below by its check and its line of code, pointing at the place in src that explains it; a check
// no line can carry (the CSP, which lives in index.html) is accepted below too. Anything else fails.
//
// Offline by construction: the tool fetches translations at every start (and, with retries, keeps trying
// for seconds without a network) and Electron's release list for one check. Its HTTP client is replaced by
// one that fails at once, and that check (AvailableSecurityFixes) is skipped: `npm audit` and Electron's
// release notes are where an outdated Electron shows up.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire, Module } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)

/** Findings accepted where no comment can say so: check id, what the reported line (or file) looks like, why. */
const ACCEPTED = [
  {
    id: 'CSP_GLOBAL_CHECK',
    file: /renderer\/index\.html$/,
    // Only the finding for a policy whose scripts are 'self' alone (no inline, no eval, no other source).
    sample: /(^|;)\s*script-src 'self'\s*(;|$)/,
    // csp-evaluator marks script-src 'self' as "maybe weak" in case the origin also serves JSONP, Angular or
    // user uploads. Ours serves only the built renderer: in browser mode article images come from /media with
    // image types and nosniff; in Electron the page is file:// today, where 'self' is every local file: that
    // is the checklist to-do "custom scheme instead of file://" (docs/security.md), not this policy's wording.
    why: "script-src 'self' reviewed: the origin serves nothing but the app"
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    sample: /shell\.openExternal\(url\)/,
    why: 'src/main/external-links.ts: only after isSafeExternalUrl (http, https, mailto)'
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    sample: /options\.openExternal\(url\)/,
    // src/core/create-core.ts calls the opener main gives it, which is openExternalChecked.
    why: 'the core calls the opener main passes it: openExternalChecked'
  },
  {
    id: 'AUXCLICK_JS_CHECK',
    sample: /new BrowserWindow\(/,
    why: 'src/main/window.ts: no new window can open; the reader cancels auxclick'
  },
  {
    id: 'PRELOAD_JS_CHECK',
    sample: /preload: options\.preloadPath/,
    why: 'src/main/window.ts: sandboxed preload exposing the contract only'
  }
]

/** Checks that need the network (the release list of Electron). */
const SKIPPED_CHECKS = ['AvailableSecurityFixesGlobalCheck']

function offlineHttp() {
  const refuse = () =>
    Promise.reject(new Error('electronegativity runs offline in Lectern (scripts/security-electron.mjs)'))
  const got = Object.assign(refuse, { get: refuse, head: refuse, post: refuse, stream: refuse, extend: () => got })
  const toolRequire = createRequire(require.resolve('@doyensec/electronegativity'))
  const path = toolRequire.resolve('got')
  const stub = new Module(path)
  stub.filename = path
  stub.loaded = true
  stub.exports = got
  toolRequire.cache[path] = stub
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

function copyTo(stage, from, to = from) {
  mkdirSync(dirname(join(stage, to)), { recursive: true })
  cpSync(join(ROOT, from), join(stage, to), { recursive: true })
}

/**
 * The built files as the tool can read them: it knows only .js (not .cjs), and its 2019 parser stack stops at
 * ES2022 class fields (lowdb's steno uses #private fields). So each file is lowered to ES2020 with TypeScript,
 * which rewrites class fields and nothing else that the checks look at, and .cjs is renamed .js.
 */
function stageBuilt(stage) {
  for (const part of ['main', 'preload']) {
    const dir = join(ROOT, 'out', part)
    if (!existsSync(dir)) throw new Error(`out/${part} is missing: run "npm run build" first`)
    for (const file of filesUnder(dir).filter((f) => /\.(c|m)?js$/.test(f))) {
      const target = join(stage, 'out', relative(join(ROOT, 'out'), file)).replace(/\.(c|m)js$/, '.js')
      const output = ts.transpileModule(readFileSync(file, 'utf8'), {
        fileName: file,
        compilerOptions: { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.Preserve, allowJs: true }
      }).outputText
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, output)
    }
  }
  copyTo(stage, 'out/renderer/index.html')
}

function stageSource(stage) {
  copyTo(stage, 'src/main')
  copyTo(stage, 'src/preload')
  copyTo(stage, 'src/renderer/index.html')
}

async function scan(run, input, electronVersion) {
  const result = await run({
    input,
    excludeFromScan: SKIPPED_CHECKS,
    electronVersionOverride: electronVersion,
    isRelative: true
  })
  const issues = result.issues.map((issue) => ({
    id: issue.id,
    severity: issue.severity.name,
    severityValue: issue.severity.value,
    confidence: issue.confidence.name,
    file: issue.file,
    line: issue.location.line,
    sample: String(issue.sample ?? '').trim(),
    review: Boolean(issue.manualReview),
    description: issue.description
  }))
  return { issues, errors: result.errors.filter((e) => !e.tolerable) }
}

function acceptance(issue) {
  return ACCEPTED.find(
    (a) => a.id === issue.id && (!a.file || a.file.test(issue.file)) && (!a.sample || a.sample.test(issue.sample))
  )
}

async function main() {
  offlineHttp()
  const run = require('@doyensec/electronegativity')
  const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version
  const stage = mkdtempSync(join(tmpdir(), 'lectern-electronegativity-'))
  let failed = false
  try {
    const sourceDir = join(stage, 'source')
    const builtDir = join(stage, 'built')
    stageSource(sourceDir)
    stageBuilt(builtDir)
    const source = await scan(run, sourceDir, electronVersion)
    const built = await scan(run, builtDir, electronVersion)
    const verdict = (issue) => {
      if (issue.severityValue === 0) return 'info'
      const accepted = acceptance(issue)
      return accepted ? `accepted (${accepted.why})` : 'FINDING'
    }
    const rows = [
      ...source.issues.map((i) => ({ ...i, where: 'src', verdict: verdict(i) })),
      ...built.issues.map((i) => ({ ...i, where: 'built', verdict: verdict(i) }))
    ]
    for (const row of rows) {
      console.log(
        `${row.verdict === 'FINDING' ? 'FINDING ' : '        '} ${row.id} ${row.severity}/${row.confidence} ${row.where}:${row.file}:${row.line}: ${row.description}${row.verdict === 'FINDING' ? '' : `, ${row.verdict}`}`
      )
    }
    for (const error of [...source.errors, ...built.errors]) console.log(`UNREADABLE ${error.file}: ${error.message}`)
    const findings = rows.filter((r) => r.verdict === 'FINDING').length
    const unreadable = source.errors.length + built.errors.length
    failed = findings > 0 || unreadable > 0
    console.log(
      `electronegativity (Electron ${electronVersion}): ${findings} finding(s) above informational not accepted, ${unreadable} unreadable file(s); ${rows.length} issue(s) reported in all`
    )
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
  process.exitCode = failed ? 1 : 0
}

await main()
