/**
 * Stable error codes. Programs (CLI --json, tests, the UI) switch on the code; people read the message.
 * HTTP failures carry their status: HTTP_404, HTTP_503, ...
 */
export type ErrorCode =
  | 'INVALID_URL'
  | 'UNSUPPORTED_SCHEME'
  | 'DNS_FAILED'
  | 'CONNECTION_FAILED'
  | 'TIMEOUT'
  | 'TOO_MANY_REDIRECTS'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_TYPE'
  | 'UNSUPPORTED_ENCODING'
  | 'NOT_AN_ARTICLE'
  | 'NOT_A_FEED'
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'FORBIDDEN'
  | 'NOT_SUPPORTED'
  | 'LIBRARY_IN_USE'
  | 'BAD_EXPORT'
  | 'CANCELLED'
  | 'INTERNAL'
  | `HTTP_${number}`

/** A typed, expected failure thrown inside the core and turned into a Result at the boundary. */
export class LecternError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'LecternError'
  }
}
