/**
 * A local stand-in for the cloud model providers: one real HTTP server on 127.0.0.1 that speaks, under
 * a path prefix per provider, the wire formats Aura's providers (through the Vercel AI SDK) use:
 *
 *   OpenAI-compatible flavours — /openai, /xai, /deepseek, /moonshot, /openrouter, /local
 *     GET  {prefix}[/v1|/api/v1]/models                     {object:'list', data:[{id, object:'model', owned_by}]}
 *     POST {prefix}[/v1|/api/v1]/chat/completions            SSE chunks (+ final usage chunk with
 *                                                            stream_options.include_usage) then [DONE]; or JSON
 *     GET  /deepseek[/v1]/user/balance                       DeepSeek balance
 *     GET  /xai[/v1]/api-key                                 xAI key info
 *     GET  /openrouter[/api/v1]/key                          OpenRouter key info
 *   Anthropic — /anthropic
 *     GET  /anthropic/v1/models                              {data:[{type:'model', id, display_name, created_at}], has_more}
 *     POST /anthropic/v1/messages                            SSE events (message_start … message_stop) or JSON
 *   Gemini — /google
 *     GET  /google/v1beta/models                             {models:[{name:'models/…', inputTokenLimit, …}]}
 *     POST /google/v1beta/models/{model}:streamGenerateContent?alt=sse   SSE chunks with usageMetadata
 *     POST /google/v1beta/models/{model}:generateContent     JSON
 *
 * Each flavour answers errors with its provider's real status and body (see the reference in
 * shared/reference/cloud-providers.md §4). Replies are deterministic: "You said: <last user text>."
 * repeated to `replyTokens` words (one token = one whitespace-separated word), capped by the request's
 * max tokens; prompt tokens = words in every message (system included). Faults are switched globally,
 * per provider flavour or per API key ({@link FakeCloud.set}); every request is recorded.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The provider flavours; each is also the path prefix (`/openai`, `/anthropic`, …). */
export const FAKE_CLOUD_PROVIDERS = ['openai', 'xai', 'deepseek', 'moonshot', 'openrouter', 'local', 'anthropic', 'google'] as const
export type FakeCloudProvider = (typeof FAKE_CLOUD_PROVIDERS)[number]
/** The flavours that speak OpenAI chat completions. */
export type FakeOpenAIFlavor = Exclude<FakeCloudProvider, 'anthropic' | 'google'>

export const FAKE_CLOUD_VALID_KEY = 'sk-test-valid'

export interface FakeCloudSwitches {
  /** Answer every call (models list and key-info routes included) with the provider's "out of credit" error. */
  noCredit?: boolean
  /** Answer with 429 and `retry-after: retryAfterSeconds` (default 1) — `times` times (default always). */
  rateLimit?: { retryAfterSeconds?: number; times?: number }
  /**
   * Answer chat calls with a server error — `true`: OpenAI-style 500, Anthropic 529 overloaded, Gemini 500
   * INTERNAL; `{status}` picks another (e.g. 503; Anthropic 500 = api_error). `times` limits how many.
   */
  serverError?: boolean | { status?: number; times?: number }
  /** Answer chat calls for this model id with the provider's 404 model-not-found error. */
  modelNotFound?: boolean
  /** After this many content chunks, stop sending but keep the connection open (until the client goes). */
  stallAfterChunks?: number
  /** Before content chunk `afterChunks` (default 1), send a garbled SSE data line; the stream then goes on. */
  malformed?: boolean | { afterChunks?: number }
  /** After this many content chunks, reset the socket. */
  dropAfterChunks?: number
  /**
   * After `afterChunks` content chunks (default 1), send the provider's in-stream error and end the stream
   * (HTTP was 200): Anthropic `event: error` (overloaded_error, or with `noCredit` the credit message),
   * OpenAI-style `data: {"error":{…}}` (server_error, or insufficient_quota), Gemini `data: {"error":{…}}`.
   */
  streamError?: boolean | { afterChunks?: number; noCredit?: boolean }
  /** Wait this long before each stream event (and before a non-streaming reply). */
  delayMs?: number
  /** Reply length in words (tokens); default one "You said: …." sentence. Capped by the request's max tokens. */
  replyTokens?: number
  /** The model ids the models list returns (and, with `strictModels`, the only ones chat accepts). */
  models?: string[]
  /** Chat calls for a model not in the list get the provider's 404. */
  strictModels?: boolean
  /** Accept any key (or none) — like a local server without `--api-key`. Default true only for `local`. */
  anyKey?: boolean
}

export interface FakeCloudRequest {
  provider: FakeCloudProvider
  method: string
  /** Path as sent, without the query string. */
  path: string
  query: Record<string, string>
  /** The provider's auth header (or `?key=`) was present. */
  hasAuth: boolean
  /** The key that was sent, if any. */
  apiKey?: string
  /** Lower-cased request headers. */
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON body (undefined for none or not JSON). */
  body?: unknown
  /** What the server answered: HTTP status. */
  status?: number
  /** Streamed reply: content chunks sent. */
  chunksSent?: number
}

export interface FakeCloudOptions {
  port?: number
  /** Valid API keys (default `['sk-test-valid']`). */
  keys?: string[]
  /** Global switches to start with. */
  switches?: FakeCloudSwitches
}

export interface FakeCloud {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
  readonly port: number
  /**
   * Base URLs as the AI SDK packages and real clients expect them (the SDKs append `/chat/completions`,
   * `/messages`, `/models/{id}:streamGenerateContent`):
   * openai `<url>/openai/v1`, xai `<url>/xai/v1`, deepseek `<url>/deepseek` (no /v1, like api.deepseek.com),
   * moonshot `<url>/moonshot/v1`, openrouter `<url>/openrouter/api/v1`, local `<url>/local/v1`,
   * anthropic `<url>/anthropic/v1`, google `<url>/google/v1beta`.
   */
  readonly baseUrls: Record<FakeCloudProvider, string>
  readonly requests: FakeCloudRequest[]
  /** The valid keys; add or delete freely. */
  readonly keys: Set<string>
  /** Set switches: global (no scope), for one provider flavour, or for one API key. Later scopes win: global < provider < key. Replaces that scope's switches. */
  set(switches: FakeCloudSwitches, scope?: { provider?: FakeCloudProvider; key?: string }): void
  /** Clear all switches, recorded requests and fault counters (keys stay). */
  reset(): void
  /** Requests of one provider, optionally only chat calls. */
  requestsFor(provider: FakeCloudProvider, opts?: { chatOnly?: boolean }): FakeCloudRequest[]
  close(): Promise<void>
}

/** Default model ids per flavour. */
export const FAKE_CLOUD_MODELS: Record<FakeCloudProvider, string[]> = {
  openai: ['gpt-6.1-terra', 'gpt-6-luna', 'gpt-6-astra'],
  xai: ['grok-4.7', 'grok-4.6-mini'],
  deepseek: ['deepseek-v4-flash', 'deepseek-v4-pro'],
  moonshot: ['kimi-k2.6', 'kimi-k3'],
  openrouter: ['openai/gpt-6.1-terra', 'anthropic/claude-sonnet-5-5', 'google/gemini-3.8-flash'],
  local: ['llama-3.2-3b-instruct', 'qwen3-4b'],
  anthropic: ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'],
  google: ['gemini-3.8-flash', 'gemini-3.8-pro'],
}

// ---------------------------------------------------------------------------------------------
// Deterministic text and token counting

/** One token per whitespace-separated word. */
export function countTokens(text: string): number {
  return words(text).length
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean)
}

/** The reply's words for a last-user text: "You said: <text>." repeated to `tokens` words (default one sentence). */
export function fakeReplyWords(lastUserText: string, tokens?: number): string[] {
  const sentence = words(`You said: ${lastUserText.trim() || 'nothing'}.`)
  const n = tokens ?? sentence.length
  const out: string[] = []
  for (let i = 0; i < n; i++) out.push(sentence[i % sentence.length] ?? '')
  return out
}

/** The full reply text (words joined by single spaces), as the stream's chunks concatenate to. */
export function fakeReplyText(lastUserText: string, tokens?: number): string {
  return fakeReplyWords(lastUserText, tokens).join(' ')
}

// ---------------------------------------------------------------------------------------------
// Request parsing per wire format

interface ChatRequest {
  model: string
  stream: boolean
  includeUsage: boolean
  maxTokens?: number
  promptTokens: number
  lastUserText: string
}

function partsText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    return content
      .map((p: unknown) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .join(' ')
  }
  return ''
}

type Json = Record<string, unknown>
const asObj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {})
const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const asNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

function parseOpenAIChat(body: Json): ChatRequest {
  const messages = asArr(body.messages).map(asObj)
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')
  return {
    model: String(body.model ?? ''),
    stream: body.stream === true,
    includeUsage: asObj(body.stream_options).include_usage === true,
    maxTokens: asNum(body.max_completion_tokens) ?? asNum(body.max_tokens),
    promptTokens: messages.reduce((n, m) => n + countTokens(partsText(m.content)), 0),
    lastUserText: lastUser ? partsText(lastUser.content) : '',
  }
}

function parseAnthropic(body: Json): ChatRequest {
  const messages = asArr(body.messages).map(asObj)
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')
  return {
    model: String(body.model ?? ''),
    stream: body.stream === true,
    includeUsage: true,
    maxTokens: asNum(body.max_tokens),
    promptTokens: countTokens(partsText(body.system)) + messages.reduce((n, m) => n + countTokens(partsText(m.content)), 0),
    lastUserText: lastUser ? partsText(lastUser.content) : '',
  }
}

function parseGemini(body: Json, model: string, stream: boolean): ChatRequest {
  const contents = asArr(body.contents).map(asObj)
  const lastUser = [...contents].reverse().find((c) => c.role === 'user' || c.role === undefined)
  return {
    model,
    stream,
    includeUsage: true,
    maxTokens: asNum(asObj(body.generationConfig).maxOutputTokens),
    promptTokens: countTokens(partsText(asObj(body.systemInstruction).parts)) + contents.reduce((n, c) => n + countTokens(partsText(c.parts)), 0),
    lastUserText: lastUser ? partsText(lastUser.parts) : '',
  }
}

// ---------------------------------------------------------------------------------------------
// Error bodies per provider

interface ErrorReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

const reqId = (): string => `req_${randomBytes(12).toString('hex')}`
const redact = (key: string): string => (key.length > 8 ? `${key.slice(0, 3)}...${key.slice(-4)}` : '***')

function oaiError(status: number, message: string, type: string | null, code: string | null, param: string | null = null): ErrorReply {
  return { status, body: { error: { message, type, param, code } } }
}

function invalidKeyError(p: FakeCloudProvider, key: string | undefined): ErrorReply {
  switch (p) {
    case 'anthropic':
      return {
        status: 401,
        body: { type: 'error', error: { type: 'authentication_error', message: key ? 'invalid x-api-key' : 'x-api-key header is required' }, request_id: reqId() },
      }
    case 'google':
      if (!key) {
        return {
          status: 403,
          body: {
            error: {
              code: 403,
              message: 'Method doesn\'t allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.',
              status: 'PERMISSION_DENIED',
            },
          },
        }
      }
      return {
        status: 400,
        body: {
          error: {
            code: 400,
            message: 'API key not valid. Please pass a valid API key.',
            status: 'INVALID_ARGUMENT',
            details: [
              {
                '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
                reason: 'API_KEY_INVALID',
                domain: 'googleapis.com',
                metadata: { service: 'generativelanguage.googleapis.com' },
              },
              { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message: 'API key not valid. Please pass a valid API key.' },
            ],
          },
        },
      }
    case 'deepseek':
      return oaiError(401, `Authentication Fails, Your api key: ****${(key ?? '').slice(-4)} is invalid`, 'authentication_error', 'invalid_request_error')
    case 'moonshot':
      return { status: 401, body: { error: { message: 'Invalid Authentication', type: 'invalid_authentication_error' } } }
    case 'openrouter':
      return { status: 401, body: { error: { message: key ? 'User not found.' : 'No auth credentials found', code: 401 } } }
    case 'xai':
      // xAI answers a bad key with 400 and its own shape (not OpenAI's).
      return {
        status: 400,
        body: {
          code: 'Client specified an invalid argument',
          error: `Incorrect API key provided: ${key ? redact(key) : '(none)'}. You can obtain an API key from https://console.x.ai.`,
        },
      }
    default:
      if (!key) {
        return oaiError(
          401,
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          'invalid_request_error',
          null,
        )
      }
      return oaiError(
        401,
        `Incorrect API key provided: ${redact(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        'invalid_request_error',
        'invalid_api_key',
      )
  }
}

function noCreditError(p: FakeCloudProvider): ErrorReply {
  switch (p) {
    case 'anthropic':
      return {
        status: 400,
        body: {
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
          },
          request_id: reqId(),
        },
      }
    case 'google':
      return {
        status: 429,
        body: {
          error: {
            code: 429,
            message: 'You exceeded your current quota, please check your plan and billing details.',
            status: 'RESOURCE_EXHAUSTED',
            details: [
              { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }] },
              { '@type': 'type.googleapis.com/google.rpc.Help', links: [{ description: 'Learn more about Gemini API quotas', url: 'https://ai.google.dev/gemini-api/docs/rate-limits' }] },
            ],
          },
        },
      }
    case 'deepseek':
      return oaiError(402, 'Insufficient Balance', 'unknown_error', 'invalid_request_error')
    case 'openrouter':
      return { status: 402, body: { error: { message: 'Insufficient credits. Add more using https://openrouter.ai/settings/credits', code: 402 } } }
    case 'moonshot':
      return {
        status: 403,
        body: { error: { message: 'Your account is suspended due to insufficient balance, please recharge your account or check your plan and billing details', type: 'exceeded_current_quota_error' } },
      }
    case 'xai':
      return {
        status: 403,
        body: {
          code: 'The caller does not have permission to execute the specified operation',
          error: 'Your team does not have any credits or licenses. Purchase those on https://console.x.ai.',
        },
      }
    default:
      return oaiError(
        429,
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        'insufficient_quota',
        'insufficient_quota',
      )
  }
}

function rateLimitError(p: FakeCloudProvider, seconds: number): ErrorReply {
  const retry = { 'retry-after': String(seconds) }
  switch (p) {
    case 'anthropic':
      return {
        status: 429,
        headers: { ...retry, 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': new Date(Date.now() + seconds * 1000).toISOString() },
        body: { type: 'error', error: { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization of 50 requests per minute.' }, request_id: reqId() },
      }
    case 'google':
      // Gemini sends no Retry-After header: the wait is in the body's RetryInfo.retryDelay.
      return {
        status: 429,
        body: {
          error: {
            code: 429,
            message: 'You exceeded your current quota, please check your plan.',
            status: 'RESOURCE_EXHAUSTED',
            details: [
              { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel' }] },
              { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${seconds}s` },
            ],
          },
        },
      }
    case 'openrouter':
      return { status: 429, headers: retry, body: { error: { message: 'Rate limit exceeded: too many requests per minute.', code: 429 } } }
    case 'xai':
      return { status: 429, headers: retry, body: { code: 'Some resource has been exhausted', error: 'Too many requests: rate limit exceeded for your team.' } }
    default: {
      const e = oaiError(
        429,
        `Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in ${seconds}s.`,
        'requests',
        'rate_limit_exceeded',
      )
      return { ...e, headers: { ...retry, 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': `${seconds}s` } }
    }
  }
}

function serverErrorReply(p: FakeCloudProvider, status?: number): ErrorReply {
  switch (p) {
    case 'anthropic': {
      const s = status ?? 529
      return s === 529
        ? { status: 529, headers: { 'x-should-retry': 'true' }, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: reqId() } }
        : { status: s, body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' }, request_id: reqId() } }
    }
    case 'google': {
      const s = status ?? 500
      return s === 503
        ? { status: 503, body: { error: { code: 503, message: 'The model is overloaded. Please try again later.', status: 'UNAVAILABLE' } } }
        : { status: s, body: { error: { code: s, message: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting', status: 'INTERNAL' } } }
    }
    case 'openrouter': {
      const s = status ?? 500
      return { status: s, body: { error: { message: 'Internal Server Error', code: s } } }
    }
    default: {
      const s = status ?? 500
      return s === 503
        ? oaiError(503, 'The server is overloaded or not ready yet.', 'server_error', 'server_is_overloaded')
        : oaiError(s, 'The server had an error while processing your request. Sorry about that!', 'server_error', null)
    }
  }
}

function modelNotFoundError(p: FakeCloudProvider, model: string): ErrorReply {
  switch (p) {
    case 'anthropic':
      return { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: `model: ${model}` }, request_id: reqId() } }
    case 'google':
      return {
        status: 404,
        body: { error: { code: 404, message: `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`, status: 'NOT_FOUND' } },
      }
    case 'openrouter':
      return { status: 400, body: { error: { message: `${model} is not a valid model ID`, code: 400 } } }
    case 'xai':
      return { status: 404, body: { code: 'Some requested entity was not found', error: `The model ${model} does not exist or your team does not have access to it.` } }
    case 'deepseek':
      return oaiError(400, 'Model Not Exist', 'invalid_request_error', 'invalid_request_error')
    default:
      return oaiError(404, `The model \`${model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found')
  }
}

// ---------------------------------------------------------------------------------------------
// Server

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}

function extractKey(p: FakeCloudProvider, req: IncomingMessage, query: URLSearchParams): string | undefined {
  if (p === 'anthropic') return headerValue(req.headers['x-api-key']) ?? bearer(req)
  if (p === 'google') return headerValue(req.headers['x-goog-api-key']) ?? query.get('key') ?? undefined
  return bearer(req)
}

function bearer(req: IncomingMessage): string | undefined {
  const a = headerValue(req.headers.authorization)
  const m = a ? /^Bearer\s+(.*)$/i.exec(a) : null
  return m?.[1]?.trim() || undefined
}

/** Start the fake cloud on 127.0.0.1 (port 0 = any free port). Close it with {@link FakeCloud.close}. */
export async function startFakeCloud(options: FakeCloudOptions = {}): Promise<FakeCloud> {
  const keys = new Set(options.keys ?? [FAKE_CLOUD_VALID_KEY])
  let global: FakeCloudSwitches = { ...options.switches }
  let byProvider = new Map<FakeCloudProvider, FakeCloudSwitches>()
  let byKey = new Map<string, FakeCloudSwitches>()
  let counters = new Map<string, number>()
  const requests: FakeCloudRequest[] = []

  const effective = (p: FakeCloudProvider, key: string | undefined): FakeCloudSwitches => ({
    ...global,
    ...byProvider.get(p),
    ...(key !== undefined ? byKey.get(key) : undefined),
  })

  /** Count a limited fault; true while it should still fire. */
  const fires = (name: string, times: number | undefined): boolean => {
    if (times === undefined) return true
    const used = counters.get(name) ?? 0
    if (used >= times) return false
    counters.set(name, used + 1)
    return true
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { message: `fake cloud: ${String(err)}` } }))
      } else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1')
    const segs = u.pathname.split('/').filter(Boolean)
    const provider = segs[0] as FakeCloudProvider
    const raw = await readBody(req)
    let body: unknown
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {
      body = undefined
    }
    const query = Object.fromEntries(u.searchParams)
    if (!FAKE_CLOUD_PROVIDERS.includes(provider)) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: `fake cloud: unknown prefix ${u.pathname}` } }))
      return
    }
    const key = extractKey(provider, req, u.searchParams)
    const record: FakeCloudRequest = { provider, method: req.method ?? 'GET', path: u.pathname, query, hasAuth: key !== undefined, apiKey: key, headers: { ...req.headers }, body }
    requests.push(record)

    // Route: strip the prefix and the version segment.
    let rest = segs.slice(1)
    if (rest[0] === 'api' && rest[1] === 'v1') rest = rest.slice(2)
    else if (rest[0] === 'v1' || rest[0] === 'v1beta') rest = rest.slice(1)
    const route = rest.join('/')

    const sw = effective(provider, key)
    const sendJson = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      const extra: Record<string, string> = provider === 'anthropic' ? { 'request-id': reqId() } : {}
      res.writeHead(status, { 'content-type': 'application/json', ...extra, ...headers })
      res.end(JSON.stringify(payload))
    }
    const sendError = (e: ErrorReply): void => sendJson(e.status, e.body, e.headers)

    // Auth.
    const anyKey = sw.anyKey ?? provider === 'local'
    if (!anyKey && (key === undefined || !keys.has(key))) return sendError(invalidKeyError(provider, key))

    const isChat =
      req.method === 'POST' &&
      (route === 'chat/completions' || route === 'messages' || /^models\/[^/]+(\/[^/:]+)?:(streamGenerateContent|generateContent)$/.test(route))
    const models = sw.models ?? FAKE_CLOUD_MODELS[provider]

    if (sw.noCredit && !(provider === 'deepseek' && route === 'user/balance')) return sendError(noCreditError(provider))
    if (sw.rateLimit && fires(`rate:${provider}:${key ?? ''}`, sw.rateLimit.times)) return sendError(rateLimitError(provider, sw.rateLimit.retryAfterSeconds ?? 1))

    if (req.method === 'GET') {
      if (route === 'models') return sendJson(200, modelsList(provider, models))
      if (provider === 'deepseek' && route === 'user/balance') {
        const bal = sw.noCredit ? '0.00' : '10.00'
        return sendJson(200, { is_available: !sw.noCredit, balance_infos: [{ currency: 'USD', total_balance: bal, granted_balance: '0.00', topped_up_balance: bal }] })
      }
      if (provider === 'xai' && route === 'api-key') {
        return sendJson(200, {
          redacted_api_key: redact(key ?? ''),
          user_id: 'user-fake',
          name: 'fake key',
          create_time: '2026-01-01T00:00:00Z',
          modify_time: '2026-01-01T00:00:00Z',
          modified_by: 'user-fake',
          team_id: 'team-fake',
          acls: ['api-key:model:*', 'api-key:endpoint:*'],
          api_key_id: 'key-fake',
          team_blocked: false,
          api_key_blocked: false,
          api_key_disabled: false,
        })
      }
      if (provider === 'openrouter' && route === 'key') {
        return sendJson(200, { data: { label: redact(key ?? ''), limit: null, limit_remaining: null, limit_reset: null, usage: 0, usage_daily: 0, usage_weekly: 0, usage_monthly: 0, is_free_tier: false } })
      }
      const gm = /^models\/([^/:]+)$/.exec(route)
      if (provider === 'google' && gm) {
        const m = models.find((id) => id === gm[1])
        return m ? sendJson(200, geminiModel(m)) : sendError(modelNotFoundError(provider, gm[1] ?? ''))
      }
    }

    if (!isChat) return sendError(notFound(provider, u.pathname))

    // Chat.
    let chat: ChatRequest
    if (provider === 'anthropic') chat = parseAnthropic(asObj(body))
    else if (provider === 'google') {
      const m = /^models\/(.+):(streamGenerateContent|generateContent)$/.exec(route)!
      chat = parseGemini(asObj(body), (m[1] ?? '').replace(/^models\//, ''), m[2] === 'streamGenerateContent')
    } else chat = parseOpenAIChat(asObj(body))

    if (sw.serverError) {
      const opts = typeof sw.serverError === 'object' ? sw.serverError : {}
      if (fires(`server:${provider}:${key ?? ''}`, opts.times)) return sendError(serverErrorReply(provider, opts.status))
    }
    if (sw.modelNotFound || (sw.strictModels && !models.includes(chat.model))) return sendError(modelNotFoundError(provider, chat.model))

    let replyWords = fakeReplyWords(chat.lastUserText, sw.replyTokens)
    let finish: 'stop' | 'length' = 'stop'
    if (chat.maxTokens !== undefined && replyWords.length > chat.maxTokens) {
      replyWords = replyWords.slice(0, chat.maxTokens)
      finish = 'length'
    }
    const reply: Reply = { chat, words: replyWords, finish, provider, id: randomBytes(8).toString('hex'), created: Math.floor(Date.now() / 1000) }

    if (!chat.stream) {
      if (sw.delayMs) await sleep(sw.delayMs)
      return sendJson(200, nonStreamBody(reply))
    }
    await streamReply(req, res, reply, sw, record)
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    port,
    baseUrls: {
      openai: `${url}/openai/v1`,
      xai: `${url}/xai/v1`,
      deepseek: `${url}/deepseek`,
      moonshot: `${url}/moonshot/v1`,
      openrouter: `${url}/openrouter/api/v1`,
      local: `${url}/local/v1`,
      anthropic: `${url}/anthropic/v1`,
      google: `${url}/google/v1beta`,
    },
    requests,
    keys,
    set(switches, scope) {
      if (scope?.key !== undefined) byKey.set(scope.key, { ...switches })
      else if (scope?.provider !== undefined) byProvider.set(scope.provider, { ...switches })
      else global = { ...switches }
      counters = new Map()
    },
    reset() {
      global = {}
      byProvider = new Map()
      byKey = new Map()
      counters = new Map()
      requests.length = 0
    },
    requestsFor(provider, opts) {
      return requests.filter(
        (r) => r.provider === provider && (!opts?.chatOnly || (r.method === 'POST' && /chat\/completions$|messages$|:(stream)?[gG]enerateContent$/.test(r.path))),
      )
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

function notFound(p: FakeCloudProvider, path: string): ErrorReply {
  if (p === 'anthropic') return { status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not Found' }, request_id: reqId() } }
  if (p === 'google') return { status: 404, body: { error: { code: 404, message: `Requested path ${path} was not found.`, status: 'NOT_FOUND' } } }
  return oaiError(404, `Invalid URL (${path})`, 'invalid_request_error', null)
}

function modelsList(p: FakeCloudProvider, models: string[]): unknown {
  if (p === 'anthropic') {
    return {
      data: models.map((id) => ({ type: 'model', id, display_name: id.replace(/^claude-/, 'Claude ').replace(/-/g, ' '), created_at: '2026-10-07T00:00:00Z' })),
      has_more: false,
      first_id: models[0] ?? null,
      last_id: models[models.length - 1] ?? null,
    }
  }
  if (p === 'google') return { models: models.map(geminiModel) }
  const owner: Record<string, string> = { openai: 'openai', xai: 'xai', deepseek: 'deepseek', moonshot: 'moonshot', openrouter: 'openrouter', local: 'library' }
  return {
    object: 'list',
    data: models.map((id) => ({
      id,
      object: 'model',
      created: 1_780_000_000,
      owned_by: p === 'openrouter' ? id.split('/')[0] : owner[p],
      ...(p === 'openrouter' ? { name: id, context_length: 1_000_000, pricing: { prompt: '0.000001', completion: '0.000005' } } : {}),
    })),
  }
}

function geminiModel(id: string): unknown {
  return {
    name: `models/${id}`,
    version: '001',
    displayName: id,
    description: `Fake ${id}`,
    inputTokenLimit: 1_048_576,
    outputTokenLimit: 65_536,
    supportedGenerationMethods: ['generateContent', 'countTokens'],
  }
}

// ---------------------------------------------------------------------------------------------
// Replies

interface Reply {
  chat: ChatRequest
  words: string[]
  finish: 'stop' | 'length'
  provider: FakeCloudProvider
  id: string
  created: number
}

const replyText = (r: Reply): string => r.words.join(' ')
const anthropicStop = (r: Reply): string => (r.finish === 'length' ? 'max_tokens' : 'end_turn')
const geminiFinish = (r: Reply): string => (r.finish === 'length' ? 'MAX_TOKENS' : 'STOP')

function openaiUsage(prompt: number, completion: number): Json {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  }
}

function geminiUsage(prompt: number, completion: number): Json {
  return { promptTokenCount: prompt, candidatesTokenCount: completion, totalTokenCount: prompt + completion, promptTokensDetails: [{ modality: 'TEXT', tokenCount: prompt }] }
}

function nonStreamBody(r: Reply): unknown {
  const n = r.words.length
  const p = r.chat.promptTokens
  if (r.provider === 'anthropic') {
    return {
      id: `msg_${r.id}`,
      type: 'message',
      role: 'assistant',
      model: r.chat.model,
      content: [{ type: 'text', text: replyText(r) }],
      stop_reason: anthropicStop(r),
      stop_sequence: null,
      usage: { input_tokens: p, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: n, service_tier: 'standard' },
    }
  }
  if (r.provider === 'google') {
    return {
      candidates: [{ content: { parts: [{ text: replyText(r) }], role: 'model' }, finishReason: geminiFinish(r), index: 0 }],
      usageMetadata: geminiUsage(p, n),
      modelVersion: r.chat.model,
      responseId: r.id,
    }
  }
  return {
    id: `chatcmpl-${r.id}`,
    object: 'chat.completion',
    created: r.created,
    model: r.chat.model,
    choices: [{ index: 0, message: { role: 'assistant', content: replyText(r), refusal: null }, logprobs: null, finish_reason: r.finish }],
    usage: openaiUsage(p, n),
    system_fingerprint: 'fp_fake',
  }
}

/** The SSE events of a reply: `content` marks the events that carry one word each. */
interface SseEvent {
  text: string
  content: boolean
}

function sseEvents(r: Reply): SseEvent[] {
  const n = r.words.length
  const p = r.chat.promptTokens
  const piece = (i: number): string => r.words[i] + (i < n - 1 ? ' ' : '')
  const ev: SseEvent[] = []
  if (r.provider === 'anthropic') {
    const e = (name: string, data: unknown, content = false): void => void ev.push({ text: `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`, content })
    e('message_start', {
      type: 'message_start',
      message: {
        id: `msg_${r.id}`,
        type: 'message',
        role: 'assistant',
        model: r.chat.model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: p, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 1, service_tier: 'standard' },
      },
    })
    e('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
    e('ping', { type: 'ping' })
    for (let i = 0; i < n; i++) e('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece(i) } }, true)
    e('content_block_stop', { type: 'content_block_stop', index: 0 })
    e('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: anthropicStop(r), stop_sequence: null },
      usage: { input_tokens: p, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: n },
    })
    e('message_stop', { type: 'message_stop' })
    return ev
  }
  if (r.provider === 'google') {
    for (let i = 0; i < n; i++) {
      const last = i === n - 1
      ev.push({
        text: `data: ${JSON.stringify({
          candidates: [{ content: { parts: [{ text: piece(i) }], role: 'model' }, index: 0, ...(last ? { finishReason: geminiFinish(r) } : {}) }],
          usageMetadata: geminiUsage(p, i + 1),
          modelVersion: r.chat.model,
          responseId: r.id,
        })}\r\n\r\n`,
        content: true,
      })
    }
    if (n === 0) {
      ev.push({
        text: `data: ${JSON.stringify({ candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, index: 0, finishReason: geminiFinish(r) }], usageMetadata: geminiUsage(p, 0), modelVersion: r.chat.model })}\r\n\r\n`,
        content: false,
      })
    }
    return ev
  }
  // OpenAI chat completions.
  const withUsage = r.chat.includeUsage
  const deepseek = r.provider === 'deepseek'
  const chunk = (choices: unknown[], extra: Json = {}): string =>
    `data: ${JSON.stringify({
      id: `chatcmpl-${r.id}`,
      object: 'chat.completion.chunk',
      created: r.created,
      model: r.chat.model,
      system_fingerprint: 'fp_fake',
      choices,
      ...(withUsage && !deepseek ? { usage: null } : {}),
      ...extra,
    })}\n\n`
  ev.push({ text: chunk([{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }]), content: false })
  for (let i = 0; i < n; i++) ev.push({ text: chunk([{ index: 0, delta: { content: piece(i) }, logprobs: null, finish_reason: null }]), content: true })
  if (deepseek) {
    // DeepSeek puts the usage on the finish chunk (always), not on a separate empty-choices chunk.
    const u = { ...openaiUsage(p, n), prompt_cache_hit_tokens: 0, prompt_cache_miss_tokens: p }
    ev.push({ text: chunk([{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: r.finish }], { usage: u }), content: false })
  } else {
    ev.push({ text: chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: r.finish }]), content: false })
    if (withUsage) ev.push({ text: chunk([], { usage: openaiUsage(p, n) }), content: false })
  }
  ev.push({ text: 'data: [DONE]\n\n', content: false })
  return ev
}

/** The SSE text of an error sent after a 200 (the provider's own in-stream shape). */
function inStreamError(p: FakeCloudProvider, noCredit: boolean): string {
  if (p === 'anthropic') {
    const error = noCredit
      ? { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' }
      : { type: 'overloaded_error', message: 'Overloaded' }
    return `event: error\ndata: ${JSON.stringify({ type: 'error', error, request_id: reqId() })}\n\n`
  }
  if (p === 'google') {
    const error = noCredit
      ? { code: 429, message: 'You exceeded your current quota, please check your plan and billing details.', status: 'RESOURCE_EXHAUSTED' }
      : { code: 500, message: 'An internal error has occurred.', status: 'INTERNAL' }
    return `data: ${JSON.stringify({ error })}\r\n\r\n`
  }
  if (p === 'openrouter') {
    // OpenRouter: a mid-stream error is a chunk with a top-level error and finish_reason "error".
    const error = noCredit ? { code: 402, message: 'Insufficient credits.' } : { code: 502, message: 'Provider returned error' }
    return `data: ${JSON.stringify({ id: 'gen-fake', object: 'chat.completion.chunk', error, choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }] })}\n\n`
  }
  const error = noCredit
    ? { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code: 'insufficient_quota' }
    : { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null }
  return `data: ${JSON.stringify({ error })}\n\n`
}

async function streamReply(req: IncomingMessage, res: ServerResponse, r: Reply, sw: FakeCloudSwitches, record: FakeCloudRequest): Promise<void> {
  record.status = 200
  record.chunksSent = 0
  const headers: Record<string, string> = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' }
  if (r.provider === 'anthropic') headers['request-id'] = reqId()
  res.writeHead(200, headers)
  res.flushHeaders()
  let closed = false
  res.on('close', () => {
    closed = true
  })
  const malformedAt = sw.malformed ? (typeof sw.malformed === 'object' ? (sw.malformed.afterChunks ?? 1) : 1) : -1
  const streamErrorAt = sw.streamError ? (typeof sw.streamError === 'object' ? (sw.streamError.afterChunks ?? 1) : 1) : -1
  let afterContent = false
  for (const ev of sseEvents(r)) {
    if (closed) return
    const sent = record.chunksSent
    // Faults fire at the first content chunk past the count, or right after the count's last chunk.
    const at = (n: number | undefined): boolean => n !== undefined && sent >= n && (ev.content || afterContent)
    if (at(sw.stallAfterChunks)) return // keep the socket open; never end
    if (at(sw.dropAfterChunks)) {
      req.socket.destroy()
      return
    }
    if (streamErrorAt >= 0 && sent >= streamErrorAt && (ev.content || afterContent)) {
      res.end(inStreamError(r.provider, typeof sw.streamError === 'object' && sw.streamError.noCredit === true))
      return
    }
    if (ev.content && sent === malformedAt) {
      const garbled =
        r.provider === 'anthropic'
          ? 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de\n\n'
          : r.provider === 'google'
            ? 'data: {"candidates":[{"content":{"parts":[{"text":"garb\r\n\r\n'
            : 'data: {"choices":[{"index":0,"delta":{"content":"garb\n\n'
      res.write(garbled)
    }
    if (sw.delayMs) await sleep(sw.delayMs)
    if (closed) return
    res.write(ev.text)
    afterContent = ev.content
    if (ev.content) record.chunksSent++
  }
  res.end()
}
