import { resolve } from 'node:path'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'
import pkg from './package.json' with { type: 'json' }
import { STARTUP_DEPENDENCIES, WORKER_DEPENDENCIES } from './scripts/bundled-dependencies.js'

// The command line and the browser-mode server: a Node ESM bundle of src/cli + src/server + src/core.
// npm dependencies stay external (they are in node_modules next to it), except the ones every command loads
// at start: bundled, zod, lowdb and commander load in ~50 ms instead of ~130 ms as their ES module graphs
// (resolution and a file per module), which every command, `lectern serve` included, pays before opening the
// library. Minified: less to parse at every start (jsdom stays external: it loads only for the rare page
// linkedom cannot parse).
const BUNDLED = [...STARTUP_DEPENDENCIES, ...WORKER_DEPENDENCIES]
const external = [
  ...builtinModules,
  ...builtinModules.map((m) => `node:${m}`),
  ...Object.keys(pkg.dependencies ?? {}).filter((name) => !BUNDLED.includes(name))
]

export default defineConfig({
  // Everything the bundled libraries import is bundled with them; the other dependencies stay external.
  ssr: { noExternal: true },
  build: {
    ssr: true,
    outDir: 'out/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: true,
    rollupOptions: {
      // The extract worker is an entry of its own: src/core/import/extract-pool.ts starts it from beside
      // the module that runs the pool, so every chunk stays in out/cli itself.
      input: { index: resolve('src/cli/index.ts'), 'extract-worker': resolve('src/core/extract/extract-worker.ts') },
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' }
    }
  }
})
