import { open, readFile, stat } from 'node:fs/promises'
import { LecternError } from '../../shared/errors'
import { decodeExport, parseJsonExport } from './decode-export'
import { detectJsonFormat, detectTextFormat, detectZipFormat } from './detect-format'
import { badExport, IMPORT_CAPS, type Collected, type ImportFormat, type ImportResult } from './import-types'
import { parseBookmarks } from './parse-bookmarks'
import { parseInstapaper } from './parse-instapaper'
import { assertKarakeep, parseKarakeep } from './parse-karakeep'
import { parseOmnivore, type OmnivoreFiles } from './parse-omnivore'
import { addPocketAnnotations, parsePocketCsv } from './parse-pocket'
import { parsePocketHtml } from './parse-pocket-html'
import { parseRaindrop } from './parse-raindrop'
import { parseReadwise } from './parse-readwise'
import { parseUrlList } from './parse-url-list'
import { parseWallabag } from './parse-wallabag'
import { openLecternArchive, type LecternArchive } from './read-lectern-archive'
import { looksLikeZip, ZipReader, type ExportSource, type ZipEntry } from './zip-reader'

export interface ReadExportOptions {
  /** Skips detection (`--format`); the file must still be that format. */
  format?: ImportFormat
}

/**
 * Reads an export file of any supported format, detected from its content. Every format but the Lectern
 * archive comes back whole as items (a 10,000-row CSV takes a fraction of a second); the archive, which
 * holds images, is opened and streamed article by article. Throws LecternError BAD_EXPORT (naming the line
 * or entry) for a file that cannot be read as a whole, TOO_LARGE past the caps, NOT_FOUND for a missing file.
 */
export async function readExport(
  source: ExportSource,
  options: ReadExportOptions = {}
): Promise<ImportResult | LecternArchive> {
  const head = await readHead(source)
  if (looksLikeZip(head)) return readZipExport(source, options.format)
  if (options.format === 'lectern') throw badExport('', 'a Lectern archive is a zip file')
  const text = decodeExport(await readText(source))
  return readTextExport(text, options.format)
}

/** Reads a text export (CSV, JSON, HTML, a list) already decoded. */
export async function readTextExport(text: string, format?: ImportFormat): Promise<ImportResult> {
  const detected = format ?? detectTextFormat(text)
  if (!detected) throw notAnExport()
  const into: Collected = { items: [], skipped: [] }
  const done = (f: ImportResult['format']): ImportResult => ({ format: f, ...into })
  if (detected === 'json' || detected === 'wallabag' || detected === 'karakeep' || detected === 'omnivore') {
    const json = parseJsonExport(text)
    const kind = detected === 'json' ? detectJsonFormat(json) : detected
    if (!kind) throw notAnExport()
    if (kind === 'karakeep') {
      assertKarakeep(json)
      parseKarakeep(json, into)
    } else if (!Array.isArray(json)) throw badExport('', `a ${kind} export is a list of entries`)
    else if (kind === 'wallabag') parseWallabag(json, into)
    else await parseOmnivore({ where: '', entries: json }, NO_FILES, into)
    return done(kind)
  }
  switch (detected) {
    case 'pocket':
      parsePocketCsv(text, '', into)
      break
    case 'pocket-html':
      parsePocketHtml(text, into)
      break
    case 'instapaper':
      parseInstapaper(text, into)
      break
    case 'readwise':
      parseReadwise(text, into)
      break
    case 'raindrop':
      parseRaindrop(text, into)
      break
    case 'bookmarks':
      parseBookmarks(text, into)
      break
    case 'urls':
      parseUrlList(text, into)
      break
    case 'lectern':
      throw badExport('', 'a Lectern archive is a zip file')
  }
  return done(detected)
}

async function readZipExport(source: ExportSource, format?: ImportFormat): Promise<ImportResult | LecternArchive> {
  const zip = await ZipReader.open(source, format === 'lectern' ? Infinity : IMPORT_CAPS.maxZipTotalBytes)
  const names = zip.entries.map((e) => e.name)
  const detected = format ?? detectZipFormat(names)
  if (detected === 'lectern') return openLecternArchive(zip)
  try {
    // An archive is streamed; the others are small enough to read whole, within the zip's total cap.
    if (detected === 'pocket') return await readPocketZip(zip)
    if (detected === 'omnivore') return await readOmnivoreZip(zip)
    throw detected ? badExport('', `a zip file is not a ${detected} export`) : notAnExport()
  } finally {
    zip.close()
  }
}

async function readPocketZip(zip: ZipReader): Promise<ImportResult> {
  const into: Collected = { items: [], skipped: refusedEntries(zip) }
  const byName = (a: ZipEntry, b: ZipEntry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  for (const entry of zip.entries.filter((e) => /\.csv$/i.test(e.name)).sort(byName)) {
    parsePocketCsv(decodeExport(await zip.read(entry), entry.name), entry.name, into)
  }
  for (const entry of zip.entries.filter((e) => /(^|\/)annotations\/[^/]*\.json$/i.test(e.name)).sort(byName)) {
    addPocketAnnotations(parseJsonExport(decodeExport(await zip.read(entry), entry.name), entry.name), entry.name, into)
  }
  return { format: 'pocket', ...into }
}

async function readOmnivoreZip(zip: ZipReader): Promise<ImportResult> {
  const into: Collected = { items: [], skipped: refusedEntries(zip) }
  const bySlug = (folder: string, ext: string) => {
    const map = new Map<string, ZipEntry>()
    const pattern = new RegExp(`(?:^|/)${folder}/([^/]+)\\.${ext}$`, 'i')
    for (const entry of zip.entries) {
      const slug = pattern.exec(entry.name)?.[1]
      if (slug && !map.has(slug)) map.set(slug, entry)
    }
    return map
  }
  const contents = bySlug('content', 'html')
  const notes = bySlug('highlights', 'md')
  // An article too large to carry is left out (the page is fetched instead); it does not refuse the file.
  const text = async (entry: ZipEntry | undefined) =>
    entry && entry.size <= IMPORT_CAPS.maxContentBytes
      ? decodeExport(await zip.read(entry, IMPORT_CAPS.maxContentBytes), entry.name)
      : null
  const files: OmnivoreFiles = {
    content: (slug) => text(contents.get(slug)),
    highlights: (slug) => text(notes.get(slug))
  }
  // metadata_0_to_20.json, metadata_20_to_40.json, …: in the order the export wrote them.
  const firstNumber = (name: string) => Number(/metadata_(\d+)/i.exec(name)?.[1] ?? Infinity)
  const metadata = zip.entries
    .filter((e) => /(^|\/)metadata_[^/]*\.json$/i.test(e.name))
    .sort((a, b) => firstNumber(a.name) - firstNumber(b.name) || (a.name < b.name ? -1 : 1))
  for (const entry of metadata) {
    const json = parseJsonExport(decodeExport(await zip.read(entry), entry.name), entry.name)
    if (!Array.isArray(json)) throw badExport(entry.name, 'not a list of entries')
    await parseOmnivore({ where: entry.name, entries: json }, files, into)
  }
  return { format: 'omnivore', ...into }
}

const NO_FILES: OmnivoreFiles = { content: async () => null, highlights: async () => null }

function refusedEntries(zip: ZipReader) {
  return zip.refused.map((r) => ({ origin: `zip entry ${r.name}`, reason: r.reason }))
}

function notAnExport(): LecternError {
  return badExport(
    '',
    'not an export Lectern knows: it reads Pocket, Instapaper, Omnivore, Wallabag, Readwise Reader, Raindrop, ' +
      'Karakeep and browser bookmark exports, lists of addresses and Lectern archives'
  )
}

async function readHead(source: ExportSource): Promise<Uint8Array> {
  if ('bytes' in source) return source.bytes.subarray(0, 4)
  let file
  try {
    file = await open(source.path, 'r')
  } catch {
    throw new LecternError('NOT_FOUND', `Cannot read ${source.path}.`)
  }
  try {
    const head = new Uint8Array(4)
    await file.read(head, 0, 4, 0)
    return head
  } finally {
    await file.close()
  }
}

async function readText(source: ExportSource): Promise<Uint8Array> {
  if ('bytes' in source) return source.bytes
  const { size } = await stat(source.path)
  if (size > IMPORT_CAPS.maxTextBytes) {
    throw new LecternError('TOO_LARGE', `${source.path} is larger than ${IMPORT_CAPS.maxTextBytes / 1024 / 1024} MB.`)
  }
  return readFile(source.path)
}
