import { CsvError, parse } from 'csv-parse/sync'
import { badExport, IMPORT_CAPS } from './import-types'

/** One data row: cells by lower-cased header name ('' when the row is short), and the line it starts on. */
export interface CsvRow {
  line: number
  cell(column: string): string
}

export interface CsvTable {
  /** Header names, trimmed and lower-cased. */
  columns: string[]
  rows: CsvRow[]
}

/**
 * Reads a CSV export (RFC 4180: quoted cells, "" escapes, multi-line cells; a BOM was removed when the
 * bytes were decoded). Columns are found by header name, so extra or reordered columns do not matter.
 * Malformed quoting or a record over the size cap refuses the whole file, naming the line: after such an
 * error the parser cannot know where the next row starts, so anything it returned would be a guess.
 */
export function readCsv(text: string, where = ''): CsvTable {
  let records: string[][]
  try {
    records = parse(text, OPTIONS)
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    throw refusal(text, error, where ? `${where} ` : '')
  }
  const header = records[0]
  if (!header) return { columns: [], rows: [] }
  const columns = header.map((name) => name.trim().toLowerCase())
  const index = new Map<string, number>()
  columns.forEach((name, i) => index.has(name) || index.set(name, i))
  // A record's first line: the lines before it, counted from the line breaks inside its quoted cells
  // (cheaper than asking the parser for each record's position, which doubles its time).
  const newline = text.includes('\n') ? '\n' : '\r'
  let line = 1 + lineBreaks(header, newline)
  const rows: CsvRow[] = []
  for (let i = 1; i < records.length; i++) {
    const cells = records[i] as string[]
    const start = ++line
    line += lineBreaks(cells, newline)
    if (cells.length === 1 && cells[0] === '') continue // an empty line
    rows.push({ line: start, cell: (column) => cells[index.get(column) ?? -1] ?? '' })
  }
  return { columns, rows }
}

const OPTIONS = {
  bom: true,
  relax_column_count: true,
  // A bare quote inside an unquoted cell (5" screen) is kept as text, as spreadsheets write it.
  relax_quotes: true,
  max_record_size: IMPORT_CAPS.maxCsvRecordBytes
}

function lineBreaks(cells: readonly string[], newline: string): number {
  let count = 0
  for (const cell of cells) for (let at = cell.indexOf(newline); at !== -1; at = cell.indexOf(newline, at + 1)) count++
  return count
}

// The parser reports where it noticed the problem; for a quote that never closes, that is the end of the
// file. The row it opened in is found by parsing again, noting where each record ended (only on failure).
function refusal(text: string, error: CsvError, label: string): Error {
  let lastEnd = 0
  try {
    parse(text, { ...OPTIONS, on_record: (record, context) => ((lastEnd = context.lines), record) })
  } catch {
    // the same error again: lastEnd is now the end of the last good record
  }
  const start = lastEnd + 1
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return badExport(`${label}line ${start}`, 'a quoted cell is never closed')
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return badExport(`${label}line ${start}`, `a row longer than ${IMPORT_CAPS.maxCsvRecordBytes / 1024 / 1024} MB`)
  }
  const line = (error as CsvError & { lines?: number }).lines ?? start
  return badExport(`${label}line ${line}`, error.message.replace(/ at line \d+.*$/s, ''))
}

/** The header names of a CSV file's first line, for format detection (cheap: no full parse). */
export function csvHeader(text: string): string[] {
  const end = text.indexOf('\n')
  const first = (end === -1 ? text : text.slice(0, end)).replace(/^\ufeff/, '')
  if (first.length > 4096) return []
  return first.split(',').map((name) => name.replace(/^\s*"?|"?\s*$/g, '').toLowerCase())
}
