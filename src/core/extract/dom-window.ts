import { JSDOM, VirtualConsole } from 'jsdom'
import { parseHTML } from 'linkedom'

// Pages are parsed without running scripts or loading resources (jsdom's defaults), and the console is
// silenced: hostile or broken CSS would otherwise print parser noise for every import.
const quiet = new VirtualConsole()

/** Parses a whole page for extraction. Close the window when done: jsdom frees it on the next tick. */
export function parsePage(html: string, url: string): JSDOM {
  return new JSDOM(html, { url, virtualConsole: quiet })
}

/**
 * Parses a whole page with linkedom: about ten times faster than jsdom and it never evaluates CSS, so a
 * broken stylesheet cannot throw. It has no document URL (baseURI is null): callers resolve URLs themselves.
 * Not for sanitizing: DOMPurify silently does nothing on a linkedom window (use fragmentWindow()).
 */
export function parsePageFast(html: string): Document {
  return parseHTML(html).document
}

let shared: JSDOM['window'] | null = null

/** One long-lived, empty window for fragment work (sanitizing, rewriting images). */
export function fragmentWindow(): JSDOM['window'] {
  shared ??= new JSDOM('<!doctype html><html><body></body></html>', { virtualConsole: quiet }).window
  return shared
}
