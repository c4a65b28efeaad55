/**
 * Anthropic Messages: `GET models`, `POST messages` (the SSE events message_start … message_stop, or
 * JSON), with Anthropic's error bodies, `request-id` header and in-stream `event: error`.
 */
import { randomBytes } from 'node:crypto'
import { argumentPieces, asArr, asNum, asObj, bearer, headerValue, partsText, replyText, type ChatRequest, type Json, type JsonReply, type Reply, type SseEvent, type ToolCallReply, type Wire } from './wire'
import { countTokens } from './words'

export const anthropicWire: Wire = {
  key: (req) => headerValue(req.headers['x-api-key']) ?? bearer(req),
  headers: () => ({ 'request-id': reqId() }),
  parseChat: (body) => parseAnthropic(body),
  models: modelsList,
  invalidKey,
  noCredit,
  rateLimit,
  serverError,
  modelNotFound: (model) => ({ status: 404, body: { type: 'error', error: { type: 'not_found_error', message: `model: ${model}` }, request_id: reqId() } }),
  notFound: () => ({ status: 404, body: { type: 'error', error: { type: 'not_found_error', message: 'Not Found' }, request_id: reqId() } }),
  reply: nonStreamBody,
  events: sseEvents,
  streamError: inStreamError,
  garbled: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_de\n\n',
}

function parseAnthropic(body: Json): ChatRequest {
  const messages = asArr(body.messages).map(asObj)
  const lastUser = [...messages].reverse().find((m) => m.role === 'user')
  const toolResult = lastToolResult(messages)
  return {
    model: String(body.model ?? ''),
    stream: body.stream === true,
    includeUsage: true,
    maxTokens: asNum(body.max_tokens),
    promptTokens: countTokens(partsText(body.system)) + messages.reduce((n, m) => n + countTokens(partsText(m.content)), 0),
    lastUserText: lastUser ? partsText(lastUser.content) : '',
    tools: asArr(body.tools).map((t) => String(asObj(t).name ?? '')),
    ...(toolResult !== undefined && { toolResult }),
  }
}

/** The text of the tool results the last message carries (a user message of tool_result blocks), if it does. */
function lastToolResult(messages: Json[]): string | undefined {
  const last = messages.at(-1)
  const results = asArr(last?.content).map(asObj).filter((b) => b.type === 'tool_result')
  return last?.role === 'user' && results.length > 0 ? results.map((b) => partsText(b.content)).join('\n') : undefined
}

const reqId = (): string => `req_${randomBytes(12).toString('hex')}`

function invalidKey(key: string | undefined): JsonReply {
  return {
    status: 401,
    body: { type: 'error', error: { type: 'authentication_error', message: key ? 'invalid x-api-key' : 'x-api-key header is required' }, request_id: reqId() },
  }
}

function noCredit(): JsonReply {
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
}

function rateLimit(seconds: number): JsonReply {
  const retry = { 'retry-after': String(seconds) }
  return {
    status: 429,
    headers: { ...retry, 'anthropic-ratelimit-requests-remaining': '0', 'anthropic-ratelimit-requests-reset': new Date(Date.now() + seconds * 1000).toISOString() },
    body: { type: 'error', error: { type: 'rate_limit_error', message: 'This request would exceed the rate limit for your organization of 50 requests per minute.' }, request_id: reqId() },
  }
}

function serverError(status?: number): JsonReply {
  const s = status ?? 529
  return s === 529
    ? { status: 529, headers: { 'x-should-retry': 'true' }, body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' }, request_id: reqId() } }
    : { status: s, body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' }, request_id: reqId() } }
}

function modelsList(models: string[]): unknown {
  return {
    data: models.map((id) => ({ type: 'model', id, display_name: id.replace(/^claude-/, 'Claude ').replace(/-/g, ' '), created_at: '2026-10-07T00:00:00Z' })),
    has_more: false,
    first_id: models[0] ?? null,
    last_id: models[models.length - 1] ?? null,
  }
}

const anthropicStop = (r: Reply): string => (r.finish === 'length' ? 'max_tokens' : r.finish === 'tool_calls' ? 'tool_use' : 'end_turn')

const toolUseOf = (call: ToolCallReply) => ({ type: 'tool_use', id: call.id.replace(/^call_/, 'toolu_'), name: call.name, input: call.arguments })

/**
 * Anthropic's usage: `input_tokens` are only the tokens after the last cache breakpoint; cache reads
 * and writes come in their own fields (writes split by cache lifetime); output_tokens counts thinking.
 */
function anthropicUsage(r: Reply, output: number, start = false): Json {
  const t = r.tokens
  return {
    input_tokens: t.prompt - t.cacheRead - t.cacheWrite,
    cache_creation_input_tokens: t.cacheWrite,
    cache_read_input_tokens: t.cacheRead,
    ...(start || !r.chat.stream ? { cache_creation: { ephemeral_5m_input_tokens: t.cacheWrite, ephemeral_1h_input_tokens: 0 } } : {}),
    output_tokens: output,
    ...(start || !r.chat.stream ? { service_tier: 'standard' } : {}),
  }
}

function nonStreamBody(r: Reply): unknown {
  const n = r.words.length
  return {
    id: `msg_${r.id}`,
    type: 'message',
    role: 'assistant',
    model: r.chat.model,
    content: r.toolCall ? [toolUseOf(r.toolCall)] : [{ type: 'text', text: replyText(r) }],
    stop_reason: anthropicStop(r),
    stop_sequence: null,
    usage: anthropicUsage(r, n + r.tokens.reasoning),
  }
}

function sseEvents(r: Reply): SseEvent[] {
  const n = r.words.length
  const piece = (i: number): string => r.words[i] + (i < n - 1 ? ' ' : '')
  const ev: SseEvent[] = []
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
      usage: anthropicUsage(r, 1, true),
    },
  })
  if (r.toolCall) {
    // A tool_use block opens with an empty input; its JSON comes in pieces.
    e('content_block_start', { type: 'content_block_start', index: 0, content_block: { ...toolUseOf(r.toolCall), input: {} } })
    e('ping', { type: 'ping' })
    for (const piece of argumentPieces(r.toolCall)) e('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: piece } }, true)
  } else {
    e('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } })
    e('ping', { type: 'ping' })
    for (let i = 0; i < n; i++) e('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: piece(i) } }, true)
  }
  e('content_block_stop', { type: 'content_block_stop', index: 0 })
  e('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: anthropicStop(r), stop_sequence: null },
    usage: anthropicUsage(r, n + r.tokens.reasoning),
  })
  e('message_stop', { type: 'message_stop' })
  return ev
}

function inStreamError(noCredit: boolean): string {
  const error = noCredit
    ? { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.' }
    : { type: 'overloaded_error', message: 'Overloaded' }
  return `event: error\ndata: ${JSON.stringify({ type: 'error', error, request_id: reqId() })}\n\n`
}
