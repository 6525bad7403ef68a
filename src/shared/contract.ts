/**
 * The one API contract. Main's IPC registration, the preload bridge, the loopback HTTP server and the
 * renderer's clients are all generated from these tables; tests/integration/contract-coverage checks that
 * no transport misses a method.
 */
import { z } from 'zod'
import type { AddUrlResult, ArticleContent, ArticleMeta, ImportProgress, Settings } from './types'
import { FONT_FAMILIES, LIBRARY_VIEWS, SETTINGS_LIMITS, THEMES } from './types'
import type { Result } from './result'
import type { EventName, EventPayloads, MethodName } from './contract-names'

export * from './contract-names'

/** Declares a method: its result type O, then its input schema. `output` is a type-only phantom. */
const method =
  <O>() =>
  <I extends z.ZodType>(input: I): { input: I; output?: O } => ({ input })

const articleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an article id is lowercase letters, digits and dashes')

export const contract = {
  listArticles: method<ArticleMeta[]>()(
    z.object({ view: z.enum(LIBRARY_VIEWS).optional() })
  ),
  getArticle: method<ArticleContent>()(z.object({ id: articleId })),
  addUrl: method<AddUrlResult>()(z.object({ url: z.string().max(8192) })),
  /** Starts saving many addresses; progress arrives as importProgress events. Bounded concurrency. */
  addUrls: method<ImportProgress>()(z.object({ urls: z.array(z.string().max(8192)).min(1).max(10_000) })),
  /** Stops a bulk import: queued addresses are skipped, ones being fetched are aborted. */
  cancelImport: method<ImportProgress>()(z.object({ batchId: z.string().max(100) })),
  /** Saves a page the user has as a file (dropped on the window); the HTML is decoded by the caller. */
  addHtml: method<AddUrlResult>()(z.object({ html: z.string().max(16_000_000), fileName: z.string().max(1000) })),
  /** Extracts the article again from the page kept at import, without the network. */
  reextractArticle: method<ArticleMeta>()(z.object({ id: articleId })),
  deleteArticle: method<{ id: string }>()(z.object({ id: articleId })),
  setArchived: method<ArticleMeta>()(
    z.object({ id: articleId, archived: z.boolean() })
  ),
  setFavorite: method<ArticleMeta>()(
    z.object({ id: articleId, favorite: z.boolean() })
  ),
  /** Saves how far the article has been read (0..1); reaching the end marks it read (and archives it if set). */
  setProgress: method<ArticleMeta>()(z.object({ id: articleId, progress: z.number().min(0).max(1) })),
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
  openExternal: method<{ opened: boolean }>()(z.object({ url: z.string().max(8192) }))
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
