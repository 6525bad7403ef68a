import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command, InvalidArgumentError } from 'commander'
import { LecternError } from '../../shared/errors'
import type { EarlyAnswers, LecternCore } from '../../core/create-core'
import { createLocalApi } from '../../core/local-api'
import { startServer } from '../../server/start-server'
import { openCore, parseTimeout, reportRepairs, type GlobalOptions, type Run } from '../cli-support'

interface ServeOptions extends GlobalOptions {
  port: number
  timeout?: number
}

/** `lectern serve`: the browser mode (what `npm run web` runs). */
export function serveCommand(run: Run): Command {
  return new Command('serve')
    .description('run Lectern for your browser on 127.0.0.1 and print the address to open')
    .option('--port <n>', 'the port to listen on (0-65535; 0 picks a free one)', parsePort, 0)
    .option('--timeout <seconds>', 'give up fetching a page after this many seconds (default 30)', parseTimeout)
    .action((_options: unknown, command: Command) => run(() => serve(command.optsWithGlobals<ServeOptions>())))
}

function parsePort(value: string): number {
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('--port takes a port number (0-65535).')
  return port
}

async function serve(options: ServeOptions): Promise<number> {
  const { port } = options
  const rendererDir = resolve(dirname(fileURLToPath(import.meta.url)), '../renderer')
  if (!existsSync(resolve(rendererDir, 'index.html')))
    throw new LecternError('NOT_FOUND', 'the app is not built; run `npm run build` first.')
  // Serve the app as soon as the library is ours (locked), while it is still being read: a browser then
  // loads the page and scripts in parallel with opening a large library, and its first API calls wait,
  // except the ones the core can answer early (settings, and the list's first page from the start page).
  let locked: () => void = () => undefined
  const lockHeld = new Promise<void>((resolve) => (locked = resolve))
  let onEarly: (early: EarlyAnswers | null) => void = () => undefined
  const early = new Promise<EarlyAnswers | null>((resolve) => (onEarly = resolve))
  // The search index opens a moment after the first list is served (2 s), not in its way.
  const opening = openCore(options, { onLocked: locked, onEarly, openSearchAfterMs: 2000 })
  void opening.then(
    () => onEarly(null),
    () => onEarly(null)
  ) // none came (settles a pending `early` only)
  await Promise.race([lockHeld, opening]) // opening rejects first when the library is in use
  const server = await startServer({ core: opening, early, rendererDir, port }).catch(
    async (error: NodeJS.ErrnoException) => {
      await (await opening.catch(() => null))?.close()
      if (error.code === 'EADDRINUSE')
        throw new LecternError('CONNECTION_FAILED', `port ${port} is already in use; choose another with --port.`)
      throw error
    }
  )
  // Listened for already while the library opens: stopping then still closes it once open (so the start page
  // is left for the next start); a second Ctrl+C ends the process at once.
  const stopped = new Promise<void>((done) => {
    process.once('SIGINT', done)
    process.once('SIGTERM', done)
  })
  let core: LecternCore
  try {
    process.stdout.write(`Lectern is running. Open ${server.url}\n`)
    core = await opening
  } catch (error) {
    await server.close()
    throw error
  }
  process.stdout.write(`Library: ${core.dataDir}\nPress Ctrl+C to stop.\n`)
  await reportRepairs(createLocalApi(core))
  await stopped
  await server.close()
  await core.close()
  return 0
}
