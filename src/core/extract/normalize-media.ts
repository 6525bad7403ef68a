// Images and links of an extracted article, made absolute against the page's base URL (the page URL, or
// its <base href>): the parser may not know the document URL, so nothing here relies on it.

/** An absolute http(s) URL, or null. */
export function absoluteUrl(href: string | null | undefined, base: string): string | null {
  if (!href) return null
  try {
    const url = new URL(href, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

/**
 * Gives every image one absolute `src`: the largest srcset candidate, else a lazy-loading attribute
 * (data-src and friends), else src unless it is a data: placeholder. <picture> collapses to its <img>.
 */
export function normalizeImages(root: Element, base: string): void {
  for (const picture of [...root.querySelectorAll('picture')]) {
    const img = picture.querySelector('img')
    const sourceSet = picture.querySelector('source[srcset], source[data-srcset]')
    if (img && sourceSet && !img.getAttribute('srcset')) {
      img.setAttribute('srcset', sourceSet.getAttribute('srcset') ?? sourceSet.getAttribute('data-srcset') ?? '')
    }
    if (img) picture.replaceWith(img)
    else picture.remove()
  }
  for (const img of [...root.querySelectorAll('img')]) {
    const candidates = [
      largestFromSrcset(img.getAttribute('srcset') ?? img.getAttribute('data-srcset')),
      img.getAttribute('data-src'),
      img.getAttribute('data-lazy-src'),
      img.getAttribute('data-original'),
      img.getAttribute('data-url'),
      img.getAttribute('src')?.startsWith('data:') ? null : img.getAttribute('src')
    ]
    const src = candidates.map((c) => absoluteUrl(c?.trim(), base)).find(Boolean)
    for (const attr of [...img.attributes])
      if (attr.name !== 'alt' && attr.name !== 'title') img.removeAttribute(attr.name)
    if (src) img.setAttribute('src', src)
    else img.remove()
  }
}

function largestFromSrcset(srcset: string | null): string | null {
  if (!srcset) return null
  let best: { url: string; size: number } | null = null
  for (const part of srcset.split(/,\s+/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/)
    if (!url) continue
    const size = parseFloat(descriptor) * (descriptor.endsWith('w') ? 1 : 1000)
    if (!best || size > best.size) best = { url, size }
  }
  return best?.url ?? null
}

export function absolutizeLinks(root: Element, base: string): void {
  for (const a of [...root.querySelectorAll('a[href]')]) {
    const href = a.getAttribute('href') ?? ''
    if (href.startsWith('#')) continue
    const abs = absoluteUrl(href, base) ?? (href.startsWith('mailto:') ? href : null)
    if (abs) a.setAttribute('href', abs)
    else a.removeAttribute('href')
  }
}
