/**
 * The one check for links that leave the app: only http, https and mailto may be opened. javascript:,
 * file:, data: and custom schemes are refused, whatever the article says.
 */
export function isSafeExternalUrl(raw: string): boolean {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return false
  }
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:'
}
