// npm dependencies bundled into the builds (src/cli's and src/main's) instead of loaded from node_modules.
// Each module graph left in node_modules costs its resolution and a file read per module at every start.

/** Loaded by every CLI command at start (and ESM-only lowdb cannot be required by Electron's main). */
export const STARTUP_DEPENDENCIES = ['zod', 'lowdb', 'steno', 'commander']

/**
 * The extract worker's libraries: every worker start (each `lectern add`, the first save in the app) loads
 * them. Bundled and minified they load in ~0.15 s instead of ~0.65 s as a graph of a few hundred modules.
 * jsdom stays out: it loads only for the rare page linkedom cannot parse.
 */
export const WORKER_DEPENDENCIES = [
  'linkedom',
  '@mozilla/readability',
  'sanitize-html',
  'chardet',
  'html-encoding-sniffer',
  'whatwg-encoding',
  'htmlparser2',
  'entities'
]
