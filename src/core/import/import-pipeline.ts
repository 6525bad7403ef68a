/**
 * The import pipeline behind one dynamic import: it pulls in jsdom, linkedom, Readability and DOMPurify,
 * which take ~0.6 s to load. Opening the library (the app's start, every CLI command, `lectern serve`)
 * does not wait for them; the first save does.
 */
export { importHtml } from './import-html'
export { importUrl } from './import-url'
export { reextractArticle } from './reextract-article'
