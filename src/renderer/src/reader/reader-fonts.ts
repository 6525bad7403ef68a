// The dyslexia-friendly face ships inside the app (vite copies the files into the build): the reader never
// loads a font from the network. The reader iframe is its own document, so it needs its own @font-face
// rules pointing at those bundled files, and a font-src allowing where they are served from.
import regular from '@fontsource/opendyslexic/files/opendyslexic-latin-400-normal.woff2?url'
import bold from '@fontsource/opendyslexic/files/opendyslexic-latin-700-normal.woff2?url'
import italic from '@fontsource/opendyslexic/files/opendyslexic-latin-400-italic.woff2?url'

export interface ReaderFonts {
  /** @font-face rules with absolute URLs (the reader's <base> points at article assets, not at the app). */
  css: string
  /** CSP source for font-src: the app's origin (or `file:` for the packaged Electron app). */
  source: string
}

/** CSP source expression for a URL: its origin for http(s), its scheme otherwise (file:, lectern:). */
export function cspSource(url: string): string {
  const parsed = new URL(url)
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  return parsed.protocol
}

export function readerFonts(baseUrl: string = document.baseURI): ReaderFonts {
  const face = (file: string, weight: number, style: string): string =>
    `@font-face { font-family: "OpenDyslexic"; font-style: ${style}; font-weight: ${weight}; font-display: swap; src: url("${new URL(file, baseUrl).href}") format("woff2"); }`
  return {
    css: [face(regular, 400, 'normal'), face(bold, 700, 'normal'), face(italic, 400, 'italic')].join('\n'),
    source: cspSource(new URL(regular, baseUrl).href)
  }
}
