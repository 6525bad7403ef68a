import { crc32 } from 'node:zlib'
import yauzl from 'yauzl'
import { LecternError } from '../../shared/errors'
import { badExport, IMPORT_CAPS } from './import-types'

/** An export file: a path (read as needed: a zip is never loaded whole) or bytes already in memory. */
export type ExportSource = { path: string } | { bytes: Uint8Array }

export interface ZipEntry {
  /** The entry's path inside the zip, forward slashes, never absolute and never containing "..". */
  name: string
  /** Uncompressed size as the zip declares it (reading checks the real one). */
  size: number
  raw: yauzl.Entry
}

/**
 * A zip file read through its central directory (yauzl), entry by entry, never extracted to disk. Entry
 * names are only ever used as keys, but the ones that could escape a folder ("../x", "/etc/x", "C:\x") are
 * still set aside, with encrypted entries, so no caller can be tempted. Reading an entry checks its size
 * against the cap before inflating a byte (and yauzl checks the real size against the declared one, so a
 * zip bomb stops at the cap), and its CRC-32 after.
 */
export class ZipReader {
  private bytesRead = 0

  private constructor(
    private readonly zip: yauzl.ZipFile,
    /** The usable entries, in the order they are stored. */
    readonly entries: ZipEntry[],
    /** Entries set aside, with the reason. */
    readonly refused: { name: string; reason: string }[],
    private readonly maxTotalBytes: number
  ) {}

  /** Opens a zip and lists its entries; refuses (BAD_EXPORT) a damaged zip or one with too many entries. */
  static async open(source: ExportSource, maxTotalBytes = IMPORT_CAPS.maxZipTotalBytes): Promise<ZipReader> {
    const options: yauzl.Options = {
      lazyEntries: true,
      autoClose: false,
      decodeStrings: false,
      validateEntrySizes: true
    }
    let zip: yauzl.ZipFile
    try {
      zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
        const done = (error: Error | null, file?: yauzl.ZipFile) => (error || !file ? reject(error) : resolve(file))
        if ('path' in source) yauzl.open(source.path, options, done)
        else
          yauzl.fromBuffer(
            Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length),
            options,
            done
          )
      })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        throw new LecternError('NOT_FOUND', `Cannot read ${'path' in source ? source.path : 'the file'}.`)
      throw damaged(error)
    }
    if (zip.entryCount > IMPORT_CAPS.maxZipEntries) {
      zip.close()
      throw badExport('', `more than ${IMPORT_CAPS.maxZipEntries} files in the zip`)
    }
    const entries: ZipEntry[] = []
    const refused: { name: string; reason: string }[] = []
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (raw: yauzl.Entry) => {
          const rawName = raw.fileName as unknown as Buffer
          const name = yauzl.getFileNameLowLevel(raw.generalPurposeBitFlag, rawName, raw.extraFields, false)
          const unsafe = yauzl.validateFileName(name)
          if (unsafe) refused.push({ name, reason: `unsafe name (${unsafe.replace(/:.*$/, '')})` })
          else if (raw.isEncrypted()) refused.push({ name, reason: 'encrypted' })
          else if (raw.compressionMethod !== 0 && raw.compressionMethod !== 8)
            refused.push({ name, reason: 'unsupported compression' })
          else if (!name.endsWith('/')) entries.push({ name, size: raw.uncompressedSize, raw: slim(raw) })
          zip.readEntry()
        })
        zip.once('end', () => resolve())
        zip.once('error', reject)
        zip.readEntry()
      })
    } catch (error) {
      zip.close()
      throw damaged(error)
    }
    return new ZipReader(zip, entries, refused, maxTotalBytes)
  }

  /** The entry's bytes; refuses (BAD_EXPORT, naming the entry) one over `maxBytes`, past the total cap, or damaged. */
  async read(entry: ZipEntry, maxBytes: number = IMPORT_CAPS.maxTextBytes): Promise<Buffer> {
    const limit = Math.min(maxBytes, this.maxTotalBytes - this.bytesRead)
    if (entry.size > limit) throw tooLarge(entry.name, Math.min(maxBytes, this.maxTotalBytes))
    let bytes: Buffer
    try {
      bytes = await new Promise<Buffer>((resolve, reject) => {
        this.zip.openReadStream(entry.raw, (error, stream) => {
          if (error || !stream) return reject(error)
          const chunks: Buffer[] = []
          let size = 0
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length
            if (size > limit) return stream.destroy(tooLarge(entry.name, Math.min(maxBytes, this.maxTotalBytes)))
            chunks.push(chunk)
          })
          stream.once('error', reject)
          stream.once('end', () => resolve(Buffer.concat(chunks, size)))
        })
      })
    } catch (error) {
      if (error instanceof LecternError) throw error
      throw damaged(error, entry.name)
    }
    this.bytesRead += bytes.length
    if (crc32(bytes) !== entry.raw.crc32) throw badExport(entry.name, 'damaged: its checksum does not match')
    return bytes
  }

  /** Closes the file (entries can no longer be read). */
  close(): void {
    this.zip.close()
  }
}

/**
 * Drops what reading never uses (raw name, extra fields, comment: about half of an entry's memory) once
 * the name is decoded (an entry then takes ~500 bytes: 150,000 files list in ~75 MB). openReadStream needs only the sizes,
 * offset, method and flags, and the CRC is checked by read().
 */
function slim(raw: yauzl.Entry): yauzl.Entry {
  const entry = raw as unknown as Record<string, unknown>
  for (const key of ['fileName', 'fileNameRaw', 'extraFields', 'extraFieldRaw', 'fileComment', 'fileCommentRaw']) {
    entry[key] = null
  }
  return raw
}

function tooLarge(name: string, max: number): LecternError {
  return badExport(name, `larger than ${Math.round(max / 1024 / 1024)} MB once unpacked`)
}

function damaged(error: unknown, where = ''): LecternError {
  const detail = error instanceof Error ? error.message.slice(0, 200) : 'unreadable'
  return badExport(where, `the zip file is damaged (${detail})`)
}

/** True when bytes start like a zip file (a local file header, or the end record of an empty zip). */
export function looksLikeZip(head: Uint8Array): boolean {
  return (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 0x03 || head[2] === 0x05) &&
    (head[3] === 0x04 || head[3] === 0x06)
  )
}
