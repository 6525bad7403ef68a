/**
 * The stored extension for image bytes, judged by their magic numbers rather than by what the server
 * claims: only raster types a browser shows are kept (no SVG, which can carry script).
 */
export function rasterImageExtension(bytes: Uint8Array): 'jpg' | 'png' | 'gif' | 'webp' | 'avif' | null {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end))
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg'
  if (bytes[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png'
  if (ascii(0, 4) === 'GIF8') return 'gif'
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp'
  if (ascii(4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(8, 12))) return 'avif'
  return null
}
