/**
 * The fetch Aura hands to `@huggingface/hub` (and uses for its own HEAD of a download): a timeout
 * per request, retries of a 5xx, a 429 or no answer, and the Hub's error answers in plain words.
 * It resolves only with a 2xx or 3xx: an error answer throws here, while its `X-Error-Code` is
 * still readable (the library's HubApiError keeps the status, not the headers, and the Hub
 * answers 401 both for a repo that does not exist and for one that needs a token).
 */
import type { AuraError } from '../../../shared/api'
import { authRequired, badAnswer, hubBusy, notFound, unreachable } from './hubErrors'

export interface HubFetchOptions {
  fetch?: typeof fetch
  /** Per request, the body included. Default 20 s. */
  timeoutMs?: number
  /** Retries of a request that got a 5xx, a 429 or no answer. Default 2. */
  retries?: number
  /** First retry delay, doubled each time (a 429's Retry-After wins, up to 10 s). Default 500 ms. */
  retryDelayMs?: number
}

/** What a request is about, so that an error can name the model or the file. */
export interface HubRequestAbout {
  repo?: string
  file?: string
}

export function hubFetch(options: HubFetchOptions, about: HubRequestAbout): typeof fetch {
  const fetchImpl = options.fetch ?? fetch
  const retries = options.retries ?? 2
  const baseDelay = options.retryDelayMs ?? 500
  return async (input, init) => {
    for (let attempt = 0; ; attempt++) {
      let res: Response
      try {
        const timeout = AbortSignal.timeout(options.timeoutMs ?? 20_000)
        res = await fetchImpl(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout })
      } catch (error) {
        if (attempt < retries) {
          await delay(baseDelay * 2 ** attempt)
          continue
        }
        throw unreachable(error)
      }
      if (res.status < 400) return res
      const retryable = res.status === 429 || res.status >= 500
      if (retryable && attempt < retries) {
        await res.body?.cancel()
        await delay(retryAfterMs(res.headers.get('retry-after')) ?? baseDelay * 2 ** attempt)
        continue
      }
      throw await errorFor(res, about)
    }
  }
}

async function errorFor(res: Response, about: HubRequestAbout): Promise<AuraError> {
  const code = res.headers.get('x-error-code')
  await res.body?.cancel().catch(() => {})
  // The Hub answers 401 for a repo that does not exist (so private names do not leak), with this code.
  if (res.status === 404 || code === 'RepoNotFound' || code === 'EntryNotFound' || code === 'RevisionNotFound') {
    return notFound(about.repo ?? null, code === 'RepoNotFound' ? null : (about.file ?? null))
  }
  if (res.status === 401 || res.status === 403) return authRequired(about.repo ?? null, res.status)
  if (res.status === 429 || res.status >= 500) return hubBusy(res.status)
  return badAnswer(res.status)
}

/** Seconds (or an HTTP date), capped at 10 s so a search never hangs on the Hub's say-so. */
function retryAfterMs(header: string | null): number | null {
  if (!header) return null
  const seconds = Number(header)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now()
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), 10_000) : null
}

function delay(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
