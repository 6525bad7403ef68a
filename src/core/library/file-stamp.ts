/** A timestamp usable in a file name on every platform, sorting in time order: 2024-05-01T10-20-30-123Z. */
export function fileStamp(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-')
}
