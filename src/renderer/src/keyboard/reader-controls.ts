/** What the keyboard can do to the open reader document (scrolling and printing live in the iframe). */
export interface ReaderControls {
  scrollPages(count: number): void
  scrollLines(count: number): void
  print(): void
}

/** Filled in by the reader frame while an article is on screen; null otherwise. */
export interface ReaderControlsHandle {
  current: ReaderControls | null
}
