// Names exported files are given from article titles. A title is anything a web page said, so the name
// must be safe on every system the export may be copied to (Windows, macOS, Linux, FAT USB sticks, zips).

/** Bytes (UTF-8) of a name's stem, leaving room for " (12345)" and the extension within 255 bytes. */
export const MAX_STEM_BYTES = 120

// Path separators, Windows-forbidden characters, control and direction-override characters (a title with
// U+202E can make "evil.exe.md" display as "evil.dm.exe").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN = /[<>"?*\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g
// Windows refuses these as names, with any extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\.|$)/i

/** A file name stem from a title: forbidden characters replaced, reserved names avoided, length capped. */
export function safeStem(title: string, maxBytes = MAX_STEM_BYTES): string {
  let stem = title
    .normalize('NFC')
    // "Tables: a guide / part 1" reads best as "Tables - a guide - part 1".
    .replace(/:/g, ' -')
    .replace(/[/\\|]/g, '-')
    .replace(/"/g, '')
    .replace(FORBIDDEN, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots hide files on Unix; trailing dots and spaces are dropped by Windows.
    .replace(/^[.\s]+|[.\s]+$/g, '')
  stem = truncateUtf8(stem, maxBytes).replace(/[.\s]+$/, '')
  if (!stem) stem = 'Untitled'
  return RESERVED.test(stem) ? `_${stem}` : stem
}

/** The longest prefix of `text` within `maxBytes` of UTF-8 that does not split a character or emoji. */
function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text
  const encoder = new TextEncoder()
  let out = ''
  let bytes = 0
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    const size = encoder.encode(segment).length
    if (bytes + size > maxBytes) break
    out += segment
    bytes += size
  }
  return out
}

/**
 * Hands out unique file names in one folder: "Title.md", then "Title (2).md". Names are compared the way
 * case-insensitive file systems do (macOS, Windows), so two titles differing only in case never collide.
 */
export class UniqueNames {
  private readonly taken = new Set<string>()

  /** `existing`: names already in the folder, never handed out. */
  constructor(existing: Iterable<string> = []) {
    for (const name of existing) this.taken.add(key(name))
  }

  /** A new, unused name for a title with this extension (".md", ".html", ""). */
  claim(title: string, extension: string): string {
    const stem = safeStem(title)
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${stem}${extension}` : `${stem} (${n})${extension}`
      if (!this.taken.has(key(name))) {
        this.taken.add(key(name))
        return name
      }
    }
  }

  /** Marks a fixed name (a folder the export writes, such as "assets") as used. */
  reserve(name: string): void {
    this.taken.add(key(name))
  }
}

function key(name: string): string {
  return name.normalize('NFC').toLowerCase()
}
