import { once } from 'node:events'
import type { Writable } from 'node:stream'
import { finished } from 'node:stream/promises'

/** Writes text, waiting when the destination asks to (so a slow disk never makes the export buffer it all). */
export async function writeText(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain')
}

/** Ends the stream and resolves when the destination has everything. */
export async function endText(out: Writable): Promise<void> {
  out.end()
  await finished(out)
}
