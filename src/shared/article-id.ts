/**
 * The shape of an article id: lowercase letters, digits and dashes, at most 64 characters, not starting with
 * a dash. Ids name folders (articles/<id>/) and appear in URLs, so this one pattern is what keeps a request
 * or a damaged file from naming "..", a separator or an absolute path: the contract, the stored-metadata
 * check, the orphan sweep and the asset routes all test it.
 */
export const ARTICLE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/

/** Whether a string is a well-formed article id (see ARTICLE_ID_PATTERN). */
export function isArticleId(value: string): boolean {
  return ARTICLE_ID_PATTERN.test(value)
}
