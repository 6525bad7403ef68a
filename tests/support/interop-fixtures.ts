import { createHash } from 'node:crypto'
import { Writable } from 'node:stream'
import { crc32, deflateRawSync } from 'node:zlib'
import type { ExportArticle, ExportHighlight } from '../../src/core/interop/export-types'
import type { ArticleMeta } from '../../src/shared/types'

export interface RawZipEntry {
  name: string
  data: string | Buffer
  /** Deflate (default) or store. */
  deflate?: boolean
  /** Lie about the uncompressed size (what a zip bomb does). */
  declaredSize?: number
}

/**
 * A zip built byte by byte, so tests can write what no zip library would: names with "../", sizes that
 * lie. Local headers, central directory and end record, no data descriptors.
 */
export function rawZip(entries: RawZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data
    const deflate = entry.deflate ?? true
    const body = deflate ? deflateRawSync(data) : data
    const name = Buffer.from(entry.name, 'utf8')
    const size = entry.declaredSize ?? data.length
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(0x0800, at) // UTF-8 names
      header.writeUInt16LE(deflate ? 8 : 0, at + 2)
      header.writeUInt32LE(0, at + 4) // time and date
      header.writeUInt32LE(crc32(data), at + 8)
      header.writeUInt32LE(body.length, at + 12)
      header.writeUInt32LE(size, at + 16)
      header.writeUInt16LE(name.length, at + 20)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    fields(local, 6)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    fields(central, 8)
    central.writeUInt32LE(offset, 42)
    locals.push(local, name, body)
    centrals.push(central, name)
    offset += local.length + name.length + body.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** An in-memory destination for exporters, optionally slow (each write completes a turn later). */
export function memoryStream(options: { slow?: boolean } = {}): Writable & { bytes(): Buffer; received: number } {
  const chunks: Buffer[] = []
  const stream = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk)
      ;(stream as Writable & { received: number }).received += chunk.length
      if (options.slow) setImmediate(callback)
      else callback()
    }
  }) as Writable & { bytes(): Buffer; received: number }
  stream.received = 0
  stream.bytes = () => Buffer.concat(chunks)
  return stream
}

/** The library's name for an image: assets/<sha256 of the bytes>.<ext>. */
export function assetName(bytes: Buffer, ext: string): string {
  return `assets/${createHash('sha256').update(bytes).digest('hex')}.${ext}`
}

/** An article as the core would hand it to an exporter. */
export function exportArticle(
  meta: ArticleMeta,
  html: string,
  images: ReadonlyMap<string, Buffer> = new Map(),
  highlights: ExportHighlight[] = [],
  text?: string
): ExportArticle {
  return {
    meta,
    html,
    text,
    highlights,
    readAsset: async (name) => {
      const bytes = images.get(name)
      if (!bytes) throw new Error(`no ${name}`)
      return bytes
    }
  }
}

/** The articles as the async iterable exporters take. */
export async function* each<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const item of items) yield item
}
