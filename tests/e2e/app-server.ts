import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const bin = fileURLToPath(new URL('../../bin/lectern.js', import.meta.url))

export interface AppServer {
  /** The printed address, token included. */
  url: string
  origin: string
  stop(): Promise<void>
}

/**
 * Starts the built app in browser mode exactly as `npm run web` / `lectern serve` does, on a temp data
 * dir, and waits for the address it prints (an app signal, not a sleep).
 */
export function startAppServer(dataDir: string, extraArgs: string[] = []): Promise<AppServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [bin, 'serve', '--port', '0', '--data-dir', dataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output)
      if (!match) return
      child.stdout?.off('data', onData)
      const url = match[1] as string
      resolve({
        url,
        origin: new URL(url).origin,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done()
            child.once('exit', () => done())
            child.kill('SIGTERM')
          })
      })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`lectern serve exited with ${code}:\n${output}`)))
  })
}
