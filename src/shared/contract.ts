/**
 * The one API contract. Main's IPC registration, the preload bridge, the loopback HTTP server and the
 * renderer's clients are all generated from these tables; tests/integration/contract-coverage checks that
 * no transport misses a method.
 */
import { z } from 'zod'
import type {
  AddUrlResult,
  ArticleContent,
  ArticleText,
  ArticleMeta,
  ImportProgress,
  SavedSearch,
  SearchResult,
  Settings
} from './types'
import { FONT_FAMILIES, LIBRARY_VIEWS, SETTINGS_LIMITS, THEMES } from './types'
import type { DeleteResult, LibraryCounts, LibraryPage, LibraryStatus } from './types'
import { LIBRARY_SORTS, SORT_ORDERS } from './types'
import type { Result } from './result'
import { ARTICLE_ID_PATTERN } from './article-id'
import { normalizeTag } from './tags'
import type { EventName, EventPayloads, MethodName } from './contract-names'

export * from './contract-names'

/** Declares a method: its result type O, then its input schema. `output` is a type-only phantom. */
const method =
  <O>() =>
  <I extends z.ZodType>(input: I): { input: I; output?: O } => ({ input })

const articleId = z.string().regex(ARTICLE_ID_PATTERN, 'an article id is lowercase letters, digits and dashes')
const articleIds = z.array(articleId).min(1).max(100_000)
// Normalized here (the handlers, the store and every transport get the stored form), then checked.
const tagName = z
  .string()
  .transform(normalizeTag)
  .pipe(z.string().min(1, 'a tag needs at least one character').max(100))

export const contract = {
  listArticles: method<ArticleMeta[]>()(z.object({ view: z.enum(LIBRARY_VIEWS).optional() })),
  getArticle: method<ArticleContent>()(z.object({ id: articleId })),
  /** The article's plain text (what `lectern read` prints). */
  getArticleText: method<ArticleText>()(z.object({ id: articleId })),
  addUrl: method<AddUrlResult>()(z.object({ url: z.string().max(8192) })),
  /** Starts saving many addresses; progress arrives as importProgress events. Bounded concurrency. */
  addUrls: method<ImportProgress>()(z.object({ urls: z.array(z.string().max(8192)).min(1).max(10_000) })),
  /** Stops a bulk import: queued addresses are skipped, ones being fetched are aborted. */
  cancelImport: method<ImportProgress>()(z.object({ batchId: z.string().max(100) })),
  /** Saves a page the user has as a file (dropped on the window, or `lectern add page.html`). */
  addHtml: method<AddUrlResult>()(
    // The file's bytes (base64), not text: the core sniffs the encoding as it does for fetched pages.
    z.object({ base64: z.string().max(21_000_000), fileName: z.string().max(1000) })
  ),
  /** Extracts the article again from the page kept at import, without the network. */
  reextractArticle: method<ArticleMeta>()(z.object({ id: articleId })),
  deleteArticle: method<{ id: string }>()(z.object({ id: articleId })),
  setArchived: method<ArticleMeta>()(z.object({ id: articleId, archived: z.boolean() })),
  setFavorite: method<ArticleMeta>()(z.object({ id: articleId, favorite: z.boolean() })),
  /** Saves how far the article has been read (0..1); reaching the end marks it read (and archives it if set). */
  setProgress: method<ArticleMeta>()(z.object({ id: articleId, progress: z.number().min(0).max(1) })),
  /** One page of a library view (optionally one tag and/or one site), sorted; `total` counts every match. */
  queryArticles: method<LibraryPage>()(
    z.object({
      view: z.enum(LIBRARY_VIEWS).optional(),
      tag: tagName.optional(),
      site: z.string().max(500).optional(),
      sort: z.enum(LIBRARY_SORTS).optional(),
      order: z.enum(SORT_ORDERS).optional(),
      offset: z.number().int().min(0).optional(),
      limit: z.number().int().min(1).max(500).optional()
    })
  ),
  /** The sidebar's numbers: each view, each tag, each site. */
  libraryCounts: method<LibraryCounts>()(z.object({})),
  /** Bulk archive / unarchive; returns the ids that changed. */
  setArchivedMany: method<{ ids: string[] }>()(z.object({ ids: articleIds, archived: z.boolean() })),
  setFavoriteMany: method<{ ids: string[] }>()(z.object({ ids: articleIds, favorite: z.boolean() })),
  /** Adds tags to articles; returns the ids whose tags changed. */
  addTags: method<{ ids: string[] }>()(z.object({ ids: articleIds, tags: z.array(tagName).min(1).max(100) })),
  removeTags: method<{ ids: string[] }>()(z.object({ ids: articleIds, tags: z.array(tagName).min(1).max(100) })),
  /** Renames a tag everywhere; renaming onto an existing tag merges the two. */
  renameTag: method<{ ids: string[] }>()(z.object({ from: tagName, to: tagName })),
  /** Merges several tags into one (which may be new or one of them). */
  mergeTags: method<{ ids: string[] }>()(z.object({ tags: z.array(tagName).min(1).max(1000), into: tagName })),
  /** Deletes articles (they leave every view at once); undoDelete with the token brings them back until undoUntil. */
  deleteArticles: method<DeleteResult>()(z.object({ ids: articleIds })),
  undoDelete: method<{ ids: string[] }>()(z.object({ token: z.string().regex(/^[a-f0-9]{1,64}$/) })),
  /** How the library opened: damaged files moved aside and restored, missing content, migrations. */
  getLibraryStatus: method<LibraryStatus>()(z.object({})),
  /** The user has read the repair notices (shown at every start until then); returns how many there were. */
  dismissRepairs: method<{ dismissed: number }>()(z.object({})),
  getSettings: method<Settings>()(z.object({})),
  updateSettings: method<Settings>()(
    z
      .object({
        theme: z.enum(THEMES),
        fontFamily: z.enum(FONT_FAMILIES),
        fontSize: z.number().min(SETTINGS_LIMITS.fontSize.min).max(SETTINGS_LIMITS.fontSize.max),
        lineHeight: z.number().min(SETTINGS_LIMITS.lineHeight.min).max(SETTINGS_LIMITS.lineHeight.max),
        contentWidth: z.number().min(SETTINGS_LIMITS.contentWidth.min).max(SETTINGS_LIMITS.contentWidth.max),
        justify: z.boolean(),
        archiveOnFinish: z.boolean()
      })
      .partial()
      .strict()
  ),
  /** Opens a link from an article in the system browser, after the one http/https/mailto check. */
  openExternal: method<{ opened: boolean }>()(z.object({ url: z.string().max(8192) })),
  /** Full-text search with operators (README "Search"); one page of ranked hits with highlight ranges. */
  search: method<SearchResult>()(
    z.object({
      query: z.string().max(2000),
      limit: z.number().int().min(1).max(200).optional(),
      offset: z.number().int().min(0).max(10_000).optional()
    })
  ),
  /** The saved searches shown as sidebar views, in the order they were made. */
  listSavedSearches: method<SavedSearch[]>()(z.object({})),
  /** Saves a query as a view; with `id`, renames it or changes its query. */
  saveSearch: method<SavedSearch>()(
    z.object({
      id: z.string().max(100).optional(),
      name: z.string().trim().min(1).max(200),
      query: z.string().max(2000)
    })
  ),
  deleteSavedSearch: method<{ id: string }>()(z.object({ id: z.string().max(100) }))
} as const satisfies Record<MethodName, { input: z.ZodType }> // every name, and no other, has a schema

export type Contract = typeof contract

export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['output']>

/** The API as every transport exposes it to the renderer. */
export type LecternApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<Result<MethodOutput<M>>>
} & {
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void
}

/** Server-side implementation of every method (the core, wrapped by main or the HTTP server). */
export type Handlers = {
  [M in MethodName]: (input: z.output<Contract[M]['input']>) => Promise<MethodOutput<M>>
}
