import { readerVariables, type ReaderAppearance } from './reader-appearance'
import { readerCss } from './reader-css'
import { cspSource, type ReaderFonts } from './reader-fonts'
import { sanitizeArticleHtml } from './sanitize-article'
import { textDirection } from './text-direction'

/**
 * The origin images may load from, as a CSP source: `lectern:` for the Electron protocol (a custom scheme
 * has no meaningful host origin), the scheme+host+port for the loopback server.
 */
export function assetOrigin(assetBase: string): string {
  return cspSource(assetBase)
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

const escapeText = escapeAttribute

/** Shown only on paper: in the app the header lives outside the frame. */
export interface PrintHeader {
  title: string
  /** "Ada Marsh · Harbour Gazette · 14 March 2026", already formatted. */
  details: string
  url: string
}

export interface ReaderDocumentOptions {
  appearance: ReaderAppearance
  /** The article's language (BCP 47), which also decides its direction (Arabic, Hebrew, ... are right to left). */
  lang?: string | null
  fonts?: ReaderFonts | null
  printHeader?: PrintHeader | null
}

/**
 * Builds the complete srcdoc for the reader iframe: the article sanitized again, a CSP that allows nothing
 * but images from this article's local assets (and the app's bundled fonts), a <base> that resolves
 * `assets/...`, and the reading CSS with the current settings.
 */
export function buildReaderDocument(html: string, assetBase: string, options: ReaderDocumentOptions): string {
  const { appearance, lang = null, fonts = null, printHeader = null } = options
  const body = sanitizeArticleHtml(html)
  const fontSrc = fonts ? `; font-src ${fonts.source}` : ''
  const csp = `default-src 'none'; img-src ${assetOrigin(assetBase)}; style-src 'unsafe-inline'${fontSrc}`
  const dir = textDirection(lang)
  const langAttr = lang ? ` lang="${escapeAttribute(lang)}"` : ''
  const variables = Object.entries(readerVariables(appearance))
    .map(([name, value]) => `${name}: ${value};`)
    .join(' ')
  const header = printHeader
    ? `<header class="print-header"><h1>${escapeText(printHeader.title)}</h1><p>${escapeText(printHeader.details)}</p><p>${escapeText(printHeader.url)}</p></header>`
    : ''
  // target="_blank" on <base>: if a click ever slipped past the parent's link handler it would try to open a
  // popup, which the sandbox (no allow-popups) refuses, instead of navigating the reader frame away.
  return [
    '<!doctype html>',
    `<html data-theme="${appearance.theme}" data-font="${appearance.fontFamily}" dir="${dir}"${langAttr}>`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    `<base href="${escapeAttribute(assetBase)}" target="_blank">`,
    `<style>${fonts?.css ?? ''}\n:root { ${variables} }\n${readerCss()}</style>`,
    '</head>',
    `<body><article>${header}${body}</article></body>`,
    '</html>'
  ].join('\n')
}
