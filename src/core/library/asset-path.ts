import { join, resolve, sep } from 'node:path'
import { isArticleId } from '../../shared/article-id'

// Article ids (see shared/article-id.ts) and stored asset names are ours and have a fixed shape; anything else
// is refused outright, which rules out "..", encoded separators, absolute paths and NUL bytes before the file
// system is touched.
const ASSET_FILE = /^assets\/[a-f0-9]{64}\.(?:jpg|png|gif|webp|avif)$/

/** Content type of each stored image extension: the only files the asset routes ever serve. */
export const ASSET_CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif'
}

/**
 * Maps a request for an article's image (article id + "assets/<sha256>.<ext>") to its file in the data
 * dir, or null when the request is anything but a well-formed asset path inside that article's folder.
 */
export function resolveAssetPath(dataDir: string, articleId: string, relPath: string): string | null {
  if (!isArticleId(articleId) || !ASSET_FILE.test(relPath)) return null
  const articleDir = resolve(dataDir, 'articles', articleId)
  const full = resolve(join(articleDir, relPath))
  // Belt and braces: the patterns above already forbid escaping, this keeps it true if they are loosened.
  return full.startsWith(articleDir + sep) ? full : null
}

/** The content type to serve a resolved asset with. */
export function assetContentType(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1)
  return ASSET_CONTENT_TYPES[ext] ?? 'application/octet-stream'
}
