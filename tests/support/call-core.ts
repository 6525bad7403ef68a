import type { LecternCore } from '../../src/core/create-core'
import { createLocalApi } from '../../src/core/local-api'
import type { LecternApi } from '../../src/shared/contract'

/** Calls a contract method through the in-process transport and returns its value (throws on failure). */
export async function callCore<T>(core: LecternCore, method: string, input: unknown): Promise<T> {
  const api = createLocalApi(core) as unknown as Record<
    string,
    (input: unknown) => ReturnType<LecternApi['getSettings']>
  >
  const call = api[method]
  if (!call) throw new Error(`NOT_FOUND: Unknown method "${method}".`)
  const result = await call(input)
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value as T
}
