import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { InvertedIndex } from './inverted-index'
import type { DocInfo } from './search-doc'

/**
 * The index on disk: <dataDir>/index/search.bin. Derived data: a missing, damaged or older file is
 * rebuilt from the library, never trusted.
 *
 *   "LSIX" | format version u32 | header length u32 | header JSON (docs, terms) padded to 4 bytes
 *   | posting counts u32[terms] | postings u32[...] | word-pair filters u8[...] (sizes in the header)
 *
 * Terms are written sorted, so loading gets the prefix dictionary for free; the posting lists become
 * views into the one buffer read from disk (no per-term copy).
 */
export const INDEX_FORMAT_VERSION = 3
export const INDEX_FILE = 'search.bin'
const MAGIC = 0x5849534c // "LSIX" little-endian

interface Header {
  /** The tokenizer's version too: changing how text becomes terms must force a rebuild. */
  version: number
  docs: DocInfo[]
  terms: string[]
  filterSizes: number[]
}

export function indexPath(indexDir: string): string {
  return join(indexDir, INDEX_FILE)
}

/** Writes the index (compacting it first) through a temporary file and a rename, fsynced. */
export async function saveIndex(indexDir: string, index: InvertedIndex): Promise<void> {
  index.compact()
  const order = index.terms
    .map((term, id) => ({ term, id }))
    .filter(({ id }) => index.sizes[id]! > 0)
    .sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
  const docs: DocInfo[] = index.docs.map((d) => {
    const { id, title, url, siteName, byline, tags, lang, state, favorite, read, savedAt, publishedAt, fingerprint, length, host } = d!
    return { id, title, url, siteName, byline, tags, lang, state, favorite, read, savedAt, publishedAt, fingerprint, length, host }
  })
  const filters = index.pairFilters.map((f) => f ?? new Uint8Array(0))
  const header: Header = { version: INDEX_FORMAT_VERSION, docs, terms: order.map((o) => o.term), filterSizes: filters.map((f) => f.length) }
  const json = Buffer.from(JSON.stringify(header), 'utf8')
  const padded = Math.ceil(json.length / 4) * 4
  const counts = new Uint32Array(order.length)
  let total = 0
  order.forEach(({ id }, i) => {
    counts[i] = index.sizes[id]!
    total += index.sizes[id]!
  })
  const prefix = Buffer.alloc(12 + padded)
  prefix.writeUInt32LE(MAGIC, 0)
  prefix.writeUInt32LE(INDEX_FORMAT_VERSION, 4)
  prefix.writeUInt32LE(json.length, 8)
  json.copy(prefix, 12)
  await mkdir(indexDir, { recursive: true })
  const target = indexPath(indexDir)
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`
  const file = await open(temp, 'w')
  try {
    await file.write(prefix)
    await file.write(new Uint8Array(counts.buffer))
    // Postings in chunks of lists: one buffer of 90 MB would double the peak memory.
    const chunk = new Uint32Array(Math.min(total, 1 << 20) || 1)
    let used = 0
    for (const { id } of order) {
      const list = index.lists[id]!.subarray(0, index.sizes[id]!)
      let from = 0
      while (from < list.length) {
        const take = Math.min(list.length - from, chunk.length - used)
        chunk.set(list.subarray(from, from + take), used)
        used += take
        from += take
        if (used === chunk.length) {
          await file.write(new Uint8Array(chunk.buffer, 0, used * 4))
          used = 0
        }
      }
    }
    if (used > 0) await file.write(new Uint8Array(chunk.buffer, 0, used * 4))
    for (let i = 0; i < filters.length; i += 4096) await file.write(Buffer.concat(filters.slice(i, i + 4096)))
    await file.sync()
  } finally {
    await file.close()
  }
  try {
    await rename(temp, target)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** Reads a saved index; null when it is missing, from another format version or damaged. */
export async function loadIndex(indexDir: string): Promise<InvertedIndex | null> {
  let bytes: Buffer
  try {
    bytes = await readFile(indexPath(indexDir))
  } catch {
    return null
  }
  try {
    if (bytes.length < 12 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== INDEX_FORMAT_VERSION) return null
    const jsonLength = bytes.readUInt32LE(8)
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + jsonLength)) as Header
    if (header.version !== INDEX_FORMAT_VERSION || !Array.isArray(header.docs) || !Array.isArray(header.terms)) return null
    const start = 12 + Math.ceil(jsonLength / 4) * 4
    // A Uint32Array needs 4-byte alignment; a pooled or offset Buffer is copied once.
    const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes)
    if (!Array.isArray(header.filterSizes) || header.filterSizes.length !== header.docs.length) return null
    const filterBytes = header.filterSizes.reduce((a, b) => a + b, 0)
    const postingsEnd = aligned.length - filterBytes
    if (postingsEnd < start || (postingsEnd - start) % 4 !== 0) return null
    const words = new Uint32Array(aligned.buffer, aligned.byteOffset + start, (postingsEnd - start) >>> 2)
    const filters: Uint8Array[] = []
    let at = aligned.byteOffset + postingsEnd
    for (const size of header.filterSizes) {
      filters.push(new Uint8Array(aligned.buffer, at, size))
      at += size
    }
    const termCount = header.terms.length
    if (words.length < termCount) return null
    const lists: Uint32Array[] = new Array(termCount)
    let offset = termCount
    for (let i = 0; i < termCount; i++) {
      const count = words[i]!
      if (offset + count > words.length) return null
      lists[i] = words.subarray(offset, offset + count)
      offset += count
    }
    if (offset !== words.length) return null
    const maxDoc = header.docs.length
    // A posting pointing past the article table means a damaged file; check the first and last of each list.
    for (const list of lists) {
      if (list.length && (list[list.length - 1]! >>> 10 >= maxDoc || list[0]! >>> 10 >= maxDoc)) return null
    }
    return InvertedIndex.restore(header.docs, header.terms, lists, filters)
  } catch {
    return null
  }
}
