/** Browser names looked for on PATH, in order. */
export const PATH_NAMES: readonly string[]
/** Where Playwright keeps its own Chromium (whether or not it is installed), or null when it cannot say. */
export function playwrightChromiumPath(): string | null
/** The Chromium to test with and where it was found, or null. */
export function findChromium(options?: {
  env?: NodeJS.ProcessEnv
  playwrightPath?: string | null
}): { path: string; from: string } | null
