import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dedupeImported } from '../../src/core/interop/merge-imported'
import { readExport } from '../../src/core/interop/read-export'
import type { ImportFormat, ImportResult } from '../../src/core/interop/import-types'
import { rawZip } from '../support/interop-fixtures'
import { tempDir } from '../support/temp-dir'

// Every fixture is written here, by the test, with the quirks real exports have: extra columns, a BOM,
// cells spanning lines, quotes in titles, unicode tags, missing dates, addresses without a scheme,
// duplicates. Files are given misleading names: the content alone decides the format.

const dir = tempDir('lectern-interop-')
afterAll(() => dir.remove())

let fileCount = 0
async function importFile(content: string | Buffer, format?: ImportFormat): Promise<ImportResult> {
  const path = join(dir.path, `export-${++fileCount}.dat`)
  writeFileSync(path, content)
  const result = await readExport({ path }, { format })
  if (result.format === 'lectern') throw new Error('unexpected archive')
  return result
}

const BOM = '\ufeff'

describe('Pocket', () => {
  const csv =
    `${BOM}title,url,time_added,cursor,tags,status\n` +
    `"He said ""hi""",https://example.com/a?utm_source=x,1700000000,9,ai|café ☕|ai,archive\n` +
    `,example.org/no-scheme,,10,,unread\n` +
    `https://dup.example/x,https://dup.example/x,1600000000,11,,unread\n` +
    `Bad,javascript:alert(1),1600000000,12,,unread\n` +
    `Again,https://example.com/a#section,1500000000,13,later,unread\n`

  it('reads a lone CSV by its header: dates, tags, states, quotes, a BOM and an extra column', async () => {
    const { format, items, skipped } = await importFile(csv)
    expect(format).toBe('pocket')
    expect(items[0]).toMatchObject({
      url: 'https://example.com/a?utm_source=x',
      title: 'He said "hi"',
      savedAt: '2023-11-14T22:13:20.000Z',
      tags: ['ai', 'café ☕'],
      state: 'archived',
      favorite: null,
      origin: 'line 2'
    })
    expect(items[1]).toMatchObject({
      url: 'https://example.org/no-scheme',
      title: null,
      savedAt: null,
      state: 'unread'
    })
    // Pocket writes the address as the title when there is none: that is not a title.
    expect(items[2]?.title).toBeNull()
    expect(skipped).toEqual([{ origin: 'line 5', reason: 'a javascript: address, not a web page' }])
  })

  it('returns a duplicate row as it is; dedupeImported folds it into the first by the merge rule', async () => {
    const { items } = await importFile(csv)
    expect(items).toHaveLength(4)
    const { items: unique, merged } = dedupeImported(items)
    expect(merged).toBe(1)
    expect(unique[0]).toMatchObject({
      savedAt: '2017-07-14T02:40:00.000Z',
      tags: ['ai', 'café ☕', 'later'],
      state: 'archived',
      origin: 'line 2'
    })
  })

  it('reads pocket.zip: every part in order, and the annotations as highlights', async () => {
    const zip = rawZip([
      {
        name: 'part_000001.csv',
        data: 'title,url,time_added,tags,status\nSecond,https://b.example,1600000000,,unread\n'
      },
      {
        name: 'part_000000.csv',
        data: 'title,url,time_added,tags,status\nFirst,https://a.example,1600000000,x,archive\n'
      },
      {
        name: 'annotations/part_000000.json',
        data: JSON.stringify([
          { url: 'https://a.example', title: 'First', highlights: [{ quote: 'A line', created_at: 1700000000 }] }
        ])
      }
    ])
    const { format, items } = await importFile(zip)
    expect(format).toBe('pocket')
    expect(items.map((i) => i.title)).toEqual(['First', 'Second'])
    expect(items[0]?.origin).toBe('part_000000.csv line 2')
    expect(items[0]?.highlights).toEqual([
      { quote: 'A line', note: null, color: null, createdAt: '2023-11-14T22:13:20.000Z' }
    ])
  })

  it('reads the older ril_export.html with its Unread and Read Archive sections', async () => {
    const html = `<!DOCTYPE html>
<html><head><title>Pocket Export</title></head><body>
<h1>Unread</h1>
<ul>
<li><a href="https://u.example/1" time_added="1500000000" tags="news,longread">One &amp; only</a></li>
<li><a href="https://u.example/2" time_added="1500000001" tags="">Two</a>
</ul>
<h1>Read Archive</h1>
<ul>
<li><a href="https://r.example/3" time_added="1400000000" tags="old">Three</a></li>
</ul>
</body></html>`
    const { format, items } = await importFile(html)
    expect(format).toBe('pocket-html')
    expect(items.map((i) => [i.url, i.title, i.state, i.tags])).toEqual([
      ['https://u.example/1', 'One & only', 'unread', ['news', 'longread']],
      ['https://u.example/2', 'Two', 'unread', []],
      ['https://r.example/3', 'Three', 'archived', ['old']]
    ])
    expect(items[0]?.savedAt).toBe('2017-07-14T02:40:00.000Z')
    expect(items[2]?.origin).toBe('line 10')
  })
})

describe('Instapaper', () => {
  it('maps folders to state, favorite or a tag, and reads the JSON Tags column', async () => {
    const csv =
      'URL,Title,Selection,Folder,Timestamp,Tags\n' +
      'https://i.example/1,"Title, with comma",,Unread,1600000000,"[""deep work"",""日本""]"\n' +
      'https://i.example/2,Two,"selected\ntext",Archive,1600000001,[]\n' +
      'https://i.example/3,Three,,Starred,,\n' +
      'https://i.example/4,Four,,Cooking,1600000003,"[""recipes""]"\n'
    const { format, items } = await importFile(csv)
    expect(format).toBe('instapaper')
    expect(items.map((i) => [i.title, i.state, i.favorite, i.tags])).toEqual([
      ['Title, with comma', 'unread', null, ['deep work', '日本']],
      ['Two', 'archived', null, []],
      ['Three', null, true, []],
      ['Four', null, null, ['recipes', 'Cooking']]
    ])
    expect(items[2]?.savedAt).toBeNull()
    // The multi-line Selection cell spans lines 3-4, so the next row starts on line 5.
    expect(items[2]?.origin).toBe('line 5')
  })
})

describe('Readwise Reader', () => {
  it('reads Python-list tags, progress and location, and skips feed rows', async () => {
    const csv =
      'Title,URL,ID,Document tags,Saved date,Reading progress,Location,Seen\n' +
      `Saved,https://rw.example/1,01,"['ml', ""it's"", 'a\\'b']",2024-01-15 10:20:30.123456+00:00,0.35,later,True\n` +
      'Done,https://rw.example/2,02,[],2024-02-01T08:00:00Z,1,archive,True\n' +
      'Starred,https://rw.example/3,03,,2024-02-02,0,shortlist,False\n' +
      'From a feed,https://rw.example/4,04,[],2024-02-03,0,feed,False\n'
    const { format, items, skipped } = await importFile(csv)
    expect(format).toBe('readwise')
    expect(items[0]).toMatchObject({
      tags: ['ml', "it's", "a'b"],
      savedAt: '2024-01-15T10:20:30.123Z',
      progress: 0.35,
      state: 'unread'
    })
    expect(items[1]).toMatchObject({ state: 'archived', progress: 1 })
    expect(items[2]).toMatchObject({ state: 'unread', favorite: true, savedAt: '2024-02-02T00:00:00.000Z' })
    expect(skipped).toEqual([{ origin: 'line 5', reason: 'a feed item Reader fetched, not a page you saved' }])
  })
})

describe('Raindrop', () => {
  it('reads multi-line cells, folder paths as tags, favorites, highlights and the note', async () => {
    const csv =
      'id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\n' +
      '1,"A ""quoted"" title","my note\non two lines","excerpt\nspanning",https://rd.example/1,Tech/AI,"ml, ünïcode",2023-05-01T12:00:00.000Z,,' +
      '"Highlight: first quote\ncontinued\nNote: first note\n\nHighlight: second quote",true\n' +
      '2,Plain,,,rd.example/2,Unsorted,,,,,false\n'
    const { format, items } = await importFile(csv)
    expect(format).toBe('raindrop')
    expect(items[0]).toMatchObject({
      title: 'A "quoted" title',
      tags: ['ml', 'ünïcode', 'Tech/AI'],
      savedAt: '2023-05-01T12:00:00.000Z',
      favorite: true
    })
    expect(items[0]?.highlights).toEqual([
      { quote: 'first quote\ncontinued', note: 'first note', color: null, createdAt: null },
      { quote: 'second quote', note: null, color: null, createdAt: null },
      { quote: '', note: 'my note\non two lines', color: null, createdAt: null }
    ])
    // The first row's three multi-line cells take lines 2 to 8.
    expect(items[1]).toMatchObject({ url: 'https://rd.example/2', tags: [], favorite: false, origin: 'line 9' })
  })
})

describe('Omnivore', () => {
  const proxied = 'https://proxy-prod.omnivore-image-cache.app/0x0,sAbC-12_x/https://img.example/pic.png'
  const zip = () =>
    rawZip([
      {
        name: 'metadata_0_to_2.json',
        data: JSON.stringify([
          {
            id: 'u1',
            slug: 'first-slug',
            title: 'First',
            url: 'https://om.example/1',
            state: 'Archived',
            readingProgress: 40,
            labels: ['reading', 'ñ'],
            savedAt: '2024-03-01T10:00:00.000Z'
          },
          {
            id: 'u2',
            slug: 'second',
            title: 'Second',
            url: 'om.example/2',
            state: 'SUCCEEDED',
            labels: [],
            savedAt: null
          }
        ])
      },
      { name: 'content/first-slug.html', data: `<p>Body</p><img src="${proxied}" srcset="${proxied} 2x">` },
      {
        name: 'highlights/first-slug.md',
        data: '> The first quote \n\nA note on it\n\n> Second quote\n> its second paragraph\n\n#tag #other\n\nNote two'
      },
      { name: '../../evil.html', data: 'escape attempt' }
    ])

  it('reads metadata, content without the dead image proxy, and Markdown highlights', async () => {
    const { format, items, skipped } = await importFile(zip())
    expect(format).toBe('omnivore')
    expect(items[0]).toMatchObject({
      url: 'https://om.example/1',
      tags: ['reading', 'ñ'],
      state: 'archived',
      progress: 0.4,
      savedAt: '2024-03-01T10:00:00.000Z',
      origin: 'metadata_0_to_2.json entry 1'
    })
    expect(items[0]?.content?.html).toBe(
      '<p>Body</p><img src="https://img.example/pic.png" srcset="https://img.example/pic.png 2x">'
    )
    expect(items[0]?.highlights).toEqual([
      { quote: 'The first quote', note: 'A note on it', color: null, createdAt: null },
      { quote: 'Second quote\nits second paragraph', note: 'Note two', color: null, createdAt: null }
    ])
    expect(items[1]).toMatchObject({ url: 'https://om.example/2', state: 'unread', content: null, savedAt: null })
    expect(skipped).toEqual([{ origin: 'zip entry ../../evil.html', reason: 'unsafe name (invalid relative path)' }])
  })
})

describe('Wallabag', () => {
  it('reads content, archived and starred flags, both tag shapes, dates and annotations', async () => {
    const json = JSON.stringify([
      {
        id: 1,
        title: 'W "one"',
        url: 'https://wb.example/1',
        content: '<p>Stored body</p>',
        is_archived: 1,
        is_starred: 0,
        tags: ['python', { id: 4, label: 'Écriture', slug: 'ecriture' }],
        created_at: '2017-02-14T17:50:31+0100',
        annotations: [{ quote: 'Quoted text', text: 'My note', created_at: '2024-01-15T10:30:00+0000', ranges: [] }]
      },
      {
        id: 2,
        title: null,
        url: null,
        given_url: 'https://wb.example/2',
        is_archived: false,
        is_starred: true,
        tags: []
      },
      { id: 3, title: 'no address' }
    ])
    const { format, items, skipped } = await importFile(json)
    expect(format).toBe('wallabag')
    expect(items[0]).toMatchObject({
      title: 'W "one"',
      state: 'archived',
      favorite: false,
      tags: ['python', 'Écriture'],
      savedAt: '2017-02-14T16:50:31.000Z',
      content: { html: '<p>Stored body</p>' },
      highlights: [{ quote: 'Quoted text', note: 'My note', color: null, createdAt: '2024-01-15T10:30:00.000Z' }]
    })
    expect(items[1]).toMatchObject({ url: 'https://wb.example/2', state: 'unread', favorite: true })
    expect(skipped).toEqual([{ origin: 'entry 3', reason: 'no address' }])
  })
})

describe('Karakeep', () => {
  it('turns lists into tags through their parents and skips notes', async () => {
    const json = JSON.stringify({
      bookmarks: [
        {
          createdAt: 1700000000,
          title: 'Kept',
          tags: ['t1'],
          lists: ['child'],
          content: { type: 'link', url: 'https://kk.example/1' },
          note: 'why I kept it',
          archived: true
        },
        { createdAt: 1700000001, title: 'A note', tags: [], content: { type: 'text', text: 'just text' }, note: null }
      ],
      lists: [
        { id: 'root', name: 'Reading', icon: '📚', parentId: null },
        { id: 'child', name: 'Later', icon: '⏰', parentId: 'root' }
      ]
    })
    const { format, items, skipped } = await importFile(json)
    expect(format).toBe('karakeep')
    expect(items[0]).toMatchObject({
      tags: ['t1', 'Reading/Later'],
      state: 'archived',
      savedAt: '2023-11-14T22:13:20.000Z',
      highlights: [{ quote: '', note: 'why I kept it', color: null, createdAt: null }]
    })
    expect(skipped).toEqual([{ origin: 'entry 2', reason: 'a note or file, not a web page' }])
  })
})

describe('Browser bookmarks', () => {
  it('reads unclosed tags leniently, folders as one path tag, TAGS and ADD_DATE', async () => {
    const html = `<!DOCTYPE NETSCAPE-Bookmark-file-1>
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
    <DT><H3 ADD_DATE="1" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
    <DL><p>
        <DT><H3>Tech</H3>
        <DL><p>
            <DT><H3>AI</H3>
            <DL><p>
                <DT><A HREF="https://bm.example/deep" ADD_DATE="1600000000" TAGS="ml,papers">Deep &amp; wide
            </DL><p>
            <DT><A HREF="https://bm.example/tech" ADD_DATE="0">Tech link</A>
        </DL><p>
        <DT><A HREF="https://bm.example/bar">On the bar</A>
    </DL><p>
    <DT><A HREF="place:sort=8">Recent</A>
</DL>`
    const { format, items, skipped } = await importFile(html)
    expect(format).toBe('bookmarks')
    expect(items.map((i) => [i.url, i.title, i.tags])).toEqual([
      ['https://bm.example/deep', 'Deep & wide', ['ml', 'papers', 'Tech/AI']],
      ['https://bm.example/tech', 'Tech link', ['Tech']],
      ['https://bm.example/bar', 'On the bar', []]
    ])
    expect(items[0]?.savedAt).toBe('2020-09-13T12:26:40.000Z')
    expect(items[1]?.savedAt).toBeNull()
    expect(skipped).toEqual([{ origin: 'line 18', reason: 'a place: address, not a web page' }])
  })
})

describe('A list of addresses', () => {
  it('reads one address a line, fixes missing schemes, keeps OneTab titles, reports the rest', async () => {
    const text = `${BOM}https://l.example/1\r\nl.example/2\r\n\r\n# a comment\r\nwww.l.example/3 | Third one\r\nnot an address\r\n`
    const { format, items, skipped } = await importFile(text)
    expect(format).toBe('urls')
    expect(items.map((i) => [i.url, i.title, i.origin])).toEqual([
      ['https://l.example/1', null, 'line 1'],
      ['https://l.example/2', null, 'line 2'],
      ['https://www.l.example/3', 'Third one', 'line 5']
    ])
    expect(skipped).toEqual([{ origin: 'line 6', reason: 'not a web address' }])
  })
})

describe('format detection', () => {
  it('follows the content, whatever the file is called, and --format overrides it', async () => {
    const list = 'title,url\nSome title,https://y.example\n'
    // Two columns named title and url: neither a known service nor a list of addresses on its own…
    await expect(importFile(list)).rejects.toMatchObject({ code: 'BAD_EXPORT' })
    // …but Pocket's columns are found by name, so --format pocket reads it.
    const { format, items } = await importFile(list, 'pocket')
    expect(format).toBe('pocket')
    expect(items[0]?.url).toBe('https://y.example')
  })

  it('reads text that is not UTF-8 as Windows-1252 instead of refusing it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('URL,Title,Selection,Folder,Timestamp\nhttps://w.example,Caf'),
      Buffer.from([0xe9]),
      Buffer.from(',,Unread,1600000000\n')
    ])
    const { items } = await importFile(bytes)
    expect(items[0]?.title).toBe('Café')
  })

  it('reads UTF-16 with a byte order mark', async () => {
    const text = 'https://utf16.example/ünï\n'
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
    const { items } = await importFile(bytes)
    expect(items[0]?.url).toBe('https://utf16.example/ünï')
  })
})
