/** Line numbers (1-based) of increasing offsets into a text, counted incrementally: linear overall. */
export class LineCounter {
  private offset = 0
  private line = 1

  constructor(private readonly text: string) {}

  /** The line of `offset`; offsets must not decrease between calls (parsers report them in order). */
  lineAt(offset: number): number {
    const end = Math.min(offset, this.text.length)
    for (let i = this.offset; i < end; i++) if (this.text.charCodeAt(i) === 10) this.line++
    this.offset = Math.max(this.offset, end)
    return this.line
  }
}
