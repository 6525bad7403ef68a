import type { LecternCore } from '../../src/core/create-core'
import { dispatch } from '../../src/core/dispatch'

/** Calls a contract method through dispatch, as a transport would, and returns its value (throws on failure). */
export async function callCore<T>(core: LecternCore, method: string, input: unknown): Promise<T> {
  const result = await dispatch(core.handlers, method, input)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}
