import { Parser } from 'htmlparser2'

/** Output nesting kept by the repair; deeper elements are dropped (their text is kept). */
const MAX_OUTPUT_DEPTH = 64
/**
 * Past this depth the rest of the document is abandoned: htmlparser2 keeps its open elements in an
 * array it shifts and searches, so an unbounded stack would make hostile nesting quadratic.
 */
const MAX_PARSER_DEPTH = 512

/** Feed elements that hold only text: `<title>B<title>` inside one is a typo for `</title>`. */
const TEXT_ELEMENTS = new Set('title link guid pubdate id updated published name email uri'.split(' '))
/** Feed entries, which never nest. */
const ENTRY_ELEMENTS = new Set(['item', 'entry'])
/** Elements that are always empty: they never swallow the siblings that follow an unclosed tag. */
const EMPTY_ELEMENTS = new Set('br hr img meta input source wbr area col embed param track'.split(' '))
const XML_NAME = /^[A-Z_a-z][\w.:-]*$/

interface Open {
  name: string
  /** Its start tag was written and its end tag is still owed. */
  open: boolean
}

class Abandon extends Error {}

/**
 * Rewrites malformed XML as well-formed XML, keeping every element a tolerant reader can recover:
 * unclosed and mismatched tags are closed where their parent closes (an unclosed item where the next item
 * starts), `<title>A<title>` reads as `<title>A</title>`, a truncated document is closed at
 * its end, bare `&` and `<` in text are escaped, and the DOCTYPE (with any entity definitions, so no
 * billion laughs) and comments are removed. Linear in the input: nesting is bounded as described above.
 */
export function repairXml(source: string): string {
  const out: string[] = []
  const stack: Open[] = []
  let written = 0 // how many entries of `stack` are open in the output
  let inCdata = false

  /** An item never contains an item: `<item>` inside an unclosed one closes it (and what is open inside it). */
  const closeOpenEntry = (lower: string) => {
    let at = stack.length - 1
    while (at >= 0 && !(stack[at]?.open && stack[at]?.name.toLowerCase() === lower)) at--
    for (let i = stack.length - 1; at >= 0 && i >= at; i--) {
      const entry = stack[i] as Open
      if (!entry.open) continue
      out.push(`</${entry.name}>`)
      entry.open = false
      written--
    }
  }

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (stack.length >= MAX_PARSER_DEPTH) throw new Abandon()
        const top = stack.at(-1)
        const lower = name.toLowerCase()
        if (top?.open && top.name === name && TEXT_ELEMENTS.has(lower)) {
          // `<title>B<title>`: the second tag was meant to close the first.
          out.push(`</${name}>`)
          top.open = false
          written--
          stack.push({ name, open: false })
          return
        }
        if (ENTRY_ELEMENTS.has(lower)) closeOpenEntry(lower)
        // A dropped element's children are written inside the nearest element still open in the output:
        // the output's open elements are always a subsequence of `stack`, so the result stays well-formed.
        if (!XML_NAME.test(name) || written >= MAX_OUTPUT_DEPTH) {
          stack.push({ name, open: false })
          return
        }
        const empty = EMPTY_ELEMENTS.has(lower) || (lower === 'link' && 'href' in attribs)
        out.push(`<${name}${attributes(attribs)}${empty ? '/>' : '>'}`)
        stack.push({ name, open: !empty })
        if (!empty) written++
      },
      onclosetag() {
        const entry = stack.pop()
        if (entry?.open) {
          out.push(`</${entry.name}>`)
          written--
        }
      },
      ontext(text) {
        out.push(inCdata ? text.replaceAll(']]>', ']]]]><![CDATA[>') : escapeText(text))
      },
      oncdatastart() {
        inCdata = true
        out.push('<![CDATA[')
      },
      oncdataend() {
        inCdata = false
        out.push(']]>')
      }
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true }
  )
  try {
    parser.write(source)
    parser.end()
  } catch (error) {
    if (!(error instanceof Abandon)) throw error
    if (inCdata) out.push(']]>')
    for (let i = stack.length - 1; i >= 0; i--) if (stack[i]?.open) out.push(`</${stack[i]?.name}>`)
  }
  return out.join('')
}

function attributes(attribs: Record<string, string>): string {
  let text = ''
  for (const [name, value] of Object.entries(attribs)) {
    if (!XML_NAME.test(name)) continue
    text += ` ${name}="${escapeAmpersands(value).replaceAll('"', '&quot;').replaceAll('<', '&lt;')}"`
  }
  return text
}

/** Text keeps its entity references; a bare `&`, and any `<` or `>`, become references themselves. */
function escapeText(text: string): string {
  return escapeAmpersands(text).replaceAll('<', '&lt;').replaceAll('>', '&gt;')
}

const escapeAmpersands = (text: string) => text.replace(/&(?!#\d+;|#x[\da-f]+;|[a-z][\da-z]*;)/gi, '&amp;')
