import { Readable, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import yazl from 'yazl'

export interface ZipAddOptions {
  /** Deflate the entry (default); off for images, which are compressed already. */
  compress?: boolean
  /**
   * Sizes and checksum in the local header, no data descriptor, no extra fields: what EPUB requires of its
   * first entry, `mimetype`. The data is held until written, so only for small entries.
   */
  plain?: boolean
}

/**
 * A zip written as a stream (yazl: ZIP64 when past 4 GB, UTF-8 names). Entries are written in the order
 * they are added; `drain()` waits until all but the last have gone to the output, which itself waits for
 * the destination (pipe backpressure), so a caller that drains after each article holds at most one
 * article's bytes however large the zip grows.
 */
export class ZipWriter {
  private readonly zip = new yazl.ZipFile()
  private added = 0
  private started = 0
  private waiter: (() => void) | null = null
  private failure: Error | null = null
  private readonly done: Promise<void>

  constructor(
    out: Writable,
    private readonly mtime = new Date()
  ) {
    const fail = (error: Error) => {
      this.failure ??= error
      this.waiter?.()
    }
    this.zip.on('error', fail)
    this.zip.outputStream.on('error', fail)
    out.on('error', fail)
    this.zip.outputStream.pipe(out)
    this.done = finished(out)
    this.done.catch(fail)
  }

  /** Queues one file; `name` is a forward-slash path inside the zip. */
  add(name: string, data: Uint8Array | string, options: ZipAddOptions = {}): void {
    this.check()
    const bytes =
      typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.length)
    const entry = { mtime: this.mtime, compress: options.compress ?? true }
    if (options.plain) {
      this.zip.addBuffer(bytes, name, { ...entry, forceDosTimestamp: true })
      return
    }
    this.added++
    // yazl keeps this function until the zip ends: it must not keep the bytes once they are handed over.
    let held: Buffer | null = bytes
    this.zip.addReadStreamLazy(name, entry, (callback) => {
      const data = held ?? Buffer.alloc(0)
      held = null
      this.started++
      this.waiter?.()
      callback(null, Readable.from([data], { objectMode: false }))
    })
  }

  /** Resolves when every entry but the last added has been written out (or rejects if writing failed). */
  async drain(): Promise<void> {
    while (this.started < this.added && !this.failure) {
      await new Promise<void>((resolve) => (this.waiter = resolve))
      this.waiter = null
    }
    this.check()
  }

  /** Writes the central directory and ends the output; resolves when the destination has it all. */
  async finish(): Promise<void> {
    this.check()
    this.zip.end()
    await this.done
    this.check()
  }

  private check(): void {
    if (this.failure) throw this.failure
  }
}
