export interface RetryOptions {
  /** Failed attempts in a row (without any byte received in between) before giving up. */
  attempts: number
  /** First wait; doubles each time, with jitter. */
  baseDelayMs: number
  maxDelayMs: number
  /** The longest `Retry-After` honoured; a longer one is cut to this. */
  maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 10 * 60_000 }

/** Exponential backoff with "equal jitter": half fixed, half random, so parallel clients spread out. */
export function backoffDelay(failures: number, options: RetryOptions, random: () => number = Math.random): number {
  const exp = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failures - 1))
  return Math.round(exp / 2 + (exp / 2) * random())
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason as Error)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
