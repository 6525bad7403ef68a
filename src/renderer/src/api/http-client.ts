// Runtime names come from contract-names (no zod): the renderer's CSP forbids the eval zod probes for, and
// the bundle stays small. contract.ts is imported for types only, which the compiler erases.
import {
  EVENT_NAMES,
  METHOD_NAMES,
  type EventName,
  type EventPayloads,
  type MethodName
} from '../../../shared/contract-names'
import type { LecternApi } from '../../../shared/contract'
import { isSafeExternalUrl } from '../../../shared/external-url'
import { fail, type Result } from '../../../shared/result'
import type { LecternClient } from './lectern-client'

/** Globals the HTTP client uses, injectable so tests need no network and no real EventSource. */
export interface HttpClientDeps {
  fetch?: typeof fetch
  EventSource?: typeof EventSource
  openWindow?: (url: string) => void
}

const KEEPALIVE_MAX_BODY = 60_000

const UNREACHABLE =
  'Lectern server is not reachable. Check that `lectern serve` is still running, then reload the page.'

/** The client for browser mode: every contract method is `POST /api/<name>` on the loopback server. */
export function createHttpClient(origin: string = location.origin, deps: HttpClientDeps = {}): LecternClient {
  const call = async (name: MethodName, input: unknown): Promise<Result<unknown>> => {
    // Looked up per call (not captured at creation) so a stubbed global fetch is honoured.
    const doFetch = deps.fetch ?? globalThis.fetch
    let response: Response
    try {
      // Auth is the cookie the server set when the page was opened from its printed URL: nothing extra here.
      const body = JSON.stringify(input ?? {})
      response = await doFetch(`${origin}/api/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body,
        // keepalive lets the reading position saved as the page closes or reloads still arrive; browsers
        // refuse keepalive bodies over 64 KB, so large ones (a dropped HTML file) go without it.
        keepalive: body.length < KEEPALIVE_MAX_BODY
      })
    } catch {
      return fail('CONNECTION_FAILED', UNREACHABLE)
    }
    return readEnvelope(response)
  }

  // One loop over the contract: a method added there appears here with no hand-written code.
  const methods = Object.fromEntries(METHOD_NAMES.map((name) => [name, (input: unknown) => call(name, input)])) as {
    [M in MethodName]: LecternApi[M]
  }

  const api: LecternApi = {
    ...methods,
    on: createEventSubscriber(origin, deps)
  }

  return {
    api,
    assetBase: (articleId) => `${origin}/media/${encodeURIComponent(articleId)}/`,
    async openExternal(url) {
      if (!isSafeExternalUrl(url)) return
      // noopener: the opened page gets no handle back to Lectern's window.
      const open = deps.openWindow ?? ((u: string) => void window.open(u, '_blank', 'noopener,noreferrer'))
      open(url)
    }
  }
}

/** The server's JSON body is the Result envelope, whatever the HTTP status; anything else becomes a failure. */
async function readEnvelope(response: Response): Promise<Result<unknown>> {
  let text: string
  try {
    text = await response.text()
  } catch {
    return fail('CONNECTION_FAILED', UNREACHABLE)
  }
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  if (isResultEnvelope(body)) return body
  if (response.status === 401 || response.status === 403) {
    return fail(
      'FORBIDDEN',
      'Lectern did not accept this browser session. Open the address printed by `lectern serve` again.'
    )
  }
  return fail('INTERNAL', `Lectern server gave an unexpected answer (HTTP ${response.status}).`)
}

function isResultEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  if (v.ok === true) return 'value' in v
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false
  const error = v.error as Record<string, unknown>
  return typeof error.code === 'string' && typeof error.message === 'string'
}

type AnyListener = (payload: unknown) => void

/**
 * One shared EventSource for all subscribers, opened on the first subscription and closed with the last,
 * so the server holds a single SSE stream per page.
 */
function createEventSubscriber(origin: string, deps: HttpClientDeps): LecternApi['on'] {
  const listeners = new Map<EventName, Set<AnyListener>>()
  let source: EventSource | null = null
  let lostConnection = false

  const emit = (event: EventName, payload: unknown): void => {
    for (const listener of [...(listeners.get(event) ?? [])]) listener(payload)
  }

  const open = (): void => {
    const Source = deps.EventSource ?? globalThis.EventSource
    // No EventSource (an odd browser, or a test environment): the app still works, it just won't auto-refresh.
    if (typeof Source !== 'function') return
    source = new Source(`${origin}/api/events`)
    for (const event of EVENT_NAMES) {
      source.addEventListener(event, (message) => {
        let payload: unknown
        try {
          payload = JSON.parse((message as MessageEvent<string>).data)
        } catch {
          return
        }
        emit(event, payload)
      })
    }
    source.addEventListener('error', () => {
      lostConnection = true
    })
    source.addEventListener('open', () => {
      // Events sent while the stream was down are lost: after a reconnect, tell views to refresh everything.
      if (!lostConnection) return
      lostConnection = false
      emit('libraryChanged', { ids: [] } satisfies EventPayloads['libraryChanged'])
    })
  }

  return <E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void) => {
    const set = listeners.get(event) ?? new Set<AnyListener>()
    listeners.set(event, set)
    const wrapped = listener as AnyListener
    set.add(wrapped)
    if (!source) open()
    return () => {
      set.delete(wrapped)
      const remaining = [...listeners.values()].reduce((n, s) => n + s.size, 0)
      if (remaining === 0 && source) {
        source.close()
        source = null
      }
    }
  }
}
