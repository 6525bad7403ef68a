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
  const label = where ? `${where} ` : ''
  let lastEnd = 0
  const starts: number[] = []
  let records: string[][]
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      // A bare quote inside an unquoted cell (5" screen) is kept as text, as spreadsheets write it.
      relax_quotes: true,
      max_record_size: IMPORT_CAPS.maxCsvRecordBytes,
      on_record: (record, context) => {
        starts.push(lastEnd + 1)
        lastEnd = context.lines
        return record
      }
    })
  } catch (error) {
    if (!(error instanceof CsvError)) throw error
    const start = lastEnd + 1
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') throw badExport(`${label}line ${start}`, 'a quoted cell is never closed')
    if (error.code === 'CSV_MAX_RECORD_SIZE') {
      throw badExport(`${label}line ${start}`, `a row longer than ${IMPORT_CAPS.maxCsvRecordBytes / 1024 / 1024} MB`)
    }
    const line = (error as CsvError & { lines?: number }).lines ?? start
    throw badExport(`${label}line ${line}`, error.message.replace(/ at line \d+.*$/s, ''))
  }
  const header = records[0]
  if (!header) return { columns: [], rows: [] }
  const columns = header.map((name) => name.trim().toLowerCase())
  const index = new Map<string, number>()
  columns.forEach((name, i) => index.has(name) || index.set(name, i))
  const rows: CsvRow[] = []
  for (let i = 1; i < records.length; i++) {
    const cells = records[i] as string[]
    if (cells.length === 1 && cells[0] === '') continue // an empty line
    rows.push({ line: starts[i] ?? 0, cell: (column) => cells[index.get(column) ?? -1] ?? '' })
  }
  return { columns, rows }
}

/** The header names of a CSV file's first line, for format detection (cheap: no full parse). */
export function csvHeader(text: string): string[] {
  const end = text.indexOf('\n')
  const first = (end === -1 ? text : text.slice(0, end)).replace(/^\ufeff/, '')
  if (first.length > 4096) return []
  return first.split(',').map((name) => name.replace(/^\s*"?|"?\s*$/g, '').toLowerCase())
}
