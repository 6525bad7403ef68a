import type { ErrorCode } from './errors'

/** A failure a user can act on: a stable code for programs and a sentence for people. */
export interface AppError {
  code: ErrorCode
  message: string
}

/** Every contract method resolves to a Result; expected failures are values, never rejections. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message }
})
