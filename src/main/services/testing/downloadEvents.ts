import type { Download } from '../../../shared/api'

/**
 * The downloads.progress events a DownloadManager emits, kept in order, with waits on them:
 * pass `emit` to the manager, then await `until(match)` or `settled(id)`.
 */
export function downloadEvents(defaultTimeoutMs: number) {
  const events: Download[] = []
  const waiters = new Set<() => void>()
  const emit = (download: Download) => {
    events.push(download)
    for (const wake of waiters) wake()
  }
  /** The first event from index `since` on that matches (already emitted, or when it comes). */
  const until = (match: (d: Download) => boolean, since = 0, timeoutMs = defaultTimeoutMs) =>
    new Promise<Download>((resolve, reject) => {
      const find = () => events.slice(since).find(match)
      const seen = find()
      if (seen) return resolve(seen)
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`timed out; last events: ${JSON.stringify(events.slice(-3))}`))
      }, timeoutMs)
      const check = () => {
        const found = find()
        if (!found) return
        clearTimeout(timer)
        waiters.delete(check)
        resolve(found)
      }
      waiters.add(check)
    })
  /** The download's first event that ends it: done, failed or canceled. */
  const settled = (id: string, since = 0) => until((d) => d.id === id && ['done', 'failed', 'canceled'].includes(d.state), since)
  return { events, emit, until, settled }
}
