/** What tests see of the fake cloud: its flavours, switches, recorded requests and handle. */
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
  /** OpenRouter's published prices by model id (default FAKE_OPENROUTER_PRICES; unlisted models get $1/$5 per million). */
  openRouterPrices?: Record<string, FakeOpenRouterPricing>
  /** Chat calls for a model not in the list get the provider's 404. */
  strictModels?: boolean
  /** Accept any key (or none) — like a local server without `--api-key`. Default true only for `local`. */
  anyKey?: boolean
  /**
   * What the reply's usage reports beyond the counted words, each provider in its own fields:
   * `extraPromptTokens` on top of the prompt's words (a long prompt without sending it), of the
   * prompt `cacheReadTokens` read from and `cacheWriteTokens` written to the prompt cache, and
   * `reasoningTokens` of thinking on top of the reply's words.
   */
  usage?: FakeUsage
  /** Thoughts streamed before the answer, as the provider's reasoning (OpenAI-style flavours: `reasoning_content`, as DeepSeek sends it). */
  thoughts?: string
  /**
   * Script a tool call: while a chat request offers a tool named `name` and its conversation does not
   * end with a tool's result, the reply is a call to it with `arguments` (OpenAI `tool_calls`, Anthropic
   * a `tool_use` block; streamed or not). Once it ends with a result, the reply is "The tool said: <result>"
   * — unless `again`: a model that never stops calling (it calls again after every result).
   */
  toolCall?: { name: string; arguments: Record<string, unknown>; again?: boolean }
}

export interface FakeUsage {
  extraPromptTokens?: number
  cacheReadTokens?: number
  cacheWriteTokens?: number
  reasoningTokens?: number
}

/** OpenRouter's published price of a model, as its models list gives it: USD per token, as strings. */
export interface FakeOpenRouterPricing {
  prompt: string
  completion: string
  input_cache_read?: string
  input_cache_write?: string
}

/**
 * The prices the fake OpenRouter publishes (`GET /api/v1/models`): its default models at their
 * vendors' prices (reference §2), and one model no catalog lists.
 */
export const FAKE_OPENROUTER_PRICES: Record<string, FakeOpenRouterPricing> = {
  'openai/gpt-6.1-terra': { prompt: '0.000001', completion: '0.000005', input_cache_read: '0.00000005' },
  'anthropic/claude-sonnet-5-5': { prompt: '0.000002', completion: '0.00001', input_cache_read: '0.0000001', input_cache_write: '0.0000025' },
  'google/gemini-3.8-flash': { prompt: '0.00000075', completion: '0.00000375', input_cache_read: '0.000000075' },
  'mistralai/mistral-medium-4': { prompt: '0.0000004', completion: '0.000002' },
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
  openrouter: ['openai/gpt-6.1-terra', 'anthropic/claude-sonnet-5-5', 'google/gemini-3.8-flash', 'mistralai/mistral-medium-4'],
  local: ['llama-3.2-3b-instruct', 'qwen3-4b'],
  anthropic: ['claude-haiku-5-5', 'claude-sonnet-5-5', 'claude-opus-5-5'],
  google: ['gemini-3.8-flash', 'gemini-3.8-pro'],
}
