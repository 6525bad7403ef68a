/**
 * The process the crash test kills: opens a library and changes it as fast as it can until SIGKILL.
 * Protocol on stdout, one line each, written with a blocking write(2) before the change is applied, so a
 * change the kill interrupted is always announced (process.stdout queues in memory when the pipe is full,
 * and a queued line dies with the process):
 *   ready                      the library is open
 *   do <n> <op> <id> [value]   change n is about to be applied (op: add, del, prog, fav, tag, untag)
 *   ok <n>                     change n, and every change before it, is durable (store.persisted() resolved)
 * Usage: node child.mjs <dataDir> <first change number> <seed>
 */
import { writeSync } from 'node:fs'
import { acquireDataLock } from '../../src/core/library/data-lock'
import { LibraryStore } from '../../src/core/library/library-store'
import type { ArticleMeta } from '../../src/shared/types'
import { articleMeta } from './article-meta'

const [dataDir, firstArg, seedArg] = process.argv.slice(2)
if (!dataDir) throw new Error('usage: library-crash-child <dataDir> <first> <seed>')
let n = Number(firstArg ?? 0)
let seed = Number(seedArg ?? 1) >>> 0 || 1

/** xorshift32: the same sequence for the same seed, so a failure can be replayed. */
function random(): number {
  seed ^= seed << 13
  seed >>>= 0
  seed ^= seed >>> 17
  seed ^= seed << 5
  seed >>>= 0
  return seed / 0x100000000
}

function say(line: string): void {
  const bytes = Buffer.from(line + '\n')
  for (let done = 0; done < bytes.length;) {
    try {
      done += writeSync(1, bytes, done)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error // the pipe is full: the parent reads soon
    }
  }
}

function article(id: string, at: number): ArticleMeta {
  return articleMeta({
    id,
    url: `https://crash.example/${id}`,
    siteName: `site${at % 7}`,
    excerpt: 'An excerpt long enough to make the shards a realistic size. '.repeat(3),
    savedAt: new Date(1_700_000_000_000 + at * 1000).toISOString()
  })
}

acquireDataLock(dataDir)
const store = await LibraryStore.open(dataDir, { saveDelayMs: 5, backupIntervalMs: 1000 })
say('ready')

for (;;) {
  const all = store.all()
  const pick = () => all[Math.floor(random() * all.length)] as ArticleMeta
  const roll = random()
  const current = n
  if (all.length < 50 || roll < 0.2) {
    const id = `c${current}`
    say(`do ${current} add ${id}`)
    void store.add(article(id, current)).catch(() => {})
  } else if (roll < 0.3) {
    const { id } = pick()
    say(`do ${current} del ${id}`)
    store.trashMany([id])
  } else if (roll < 0.55) {
    const { id } = pick()
    say(`do ${current} prog ${id} ${current / 1e7}`)
    await store.update(id, { progress: current / 1e7 })
  } else if (roll < 0.7) {
    const a = pick()
    say(`do ${current} fav ${a.id} ${!a.favorite}`)
    await store.update(a.id, { favorite: !a.favorite })
  } else if (roll < 0.9) {
    const { id } = pick()
    say(`do ${current} tag ${id} t${current}`)
    store.addTags([id], [`t${current}`])
  } else {
    const a = pick()
    const tag = a.tags[0]
    if (tag) {
      say(`do ${current} untag ${a.id} ${tag}`)
      store.removeTags([a.id], [tag])
    }
  }
  store.persisted().then(
    () => say(`ok ${current}`),
    () => {}
  )
  n++
  // Let saves make progress: many changes land in each save, as in the app.
  if (n % 16 === 0) await new Promise((resolve) => setTimeout(resolve, 1))
  else await new Promise((resolve) => setImmediate(resolve))
}
