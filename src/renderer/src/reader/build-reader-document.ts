import type { Theme } from '../store/settings-slice'
import { readerCss } from './reader-css'
import { sanitizeArticleHtml } from './sanitize-article'

/**
 * The origin images may load from, as a CSP source: `lectern:` for the Electron protocol (a custom scheme
 * has no meaningful host origin), the scheme+host+port for the loopback server.
 */
export function assetOrigin(assetBase: string): string {
  const url = new URL(assetBase)
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin
  return url.protocol
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/**
 * Builds the complete srcdoc for the reader iframe: the article sanitized again, a CSP that allows nothing
 * but images from this article's local assets, a <base> that resolves `assets/...`, and the reading CSS.
 */
export function buildReaderDocument(html: string, assetBase: string, theme: Theme): string {
  const body = sanitizeArticleHtml(html)
  const csp = `default-src 'none'; img-src ${assetOrigin(assetBase)}; style-src 'unsafe-inline'`
  // target="_blank" on <base>: if a click ever slipped past the parent's link handler it would try to open a
  // popup, which the sandbox (no allow-popups) refuses, instead of navigating the reader frame away.
  return [
    '<!doctype html>',
    `<html data-theme="${theme}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">`,
    `<base href="${escapeAttribute(assetBase)}" target="_blank">`,
    `<style>${readerCss(theme)}</style>`,
    '</head>',
    `<body><article>${body}</article></body>`,
    '</html>'
  ].join('\n')
}
