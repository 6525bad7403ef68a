import type { ResolvedTheme } from './reader-appearance'

interface Palette {
  bg: string
  fg: string
  muted: string
  link: string
  rule: string
  code: string
}

export const PALETTES: Record<ResolvedTheme, Palette> = {
  light: { bg: '#fdfdfc', fg: '#1f2328', muted: '#59636e', link: '#0b5cad', rule: '#d8dee4', code: '#f3f4f6' },
  sepia: { bg: '#f6efe0', fg: '#3b2f22', muted: '#6f5f4b', link: '#8a4b12', rule: '#dccfb6', code: '#ede3cf' },
  dark: { bg: '#1b1d21', fg: '#dcdfe4', muted: '#9aa3ad', link: '#8cb8ff', rule: '#3a3f47', code: '#262a30' }
}

function paletteRule(theme: ResolvedTheme): string {
  const p = PALETTES[theme]
  return `:root[data-theme="${theme}"] { color-scheme: ${theme === 'dark' ? 'dark' : 'light'}; --bg: ${p.bg}; --fg: ${p.fg}; --muted: ${p.muted}; --link: ${p.link}; --rule: ${p.rule}; --code: ${p.code}; }`
}

/**
 * The reading column's styles; inline in the srcdoc because the iframe loads nothing else. Everything the
 * settings change is a custom property or a data attribute on <html>, so a change is applied to the live
 * document (applyAppearance) without rebuilding it.
 */
export function readerCss(): string {
  return `
${paletteRule('light')}
${paletteRule('sepia')}
${paletteRule('dark')}
/* Scroll anchoring is off: the reader keeps its place itself (as a fraction) when text size or width change. */
html { background: var(--bg); color: var(--fg); overflow-anchor: none; }
body {
  margin: 0; padding: 1.5rem 1.25rem 6rem;
  font-family: var(--reader-font); font-size: var(--reader-size); line-height: var(--reader-line-height);
  overflow-wrap: break-word; -webkit-text-size-adjust: 100%;
}
article { max-width: var(--reader-width); margin: 0 auto; text-align: var(--reader-align); hyphens: var(--reader-hyphens); }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.6em; text-align: start; hyphens: manual; }
p, ul, ol, dl, figure, pre, blockquote, table, details { margin: 0 0 1.1em; }
a { color: var(--link); text-underline-offset: 0.15em; cursor: pointer; }
img, video, svg { max-width: 100%; height: auto; }
img { border-radius: 2px; }
/* A missing image shows its alt text, legibly, instead of a broken-image box. */
img[alt] { color: var(--muted); font-size: 0.85em; font-style: italic; }
figure { margin-inline: 0; text-align: center; }
figure img { display: block; margin-inline: auto; }
figcaption { font-size: 0.85em; line-height: 1.4; color: var(--muted); margin-top: 0.5em; text-align: center; }
blockquote { margin-inline: 0; padding-inline-start: 1em; border-inline-start: 3px solid var(--rule); color: var(--muted); font-style: italic; }
blockquote p:last-child { margin-bottom: 0; }
pre { overflow-x: auto; padding: 0.8em 1em; background: var(--code); border-radius: 4px; font-size: 0.8em; line-height: 1.45; text-align: start; direction: ltr; tab-size: 4; }
code, kbd, samp { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.88em; }
pre code { font-size: 1em; }
:not(pre) > code { background: var(--code); padding: 0.1em 0.3em; border-radius: 3px; }
/* Tables keep their own width but never push the column wider: they scroll sideways inside it. */
table { border-collapse: collapse; display: block; max-width: 100%; overflow-x: auto; font-size: 0.9em; line-height: 1.4; text-align: start; }
caption { caption-side: bottom; color: var(--muted); font-size: 0.9em; padding-top: 0.4em; }
th, td { border: 1px solid var(--rule); padding: 0.35em 0.6em; vertical-align: top; }
th { background: var(--code); }
hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
ul, ol { padding-inline-start: 1.5em; }
li + li { margin-top: 0.25em; }
mark { background: #f5e17a; color: #1f2328; }
summary { cursor: pointer; }
::selection { background: color-mix(in srgb, var(--link) 30%, transparent); }

/* On paper the app's header (outside this frame) is gone, so the document carries its own. */
.print-header { display: none; margin: 0 0 1.5em; padding-bottom: 1em; border-bottom: 1px solid var(--rule); text-align: start; }
.print-header h1 { margin: 0 0 0.3em; font-size: 1.6em; }
.print-header p { margin: 0; color: var(--muted); font-size: 0.85em; }

@media print {
  :root { color-scheme: light; --bg: #ffffff; --fg: #000000; --muted: #444444; --link: #000000; --rule: #999999; --code: #f2f2f2; }
  html, body { background: #ffffff; }
  body { padding: 0; font-size: 11.5pt; }
  article { max-width: none; }
  h1, h2, h3, h4 { break-after: avoid; }
  figure, img, pre, blockquote, table, tr { break-inside: avoid; }
  p { orphans: 3; widows: 3; }
  /* Paper cannot scroll sideways: long code lines and wide tables wrap instead. */
  pre { overflow: visible; white-space: pre-wrap; }
  table { display: table; overflow: visible; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.8em; color: var(--muted); overflow-wrap: anywhere; }
  .print-header { display: block; }
}
`
}
