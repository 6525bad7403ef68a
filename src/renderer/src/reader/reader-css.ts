import type { Theme } from '../store/settings-slice'

const PALETTES: Record<Theme, { bg: string; fg: string; muted: string; link: string; rule: string; code: string }> = {
  light: { bg: '#fdfdfc', fg: '#1f2328', muted: '#59636e', link: '#0b5cad', rule: '#d8dee4', code: '#f3f4f6' },
  sepia: { bg: '#f6efe0', fg: '#3b2f22', muted: '#6f5f4b', link: '#8a4b12', rule: '#dccfb6', code: '#ede3cf' },
  dark: { bg: '#1b1d21', fg: '#dcdfe4', muted: '#9aa3ad', link: '#8cb8ff', rule: '#3a3f47', code: '#262a30' }
}

/** The reading column's styles; inline in the srcdoc because the iframe loads nothing else. */
export function readerCss(theme: Theme): string {
  const p = PALETTES[theme]
  return `
:root { color-scheme: ${theme === 'dark' ? 'dark' : 'light'}; }
html { background: ${p.bg}; color: ${p.fg}; }
body { margin: 0; padding: 2rem 1.25rem 4rem; font: 1.125rem/1.65 Charter, "Bitstream Charter", Georgia, "Iowan Old Style", "Times New Roman", serif; overflow-wrap: break-word; }
article { max-width: 40em; margin: 0 auto; }
h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.6em; }
p, ul, ol, dl, figure, pre, blockquote, table { margin: 0 0 1.1em; }
a { color: ${p.link}; text-underline-offset: 0.15em; cursor: pointer; }
img, video, svg { max-width: 100%; height: auto; }
figure { margin-left: 0; margin-right: 0; }
figcaption { font-size: 0.85em; color: ${p.muted}; margin-top: 0.4em; }
blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid ${p.rule}; color: ${p.muted}; }
pre { overflow-x: auto; padding: 0.8em 1em; background: ${p.code}; border-radius: 4px; font-size: 0.85em; line-height: 1.45; }
code, kbd, samp { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
:not(pre) > code { background: ${p.code}; padding: 0.1em 0.3em; border-radius: 3px; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid ${p.rule}; padding: 0.3em 0.6em; }
hr { border: 0; border-top: 1px solid ${p.rule}; margin: 2em 0; }
`
}
