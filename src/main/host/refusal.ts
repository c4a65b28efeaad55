import type { IncomingMessage, ServerResponse } from 'node:http'
import { CONTENT_SECURITY_POLICY } from '../../shared/csp'

export const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
}

const HOW_TO_OPEN =
  'To open Aura, use the address that aura serve printed when it started: it ends in #token=…. ' +
  'Lost it? Run aura serve --open in a terminal and Aura opens in your browser.'
const FOR_APPS =
  'This is the address of Aura’s page for your browser, not its API. Apps reach Aura through the API for other apps: ' +
  'run aura api serve (or turn it on in Aura’s settings) and use the address it prints, with a key from aura api keys create.'

/**
 * What the host answers when it will not serve a request: a page in plain words for a browser that
 * says how to open Aura, JSON (`{error: {code, message}}`) for anything else — an app or a script
 * that got the wrong address. `reason` is Aura's own words; nothing from the request is echoed.
 */
export function answerRefused(request: IncomingMessage, response: ServerResponse, status: number, reason: string, home: string): void {
  if (response.headersSent || response.destroyed) return
  const headers = { ...securityHeaders, 'Cache-Control': 'no-store' }
  const wantsPage = /\btext\/html\b/.test(String(request.headers.accept ?? ''))
  if (wantsPage) {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/html; charset=utf-8' })
    response.end(page(reason, home))
    return
  }
  const asApp = /^\/v1(\/|$)|^\/api\//.test(request.url ?? '')
  const message = `${reason} ${asApp ? FOR_APPS : HOW_TO_OPEN}`
  response.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8' })
  response.end(JSON.stringify({ error: { code: CODES[status] ?? 'refused', message } }))
}

const CODES: Record<number, string> = { 400: 'bad_request', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 413: 'too_large' }

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function page(reason: string, home: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aura</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f8fafc;color:#0f172a}
main{max-width:34rem;margin:1.5rem;padding:1.5rem 1.75rem;border:1px solid #e2e8f0;border-radius:1rem;background:#fff}
h1{font-size:1.25rem;margin:0 0 .75rem}code{background:#f1f5f9;border-radius:.25rem;padding:0 .25rem}
@media (prefers-color-scheme:dark){body{background:#0f172a;color:#e2e8f0}main{background:#1e293b;border-color:#334155}code{background:#334155}}
</style></head>
<body><main data-testid="refusal">
<h1>This is Aura, on your computer</h1>
<p>${escape(reason)}</p>
<p>To open Aura, use the address that <code>aura serve</code> printed when it started. It looks like
<code>${escape(home)}#token=…</code> — the part after <code>#token=</code> is the key to your Aura, so only the full address gets in.</p>
<p>Lost it? Run <code>aura serve --open</code> in a terminal: Aura opens in your browser by itself.</p>
</main></body></html>
`
}
