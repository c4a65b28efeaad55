/**
 * OpenAI Chat Completions, as OpenAI and the compatible flavours speak it (xAI, DeepSeek, Moonshot,
 * OpenRouter, a local server): `GET models`, `POST chat/completions` (SSE chunks, the usage chunk with
 * `stream_options.include_usage`, then [DONE]; or JSON), the key-info routes (DeepSeek balance, xAI
 * api-key, OpenRouter key), and each flavour's own error bodies.
 */
import type { FakeOpenAIFlavor, FakeOpenRouterPricing } from './types'
import { argumentPieces, asArr, asNum, asObj, bearer, partsText, replyText, type ChatRequest, type Json, type JsonReply, type Reply, type ReplyTokens, type SseEvent, type ToolCallReply, type Wire } from './wire'
import { countTokens } from './words'

export function openAIWire(p: FakeOpenAIFlavor): Wire {
  return {
    key: (req) => bearer(req),
    headers: () => ({}),
    parseChat: (body) => parseOpenAIChat(body),
    models: (models, prices) => modelsList(p, models, prices),
    get: (route, ask) => keyInfo(p, route, ask),
    balanceRoute: p === 'deepseek' ? 'user/balance' : undefined,
    invalidKey: (key) => invalidKeyError(p, key),
    noCredit: () => noCreditError(p),
    rateLimit: (seconds) => rateLimitError(p, seconds),
    serverError: (status) => serverErrorReply(p, status),
    modelNotFound: (model) => modelNotFoundError(p, model),
    notFound: (path) => oaiError(404, `Invalid URL (${path})`, 'invalid_request_error', null),
    reply: nonStreamBody,
    events: sseEvents,
    streamError: (noCredit) => inStreamError(p, noCredit),
    garbled: 'data: {"choices":[{"index":0,"delta":{"content":"garb\n\n',
  }
}

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
    tools: asArr(body.tools).map((t) => String(asObj(asObj(t).function).name ?? '')),
    ...(messages.at(-1)?.role === 'tool' && { toolResult: partsText(messages.at(-1)!.content) }),
  }
}

const redact = (key: string): string => (key.length > 8 ? `${key.slice(0, 3)}...${key.slice(-4)}` : '***')

function oaiError(status: number, message: string, type: string | null, code: string | null, param: string | null = null): JsonReply {
  return { status, body: { error: { message, type, param, code } } }
}

function invalidKeyError(p: FakeOpenAIFlavor, key: string | undefined): JsonReply {
  switch (p) {
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

function noCreditError(p: FakeOpenAIFlavor): JsonReply {
  switch (p) {
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

function rateLimitError(p: FakeOpenAIFlavor, seconds: number): JsonReply {
  const retry = { 'retry-after': String(seconds) }
  switch (p) {
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

function serverErrorReply(p: FakeOpenAIFlavor, status?: number): JsonReply {
  switch (p) {
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

function modelNotFoundError(p: FakeOpenAIFlavor, model: string): JsonReply {
  switch (p) {
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

/** OpenRouter lists each model with its per-token prices (strings), context length and architecture. */
const openRouterModel = (id: string, prices: Record<string, FakeOpenRouterPricing>): Json => ({
  name: id,
  description: `${id} via OpenRouter`,
  context_length: 1_000_000,
  architecture: { modality: 'text->text', input_modalities: ['text'], output_modalities: ['text'], tokenizer: 'Other', instruct_type: null },
  pricing: { request: '0', image: '0', web_search: '0', internal_reasoning: '0', ...(prices[id] ?? { prompt: '0.000001', completion: '0.000005' }) },
  top_provider: { context_length: 1_000_000, max_completion_tokens: 128_000, is_moderated: false },
  per_request_limits: null,
  supported_parameters: ['max_tokens', 'temperature', 'stream'],
})

function modelsList(p: FakeOpenAIFlavor, models: string[], prices: Record<string, FakeOpenRouterPricing>): unknown {
  const owner: Record<string, string> = { openai: 'openai', xai: 'xai', deepseek: 'deepseek', moonshot: 'moonshot', openrouter: 'openrouter', local: 'library' }
  return {
    object: 'list',
    data: models.map((id) => ({
      id,
      object: 'model',
      created: 1_780_000_000,
      owned_by: p === 'openrouter' ? id.split('/')[0] : owner[p],
      ...(p === 'openrouter' ? openRouterModel(id, prices) : {}),
    })),
  }
}

/** The key-info routes: DeepSeek's balance, xAI's api-key, OpenRouter's key. */
function keyInfo(p: FakeOpenAIFlavor, route: string, ask: { key: string | undefined; noCredit: boolean }): JsonReply | null {
  const json = (body: unknown): JsonReply => ({ status: 200, body })
  if (p === 'deepseek' && route === 'user/balance') {
    const bal = ask.noCredit ? '0.00' : '10.00'
    return json({ is_available: !ask.noCredit, balance_infos: [{ currency: 'USD', total_balance: bal, granted_balance: '0.00', topped_up_balance: bal }] })
  }
  if (p === 'xai' && route === 'api-key') {
    return json({
      redacted_api_key: redact(ask.key ?? ''),
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
  if (p === 'openrouter' && route === 'key') {
    return json({ data: { label: redact(ask.key ?? ''), limit: null, limit_remaining: null, limit_reset: null, usage: 0, usage_daily: 0, usage_weekly: 0, usage_monthly: 0, is_free_tier: false } })
  }
  return null
}

/**
 * Chat Completions usage: prompt_tokens counts cached tokens too (`prompt_tokens_details.cached_tokens`,
 * and `cache_write_tokens` when some were written); completion_tokens counts reasoning too.
 */
function openaiUsage(t: ReplyTokens, words: number): Json {
  const completion = words + t.reasoning
  return {
    prompt_tokens: t.prompt,
    completion_tokens: completion,
    total_tokens: t.prompt + completion,
    prompt_tokens_details: { cached_tokens: t.cacheRead, audio_tokens: 0, ...(t.cacheWrite > 0 ? { cache_write_tokens: t.cacheWrite } : {}) },
    completion_tokens_details: { reasoning_tokens: t.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  }
}

function nonStreamBody(r: Reply): unknown {
  const n = r.words.length
  return {
    id: `chatcmpl-${r.id}`,
    object: 'chat.completion',
    created: r.created,
    model: r.chat.model,
    choices: [{ index: 0, message: { role: 'assistant', content: r.toolCall ? null : replyText(r), refusal: null, ...(r.toolCall && { tool_calls: [toolCallOf(r.toolCall)] }) }, logprobs: null, finish_reason: r.finish }],
    usage: openaiUsage(r.tokens, n),
    system_fingerprint: 'fp_fake',
  }
}

function sseEvents(r: Reply): SseEvent[] {
  const n = r.words.length
  const piece = (i: number): string => r.words[i] + (i < n - 1 ? ' ' : '')
  const ev: SseEvent[] = []
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
  // The `thoughts` switch: reasoning first, a few words a chunk, as DeepSeek streams `reasoning_content`.
  for (const piece of r.thoughts?.match(/\S+\s*/g) ?? []) ev.push({ text: chunk([{ index: 0, delta: { reasoning_content: piece }, logprobs: null, finish_reason: null }]), content: false })
  for (let i = 0; i < n; i++) ev.push({ text: chunk([{ index: 0, delta: { content: piece(i) }, logprobs: null, finish_reason: null }]), content: true })
  if (r.toolCall) {
    // The call's id and name first, then its arguments in pieces.
    const call = toolCallOf(r.toolCall)
    const delta = (fn: Json, head: Json = {}) => chunk([{ index: 0, delta: { tool_calls: [{ index: 0, ...head, function: fn }] }, logprobs: null, finish_reason: null }])
    ev.push({ text: delta({ name: call.function.name, arguments: '' }, { id: call.id, type: 'function' }), content: false })
    for (const piece of argumentPieces(r.toolCall)) ev.push({ text: delta({ arguments: piece }), content: true })
  }
  if (deepseek) {
    // DeepSeek puts the usage on the finish chunk (always), not on a separate empty-choices chunk.
    const u = { ...openaiUsage(r.tokens, n), prompt_cache_hit_tokens: r.tokens.cacheRead, prompt_cache_miss_tokens: r.tokens.prompt - r.tokens.cacheRead }
    ev.push({ text: chunk([{ index: 0, delta: { content: '' }, logprobs: null, finish_reason: r.finish }], { usage: u }), content: false })
  } else {
    ev.push({ text: chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: r.finish }]), content: false })
    if (withUsage) ev.push({ text: chunk([], { usage: openaiUsage(r.tokens, n) }), content: false })
  }
  ev.push({ text: 'data: [DONE]\n\n', content: false })
  return ev
}

function toolCallOf(call: ToolCallReply) {
  return { id: call.id, type: 'function' as const, function: { name: call.name, arguments: JSON.stringify(call.arguments) } }
}

function inStreamError(p: FakeOpenAIFlavor, noCredit: boolean): string {
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
