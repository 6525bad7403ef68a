// `npm run build`: the Electron app (main, preload, renderer) with electron-vite, then the CLI + browser-mode
// server bundle with vite. Through their JS APIs rather than their bin scripts: electron-vite's bin file is
// published without its executable bit, which breaks `electron-vite build` as an npm script on some installs.
import { build as buildElectron } from 'electron-vite'
import { build as buildVite } from 'vite'

await buildElectron({ configFile: 'electron.vite.config.ts' })
await buildVite({ configFile: 'vite.cli.config.ts' })
