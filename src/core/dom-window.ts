import { JSDOM, VirtualConsole } from 'jsdom'

// Pages are parsed without running scripts or loading resources (jsdom's defaults), and the console is
// silenced: hostile or broken CSS would otherwise print parser noise for every import.
const quiet = new VirtualConsole()

/** Parses a whole page for extraction. Close the window when done: jsdom frees it on the next tick. */
export function parsePage(html: string, url: string): JSDOM {
  return new JSDOM(html, { url, virtualConsole: quiet })
}

let shared: JSDOM['window'] | null = null

/** One long-lived, empty window for fragment work (sanitizing, rewriting images). */
export function fragmentWindow(): JSDOM['window'] {
  shared ??= new JSDOM('<!doctype html><html><body></body></html>', { virtualConsole: quiet }).window
  return shared
}
