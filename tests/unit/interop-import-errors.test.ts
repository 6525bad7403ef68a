import { describe, expect, it } from 'vitest'
import { IMPORT_CAPS, type ImportFormat, type ImportResult } from '../../src/core/interop/import-types'
import { readExport } from '../../src/core/interop/read-export'
import { ZipReader } from '../../src/core/interop/zip-reader'
import { rawZip } from '../support/interop-fixtures'

// A file that cannot be read as a whole is refused with a message naming where (and nothing comes back to
// import); a row that cannot be used is skipped and reported. Hostile files neither crash nor escape.

const bytes = (content: string | Buffer) => ({ bytes: typeof content === 'string' ? Buffer.from(content) : content })

async function read(content: string | Buffer, format?: ImportFormat): Promise<ImportResult> {
  const result = await readExport(bytes(content), { format })
  if (result.format === 'lectern') throw new Error('unexpected archive')
  return result
}

async function refusal(content: string | Buffer, format?: ImportFormat): Promise<{ code: string; message: string }> {
  try {
    await read(content, format)
  } catch (error) {
    return error as { code: string; message: string }
  }
  throw new Error('the file was not refused')
}

describe('malformed exports are refused, naming the line or entry', () => {
  it('a CSV quote that never closes names the row it opens on', async () => {
    const pocket =
      'title,url,time_added,tags,status\nFine,https://a.example,1,,unread\n"Broken,https://b.example,1,,unread\nLast,https://c.example,1,,unread\n'
    const error = await refusal(pocket)
    expect(error.code).toBe('BAD_EXPORT')
    expect(error.message).toContain('line 3: a quoted cell is never closed')
    expect(error.message).toContain('Nothing was imported')
  })

  it.each([
    [
      'instapaper',
      'URL,Title,Selection,Folder,Timestamp\nhttps://a.example,A,,Unread,1\nhttps://b.example,"B,,Unread,1\n',
      'line 3'
    ],
    [
      'readwise',
      'Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen\n"T,https://a.example,1,[],2024-01-01,0,new,True\n',
      'line 2'
    ],
    [
      'raindrop',
      'id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\n1,ok,,,https://a.example,,,,,,\n2,"open,,,https://b.example,,,,,,\n',
      'line 3'
    ]
  ])('a malformed %s CSV names %s', async (_format, csv, where) => {
    const error = await refusal(csv)
    expect(error.code).toBe('BAD_EXPORT')
    expect(error.message).toContain(where)
  })

  it('a CSV without an address column is refused when its format is forced', async () => {
    const error = await refusal('name,link\nA,https://a.example\n', 'pocket')
    expect(error.message).toContain('line 1: no "url" column')
  })

  it.each([
    ['wallabag', '[{"url": "https://a.example", "title": "A"},\n {"url": "https://b.example", "title": }]'],
    ['karakeep', '{"bookmarks": [\n{"content": {"type": "link", "url": "https://a.example"}},\n{"content": ]}']
  ])('malformed %s JSON names the line', async (format, json) => {
    const error = await refusal(json)
    expect(error.code).toBe('BAD_EXPORT')
    expect(error.message).toContain(`not valid JSON at line ${format === 'wallabag' ? 2 : 3}`)
  })

  it('a Pocket zip names the part and the line', async () => {
    const zip = rawZip([
      { name: 'part_000000.csv', data: 'title,url,time_added,tags,status\nA,https://a.example,1,,unread\n' },
      {
        name: 'part_000001.csv',
        data: 'title,url,time_added,tags,status\nB,https://b.example,1,,unread\n"C,https://c,1\n'
      }
    ])
    const error = await refusal(zip)
    expect(error.message).toContain('part_000001.csv line 3')
  })

  it('an Omnivore zip names the metadata file', async () => {
    const zip = rawZip([{ name: 'metadata_0_to_1.json', data: '[{"slug": "a", "url": ' }])
    const error = await refusal(zip)
    expect(error.message).toContain('metadata_0_to_1.json')
  })

  it('a damaged or truncated zip is refused', async () => {
    const zip = rawZip([{ name: 'part_000000.csv', data: 'title,url\nA,https://a.example\n' }])
    expect((await refusal(zip.subarray(0, zip.length - 10))).code).toBe('BAD_EXPORT')
    const flipped = Buffer.from(zip)
    flipped[47] = (flipped[47] as number) ^ 0xff // inside the compressed data (after the 30-byte header and the name)
    expect((await refusal(flipped)).code).toBe('BAD_EXPORT')
  })

  it('a file that is no known export says which ones Lectern reads', async () => {
    const error = await refusal('Dear diary, today I saved nothing.\nThe end.\n')
    expect(error.message).toContain('not an export Lectern knows')
  })

  it('rows it cannot use are skipped with the reason, the rest imported', async () => {
    const { items, skipped } = await read(
      'title,url,time_added,tags,status\nA,,1,,unread\nB,ftp://x.example/f,1,,unread\nC,https://c.example,1,,unread\n'
    )
    expect(items.map((i) => i.title)).toEqual(['C'])
    expect(skipped).toEqual([
      { origin: 'line 2', reason: 'no address' },
      { origin: 'line 3', reason: 'a ftp: address, not a web page' }
    ])
  })

  it('broken bookmark HTML still gives every link (it is parsed leniently)', async () => {
    const html =
      '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p><DT><H3>Folder</DL></DL></DL><DT><A HREF="https://a.example">A<DT><A HREF="https://b.example">B</A></H3>'
    const { items } = await read(html)
    expect(items.map((i) => [i.url, i.title])).toEqual([
      ['https://a.example', 'A'],
      ['https://b.example', 'B']
    ])
  })
})

describe('hostile files neither crash nor escape', () => {
  it('a zip entry named ../ is set aside, never used', async () => {
    const zip = rawZip([
      { name: '../../../../tmp/pwned.csv', data: 'title,url\nX,https://evil.example\n' },
      { name: '/etc/part.csv', data: 'title,url\nY,https://evil.example\n' },
      { name: 'part_000000.csv', data: 'title,url,time_added,tags,status\nA,https://a.example,1,,unread\n' }
    ])
    const { items, skipped } = await read(zip)
    expect(items.map((i) => i.url)).toEqual(['https://a.example'])
    expect(skipped.map((s) => s.origin)).toEqual(['zip entry ../../../../tmp/pwned.csv', 'zip entry /etc/part.csv'])
  })

  it('a zip bomb whose header understates its size stops at the declared size', async () => {
    const bomb = Buffer.alloc(20 * 1024 * 1024, 'a')
    const zip = rawZip([{ name: 'part_000000.csv', data: bomb, declaredSize: 1000 }])
    const error = await refusal(zip)
    expect(error.code).toBe('BAD_EXPORT')
    expect(error.message).toContain('part_000000.csv')
  })

  it('an entry declaring more than the cap is refused before anything is inflated', async () => {
    const zip = rawZip([{ name: 'part_000000.csv', data: 'title,url\n', declaredSize: IMPORT_CAPS.maxTextBytes + 1 }])
    const error = await refusal(zip)
    expect(error.message).toContain('part_000000.csv: larger than 256 MB once unpacked')
  })

  it('reading stops at the total cap of a zip', async () => {
    const zip = rawZip([
      { name: 'a.csv', data: 'x'.repeat(600) },
      { name: 'b.csv', data: 'y'.repeat(600) }
    ])
    const reader = await ZipReader.open({ bytes: zip }, 1000)
    await reader.read(reader.entries[0]!)
    await expect(reader.read(reader.entries[1]!)).rejects.toMatchObject({ code: 'BAD_EXPORT' })
    reader.close()
  })

  it('an Omnivore article too large to carry is left out, its item kept', async () => {
    const zip = rawZip([
      { name: 'metadata_0_to_1.json', data: '[{"slug": "big", "url": "https://big.example", "title": "Big"}]' },
      { name: 'content/big.html', data: '<p>x</p>', declaredSize: IMPORT_CAPS.maxContentBytes + 1 }
    ])
    const { items } = await read(zip)
    expect(items.map((i) => [i.url, i.content])).toEqual([['https://big.example', null]])
  })

  it('a 50 MB line in a CSV is refused, naming the line', async () => {
    const csv = `title,url,time_added,tags,status\nA,https://a.example,1,,unread\n"${'x'.repeat(50 * 1024 * 1024)}",https://b.example,1,,unread\n`
    const error = await refusal(csv)
    expect(error.message).toContain('line 3: a row longer than 4 MB')
  })

  it('a 50 MB line in a list of addresses is skipped, the others kept', async () => {
    const text = `https://a.example\nhttps://${'x'.repeat(50 * 1024 * 1024)}.example\nhttps://c.example\n`
    const { items, skipped } = await read(text)
    expect(items.map((i) => i.url)).toEqual(['https://a.example', 'https://c.example'])
    expect(skipped).toEqual([{ origin: 'line 2', reason: 'longer than 8192 characters' }])
  })

  it('deeply nested JSON is refused before parsing', async () => {
    const error = await refusal(`${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}`)
    expect(error.message).toContain('nested more than 64 levels deep')
  })

  it('a bookmark file of a million unclosed tags is read in one pass', async () => {
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>\n${'<DL><p><b>'.repeat(300_000)}<DT><A HREF="https://deep.example">Deep</A>${'</i>'.repeat(300_000)}`
    const { items } = await read(html)
    expect(items.map((i) => i.url)).toEqual(['https://deep.example'])
  })

  it('an oversized text export is refused with TOO_LARGE', async () => {
    const huge = Buffer.alloc(IMPORT_CAPS.maxTextBytes + 1, 0x20)
    expect((await refusal(huge)).code).toBe('TOO_LARGE')
  })
})
