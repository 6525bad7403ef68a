/**
 * The addresses in pasted text: one a line, or separated by spaces or commas. Only tokens that look like
 * web addresses count, so a pasted sentence with one link is still one link.
 */
export function splitUrls(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((token) => token.trim().replace(/^<|>$/g, ''))
    .filter((token) => /^https?:\/\/\S+$/i.test(token))
}
