import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import react from '@vitejs/plugin-react'
import { STARTUP_DEPENDENCIES, WORKER_DEPENDENCIES } from './scripts/bundled-dependencies.js'

export default defineConfig({
  main: {
    // lowdb (and its steno) are ESM-only: bundle them into main instead of requiring them at run time; the
    // extract worker's libraries are bundled so a worker starts without resolving hundreds of modules. Not
    // minified: Electronegativity reads this build, and its accepted findings are marked by comments.
    plugins: [externalizeDepsPlugin({ exclude: [...STARTUP_DEPENDENCIES, ...WORKER_DEPENDENCIES] })],
    build: {
      rollupOptions: {
        // The extract worker (worker_threads) is built beside index.js, with every chunk in out/main itself:
        // src/core/import/extract-pool.ts looks for it next to the module that starts the pool.
        input: { index: resolve('src/main/index.ts'), 'extract-worker': resolve('src/core/extract/extract-worker.ts') },
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' }
      }
    }
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module: emit CommonJS with a .cjs name (package.json is "type": "module").
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      // electron-vite leaves the renderer unminified (808 kB); minified (329 kB), the browser mode's page spends
      // less time parsing its script while `lectern serve` opens the library on the same CPUs.
      minify: true,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } }
    },
    plugins: [react()]
  }
})
