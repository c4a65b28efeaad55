/**
 * A GET to a provider's own API (models list, key info) without the AI SDK: the provider's auth
 * headers, a timeout, and failures as a Problem.
 */
import type { Problem } from './problems'
import type { Target } from './target'

export type ApiAnswer = { status: number; headers: Record<string, string>; json: unknown } | { problem: Problem }

export function authHeaders(target: Target): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (!target.key) return headers
  switch (target.spec?.family) {
    case 'anthropic':
      headers['x-api-key'] = target.key
      headers['anthropic-version'] = '2023-06-01'
      break
    case 'google':
      headers['x-goog-api-key'] = target.key
      break
    default:
      headers.authorization = `Bearer ${target.key}`
  }
  return headers
}

/** A GET with a timeout; network failures come back as a Problem, never as an error with the URL's secrets. */
export async function apiGet(fetchImpl: typeof fetch, url: string, headers: Record<string, string>, timeoutMs: number): Promise<ApiAnswer> {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  try {
    const response = await fetchImpl(url, { method: 'GET', headers, signal: controller.signal, redirect: 'follow' })
    const text = await response.text()
    let json: unknown
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: response.status, headers: Object.fromEntries(response.headers), json }
  } catch {
    if (controller.signal.aborted) return { problem: { kind: 'timed_out', phase: 'start', seconds: Math.round(timeoutMs / 1000) } }
    return { problem: { kind: 'offline' } }
  } finally {
    clearTimeout(timer)
  }
}
