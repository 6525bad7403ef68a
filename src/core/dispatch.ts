import { contract, type Handlers, type MethodName } from '../shared/contract'
import { LecternError } from '../shared/errors'
import { fail, ok, type Result } from '../shared/result'

/**
 * Runs one contract method for any transport: validates the raw input with the method's schema, calls the
 * handler and turns every outcome into a Result. Transports never see a rejected promise.
 */
export async function dispatch(handlers: Handlers, name: string, rawInput: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, name)) return fail('NOT_FOUND', `Unknown method "${name}".`)
  const method = name as MethodName
  const parsed = contract[method].input.safeParse(rawInput ?? {})
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : ''
    return fail('INVALID_INPUT', `Invalid input for ${method}${where}: ${issue?.message ?? 'malformed'}.`)
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>
    return ok(await handler(parsed.data))
  } catch (error) {
    if (error instanceof LecternError) return fail(error.code, error.message)
    // A bug, not an expected failure: keep the details in the log, give the user a plain sentence.
    console.error(`lectern: ${method} failed unexpectedly`, error)
    return fail('INTERNAL', `Something went wrong in ${method}; the library was not changed. Details are in the log.`)
  }
}
