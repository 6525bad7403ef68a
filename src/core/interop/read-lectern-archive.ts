import { createHash } from 'node:crypto'
import { DEFAULT_IMPORT_LIMITS } from '../import/import-limits'
import { isArticleId } from '../../shared/article-id'
import type { ArticleMeta } from '../../shared/types'
import { parseJsonExport } from './decode-export'
import type { ExportHighlight } from './export-types'
import { badExport, type SkippedEntry } from './import-types'
import {
  ARCHIVE_ASSET,
  ARCHIVE_ENTRY,
  ARCHIVE_VERSION,
  archiveHighlightSchema,
  archiveManifestSchema,
  archiveMetaSchema,
  type ArchiveManifest
} from './lectern-archive-format'
import type { ZipEntry, ZipReader } from './zip-reader'

/** One article read back from a Lectern archive, exactly as it was exported. */
export interface ArchivedArticle {
  meta: ArticleMeta
  html: string
  text: string
  /** Images by their path relative to the article folder (assets/<sha256>.<ext>), each checked against its name. */
  assets: { name: string; bytes: Uint8Array }[]
  highlights: ExportHighlight[]
  /** "articles/<id>", for messages. */
  origin: string
}

/** An opened Lectern archive: read its articles one at a time, then close it. */
export interface LecternArchive {
  format: 'lectern'
  manifest: ArchiveManifest
  /** Entries and articles that could not be used; grows while `articles()` runs. */
  skipped: SkippedEntry[]
  /** The articles in archive order; a damaged one is added to `skipped` and the rest still come. */
  articles(): AsyncGenerator<ArchivedArticle>
  close(): void
}

const MAX_META_BYTES = 1024 * 1024
const MAX_CONTENT_BYTES = 64 * 1024 * 1024
const MAX_ASSETS_PER_ARTICLE = 1000

interface Folder {
  id: string
  files: Map<string, ZipEntry>
  assets: ZipEntry[]
}

/**
 * Opens a Lectern archive from its zip: checks the manifest (refusing one from a newer Lectern) and groups
 * the entries by article folder. Reading is lazy: each article's files are read when it is reached.
 */
export async function openLecternArchive(zip: ZipReader): Promise<LecternArchive> {
  const skipped: SkippedEntry[] = zip.refused.map((r) => ({ origin: `zip entry ${r.name}`, reason: r.reason }))
  let manifest: ArchiveManifest
  try {
    manifest = readManifest(await readManifestBytes(zip))
  } catch (error) {
    zip.close()
    throw error
  }
  const folders = new Map<string, Folder>()
  for (const entry of zip.entries) {
    if (entry.name === 'manifest.json') continue
    const match = ARCHIVE_ENTRY.exec(entry.name)
    if (!match) {
      skipped.push({ origin: `zip entry ${entry.name}`, reason: 'not part of a Lectern archive' })
      continue
    }
    const [, id = '', file = ''] = match
    let folder = folders.get(id)
    if (!folder) folders.set(id, (folder = { id, files: new Map(), assets: [] }))
    if (file.startsWith('assets/')) folder.assets.push(entry)
    else if (!folder.files.has(file)) folder.files.set(file, entry)
  }
  return {
    format: 'lectern',
    manifest,
    skipped,
    async *articles() {
      for (const folder of folders.values()) {
        const origin = `articles/${folder.id}`
        let article: ArchivedArticle | string
        try {
          article = await readArticle(zip, folder, origin, skipped)
        } catch (error) {
          article = error instanceof Error ? error.message : 'unreadable'
        }
        if (typeof article === 'string') skipped.push({ origin, reason: article })
        else yield article
      }
      if (folders.size !== manifest.articles) {
        skipped.push({
          origin: 'manifest.json',
          reason: `lists ${manifest.articles} articles but the archive holds ${folders.size}`
        })
      }
    },
    close: () => zip.close()
  }
}

async function readManifestBytes(zip: ZipReader): Promise<Buffer> {
  const entry = zip.entries.find((e) => e.name === 'manifest.json')
  if (!entry) throw badExport('', 'no manifest.json: not a Lectern archive')
  return zip.read(entry, MAX_META_BYTES)
}

function readManifest(bytes: Buffer): ArchiveManifest {
  const json = parseJsonExport(bytes.toString('utf8'), 'manifest.json')
  const parsed = archiveManifestSchema.safeParse(json)
  if (!parsed.success) throw badExport('manifest.json', 'not a Lectern archive manifest')
  if (parsed.data.version > ARCHIVE_VERSION) {
    throw badExport(
      'manifest.json',
      `made by a newer Lectern (archive version ${parsed.data.version}); update Lectern to import it`
    )
  }
  return parsed.data
}

/** The article, or the reason it cannot be imported. */
async function readArticle(
  zip: ZipReader,
  folder: Folder,
  origin: string,
  skipped: SkippedEntry[]
): Promise<ArchivedArticle | string> {
  if (!isArticleId(folder.id)) return 'not a Lectern article id'
  const metaEntry = folder.files.get('meta.json')
  if (!metaEntry) return 'no meta.json'
  const parsed = archiveMetaSchema.safeParse(
    parseJsonExport((await zip.read(metaEntry, MAX_META_BYTES)).toString('utf8'), `${origin}/meta.json`)
  )
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return `meta.json is not valid (${issue?.path.join('.') || 'root'}: ${issue?.message ?? 'malformed'})`
  }
  if (parsed.data.id !== folder.id) return `meta.json names another article (${parsed.data.id})`
  const text = async (file: string) => {
    const entry = folder.files.get(file)
    return entry ? new TextDecoder().decode(await zip.read(entry, MAX_CONTENT_BYTES)) : ''
  }
  const html = await text('content.html')
  const plain = await text('content.txt')
  const highlights: ExportHighlight[] = []
  const marksEntry = folder.files.get('highlights.json')
  if (marksEntry) {
    const where = `${origin}/highlights.json`
    const list = parseJsonExport((await zip.read(marksEntry, MAX_CONTENT_BYTES)).toString('utf8'), where)
    ;(Array.isArray(list) ? list : []).forEach((value: unknown, i) => {
      const mark = archiveHighlightSchema.safeParse(value)
      if (mark.success) highlights.push(mark.data)
      else skipped.push({ origin: `${where} entry ${i + 1}`, reason: 'not a valid highlight' })
    })
  }
  const assets: ArchivedArticle['assets'] = []
  for (const entry of folder.assets.slice(0, MAX_ASSETS_PER_ARTICLE)) {
    const name = entry.name.slice(`articles/${folder.id}/`.length)
    const hash = ARCHIVE_ASSET.exec(name)?.[1]
    const reason = !hash
      ? 'not an image name Lectern writes'
      : entry.size > DEFAULT_IMPORT_LIMITS.images.maxBytes
        ? 'image larger than Lectern stores'
        : null
    if (reason) {
      skipped.push({ origin: entry.name, reason })
      continue
    }
    const bytes = await zip.read(entry, DEFAULT_IMPORT_LIMITS.images.maxBytes)
    if (createHash('sha256').update(bytes).digest('hex') !== hash) {
      skipped.push({ origin: entry.name, reason: 'image does not match its name (damaged)' })
      continue
    }
    assets.push({ name, bytes })
  }
  return { meta: parsed.data, html, text: plain, assets, highlights, origin }
}
