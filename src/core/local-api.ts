import { METHOD_NAMES, type LecternApi, type MethodName } from '../shared/contract'
import type { LecternCore } from './create-core'
import { dispatch } from './dispatch'

/**
 * The contract in-process: the fourth transport, for the CLI, tests and benchmarks. Built from the contract
 * in one loop like IPC, the preload and HTTP, and answering the same way: every input validated (and
 * normalized) by the method's schema, every outcome a Result, never a rejection; events straight from the
 * core's bus. Nothing reaches the store except through a contract method.
 */
export function createLocalApi(core: Pick<LecternCore, 'handlers' | 'events'>): LecternApi {
  const methods = Object.fromEntries(
    METHOD_NAMES.map((name) => [name, (input: unknown) => dispatch(core.handlers, name, input)])
  ) as { [M in MethodName]: LecternApi[M] }
  return { ...methods, on: (event, listener) => core.events.on(event, listener) }
}
