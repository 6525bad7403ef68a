/**
 * Tags as stored: trimmed, inner whitespace collapsed to one space. The contract's schemas apply this to
 * every tag they receive, the store to every tag it writes, and the renderer to what the user types before
 * comparing it with existing tags; nobody writes the rule again.
 */
export function normalizeTag(tag: string): string {
  return tag.trim().replace(/\s+/g, ' ')
}

/** Normalized tags without empty ones or repeats, in their first order. */
export function normalizeTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map(normalizeTag).filter((tag) => tag !== ''))]
}
