/** Small, pure helpers for reading the Hub's and the CDN's HTTP answers. */

export interface ContentRange {
  start: number
  /** Inclusive, as in the header. */
  end: number
  /** null for `*` (the server does not say). */
  total: number | null
}

/** `bytes 100-199/1000` → {start: 100, end: 199, total: 1000}; null when malformed. */
export function parseContentRange(header: string | null): ContentRange | null {
  const match = header ? /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header) : null
  if (!match) return null
  const start = Number(match[1])
  const end = Number(match[2])
  const total = match[3] === '*' ? null : Number(match[3])
  if (end < start || (total !== null && end >= total)) return null
  return { start, end, total }
}

/** `Retry-After` in milliseconds (seconds or an HTTP date); null when absent or unreadable. */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null
  const trimmed = header.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const date = Date.parse(trimmed)
  return Number.isNaN(date) ? null : Math.max(0, date - now)
}

/** The error code somewhere in fetch's error chain (`TypeError: fetch failed` wraps the socket's error). */
export function errorCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string') return code
    current = (current as { cause?: unknown }).cause
  }
  return null
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')
}

/** The status codes worth trying again after a pause. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500
}
