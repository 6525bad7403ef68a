import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { DocTable, F64_COLUMNS, StringTable, U32_COLUMNS } from './doc-table'
import { DOC_SHIFT, InvertedIndex } from './inverted-index'
import { PairFilterStore } from './pair-filter'

/**
 * The index on disk: <dataDir>/index/search.bin. Derived data: a missing, damaged or older file is
 * rebuilt from the library, never trusted.
 *
 *   "LSIX" | format version u32 | header length u32 | header JSON (counts, terms, strings, ids, tags)
 *   | padding to 8 | saved, published f64[docs] | fingerprints, lengths, host, site, author, lang,
 *   filter sizes u32[docs] | posting counts u32[terms] | postings u32[...] | flags u8[docs]
 *   | word-pair filters u8[...]
 *
 * Numbers are binary so loading parses only the strings; terms are written sorted, so loading gets the
 * prefix dictionary for free; posting lists and pair filters become views into the one buffer read from
 * disk (no per-term copy).
 */
export const INDEX_FORMAT_VERSION = 6
export const INDEX_FILE = 'search.bin'
const MAGIC = 0x5849534c // "LSIX" little-endian

interface Header {
  /** The tokenizer's version too: changing how text becomes terms must force a rebuild. */
  version: number
  terms: string[]
  strings: string[]
  /** null for a retired article number (its postings are skipped until the index is compacted). */
  ids: (string | null)[]
  tags: number[][]
}

export function indexPath(indexDir: string): string {
  return join(indexDir, INDEX_FILE)
}

/** Bytes per write: large enough to be fast, small enough to yield to the event loop often. */
const WRITE_BYTES = 1 << 22

const bytesOf = (a: Uint8Array | Uint32Array | Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)

/**
 * Writes the index as it is in memory (retired numbers included: compacting 27M postings at every save
 * would hold the event loop ~100 ms; InvertedIndex compacts when they pile up) through a temporary file
 * and a rename, fsynced.
 *
 * What is written is fixed synchronously when this is called (the snapshot); writing it then takes
 * ~0.5 s at 50k articles, during which searches and updates go on. That is safe because an update only
 * appends (postings to tails, articles and filters at the end) and compaction, the one change in place,
 * is held off until the write is done.
 */
export async function saveIndex(indexDir: string, index: InvertedIndex): Promise<void> {
  const release = index.holdCompaction()
  try {
    const snap = snapshot(index)
    // The header is copies already: it is serialized in a later turn (the snapshot holds the loop ~30 ms at 50k).
    await nextTurn()
    await writeSnapshot(indexDir, snap)
  } finally {
    release()
  }
}

interface Snapshot {
  header: Header
  /** Everything after the header, in file order. */
  parts: Uint8Array[]
  /** Postings: per term, its list, then the first `tailLengths[i]` of its tail (what existed at the snapshot). */
  lists: Uint32Array[]
  tails: Uint32Array[]
  tailLengths: Uint32Array
  flags: Uint8Array
  filters: Uint8Array[]
}

function snapshot(index: InvertedIndex): Snapshot {
  const table = index.docs
  const n = table.count
  const order = index.termIdsInOrder()
  const header: Header = {
    version: INDEX_FORMAT_VERSION,
    terms: order.map((id) => index.terms[id]!),
    strings: table.strings.values.slice(),
    ids: table.ids.slice(),
    tags: table.tags.map((t, doc) => (table.ids[doc] === null ? [] : [...t]))
  }
  const counts = new Uint32Array(order.length)
  const lists = new Array<Uint32Array>(order.length)
  const tails = new Array<Uint32Array>(order.length)
  const tailLengths = new Uint32Array(order.length)
  order.forEach((id, i) => {
    counts[i] = index.frequency(id)
    lists[i] = index.lists[id]!
    tails[i] = index.tails[id]!
    tailLengths[i] = index.tailSizes[id]!
  })
  // Columns are copied (2 MB at 50k); postings and filters are views: appends never change what they show.
  const parts = [
    ...F64_COLUMNS.map((c) => bytesOf(table[c].slice(0, n))),
    ...U32_COLUMNS.map((c) => bytesOf(table[c].slice(0, n)))
  ]
  parts.push(bytesOf(index.pairFilters.sizes(table.alive, n)), bytesOf(counts))
  return {
    header,
    parts,
    lists,
    tails,
    tailLengths,
    flags: table.flags.slice(0, n),
    filters: index.pairFilters.chunks(table.alive, n)
  }
}

async function writeSnapshot(indexDir: string, snap: Snapshot): Promise<void> {
  await mkdir(indexDir, { recursive: true })
  const target = indexPath(indexDir)
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`
  const json = Buffer.from(JSON.stringify(snap.header), 'utf8')
  const prefix = Buffer.alloc(Math.ceil((12 + json.length) / 8) * 8)
  prefix.writeUInt32LE(MAGIC, 0)
  prefix.writeUInt32LE(INDEX_FORMAT_VERSION, 4)
  prefix.writeUInt32LE(json.length, 8)
  json.copy(prefix, 12)
  const file = await open(temp, 'w')
  try {
    await file.write(prefix)
    for (const part of snap.parts) await file.write(part)
    // Postings in chunks: one buffer of 100 MB would double the peak memory.
    const chunk = new Uint32Array(WRITE_BYTES / 4)
    let used = 0
    const put = async (list: Uint32Array) => {
      for (let from = 0; from < list.length;) {
        const take = Math.min(list.length - from, chunk.length - used)
        chunk.set(list.subarray(from, from + take), used)
        used += take
        from += take
        if (used === chunk.length) {
          await file.write(bytesOf(chunk))
          used = 0
        }
      }
    }
    for (let i = 0; i < snap.lists.length; i++) {
      await put(snap.lists[i]!)
      // Appends after the snapshot land past tailLengths[i], or in a grown copy: this part is as it was.
      if (snap.tailLengths[i]! > 0) await put(snap.tails[i]!.subarray(0, snap.tailLengths[i]!))
    }
    if (used > 0) await file.write(bytesOf(chunk.subarray(0, used)))
    await file.write(snap.flags)
    for (const chunk of snap.filters) {
      for (let from = 0; from < chunk.length; from += WRITE_BYTES)
        await file.write(chunk.subarray(from, from + WRITE_BYTES))
    }
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
    if (bytes.length < 12 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== INDEX_FORMAT_VERSION)
      return null
    const jsonLength = bytes.readUInt32LE(8)
    const header = JSON.parse(bytes.toString('utf8', 12, 12 + jsonLength)) as Header
    if (
      header.version !== INDEX_FORMAT_VERSION ||
      ![header.terms, header.strings, header.ids, header.tags].every(Array.isArray)
    )
      return null
    if (header.tags.length !== header.ids.length) return null
    // Typed arrays need aligned offsets; a pooled or offset Buffer is copied once.
    const aligned = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes)
    const n = header.ids.length
    const termCount = header.terms.length
    let at = Math.ceil((12 + jsonLength) / 8) * 8
    const take = <T>(
      count: number,
      size: number,
      make: (buffer: ArrayBuffer, offset: number, length: number) => T
    ): T => {
      if (at + count * size > aligned.length) throw new Error('truncated')
      const view = make(aligned.buffer as ArrayBuffer, aligned.byteOffset + at, count)
      at += count * size
      return view
    }
    const f64 = (count: number) => take(count, 8, (b, o, l) => new Float64Array(b, o, l))
    const u32 = (count: number) => take(count, 4, (b, o, l) => new Uint32Array(b, o, l))
    const savedMs = f64(n)
    const publishedMs = f64(n)
    const columns = Object.fromEntries(U32_COLUMNS.map((c) => [c, u32(n)])) as Record<
      (typeof U32_COLUMNS)[number],
      Uint32Array
    >
    const filterSizes = u32(n)
    const counts = u32(termCount)
    const lists: Uint32Array[] = new Array(termCount)
    for (let i = 0; i < termCount; i++) lists[i] = u32(counts[i]!)
    const flags = take(n, 1, (b, o, l) => new Uint8Array(b, o, l))
    let filterBytes = 0
    for (let i = 0; i < n; i++) filterBytes += filterSizes[i]!
    const filters = PairFilterStore.restore(
      take(filterBytes, 1, (b, o, l) => new Uint8Array(b, o, l)),
      filterSizes
    )
    if (at !== aligned.length) return null
    // A posting pointing past the article table means a damaged file; check the first and last of each list.
    for (const list of lists) {
      if (list.length && (list[list.length - 1]! >>> DOC_SHIFT >= n || list[0]! >>> DOC_SHIFT >= n)) return null
    }
    const strings = new StringTable(header.strings)
    if (strings.values.length !== header.strings.length) return null
    const docs = DocTable.restore(strings, header.ids, header.tags, flags, columns, { savedMs, publishedMs })
    return InvertedIndex.restore(docs, header.terms, lists, filters)
  } catch {
    return null
  }
}
