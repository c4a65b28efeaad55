import type { IncomingMessage } from 'node:http'

/**
 * The headers the OpenAI and Anthropic SDKs send from a browser, lower case; x-stainless-* (the SDKs'
 * platform and retry headers) is matched by its prefix. Anything else is left out of a preflight's answer.
 */
const SDK_HEADERS = new Set([
  'authorization',
  'content-type',
  'accept',
  'x-api-key',
  'anthropic-version',
  'anthropic-beta',
  'anthropic-dangerous-direct-browser-access',
  'openai-organization',
  'openai-project',
  'openai-beta',
  'idempotency-key',
])

/** The request's `Origin` when the user listed it exactly, else null (no CORS header at all). */
export function listedOrigin(req: IncomingMessage, origins: readonly string[]): string | null {
  const origin = req.headers.origin
  return typeof origin === 'string' && origins.includes(origin) ? origin : null
}

/** A listed origin's preflight: the methods, the SDK headers it asked for, and Chromium's private-network question. */
export function preflightHeaders(req: IncomingMessage): Record<string, string> {
  const asked = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => SDK_HEADERS.has(name) || name.startsWith('x-stainless-'))
  return {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    ...(asked.length > 0 && { 'access-control-allow-headers': asked.join(', ') }),
    'access-control-max-age': '600',
    // A public page calling this computer: Chromium asks before it sends the request.
    ...(req.headers['access-control-request-private-network'] === 'true' && { 'access-control-allow-private-network': 'true' }),
  }
}
