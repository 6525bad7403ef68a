#!/usr/bin/env node
// The `lectern` command. The CLI is built by `npm run build` into out/cli.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const built = fileURLToPath(new URL('../out/cli/index.js', import.meta.url))
if (!existsSync(built)) {
  console.error('lectern: not built yet; run `npm run build` in the Lectern checkout first.')
  process.exit(1)
}
// `lectern list | head -1`: once the reader has gone, stop quietly instead of dying on EPIPE.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})
const { main } = await import(built)
process.exitCode = await main(process.argv.slice(2))
