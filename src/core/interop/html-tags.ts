import { Tokenizer } from 'htmlparser2'

export interface TagEvents {
  /** A start tag: lower-case name and attributes (the first of a repeated attribute wins, as in HTML). */
  open(name: string, attrs: Record<string, string>, offset: number): void
  close(name: string): void
  /** Text with character references decoded. */
  text(text: string): void
}

/**
 * Scans HTML into start tags, end tags and text with htmlparser2's tokenizer, which knows HTML's lexical
 * rules (comments, quoted attributes, entities, <script> and <title> contents). Its tree-building Parser
 * is not used on purpose: it keeps the open elements in an array it shifts and searches for every tag,
 * which takes minutes on a file of nested unclosed tags; export files need tags in order, not a tree.
 */
export function scanHtml(html: string, events: TagEvents): void {
  let name = ''
  let start = 0
  let attrs: Record<string, string> = {}
  let attrName = ''
  let attrValue = ''
  const none = () => {}
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(from, to) {
        name = html.slice(from, to).toLowerCase()
        start = from - 1
        attrs = {}
      },
      onattribname(from, to) {
        attrName = html.slice(from, to).toLowerCase()
        attrValue = ''
      },
      onattribdata(from, to) {
        attrValue += html.slice(from, to)
      },
      onattribentity(codepoint) {
        attrValue += String.fromCodePoint(codepoint)
      },
      onattribend() {
        if (!Object.hasOwn(attrs, attrName)) attrs[attrName] = attrValue
      },
      onopentagend() {
        events.open(name, attrs, start)
      },
      onselfclosingtag() {
        events.open(name, attrs, start)
        events.close(name)
      },
      onclosetag(from, to) {
        events.close(html.slice(from, to).toLowerCase())
      },
      ontext(from, to) {
        events.text(html.slice(from, to))
      },
      ontextentity(codepoint) {
        events.text(String.fromCodePoint(codepoint))
      },
      oncdata: none,
      oncomment: none,
      ondeclaration: none,
      onprocessinginstruction: none,
      onend: none
    }
  )
  tokenizer.write(html)
  tokenizer.end()
}
