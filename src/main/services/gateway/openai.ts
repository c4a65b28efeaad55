/**
 * OpenAI's Chat Completions on the gateway's core: the request into a CoreRequest, the reply (or
 * its stream of chunks) and errors back in OpenAI's own shapes, so the official SDK and apps built
 * on it read them as they read OpenAI's.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { AuraError, type ErrorCode } from '../../../shared/api'
import type { ChatTurn, ReplyOptions, ToolCall, ToolChoice } from '../engine/inferenceEngine'
import { parseBody, textOf, type CoreReply, type CoreRequest, type ListedModel } from './core'

const Text = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).loose())])

const Message = z.discriminatedUnion('role', [
  z.object({ role: z.enum(['system', 'developer']), content: Text }).loose(),
  z.object({ role: z.literal('user'), content: Text }).loose(),
  z
    .object({
      role: z.literal('assistant'),
      content: Text.nullish(),
      tool_calls: z.array(z.object({ id: z.string(), type: z.literal('function').optional(), function: z.object({ name: z.string(), arguments: z.string() }) })).nullish(),
    })
    .loose(),
  z.object({ role: z.literal('tool'), tool_call_id: z.string(), content: Text }).loose(),
])

const Tool = z.object({
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1).max(64), description: z.string().optional(), parameters: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }),
})

const ChatCompletionRequest = z
  .object({
    model: z.string().min(1),
    messages: z.array(Message).min(1),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().optional() }).loose().nullish(),
    tools: z.array(Tool).nullish(),
    tool_choice: z.union([z.enum(['auto', 'none', 'required']), z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) })]).nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    response_format: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('text') }),
        z.object({ type: z.literal('json_object') }),
        z.object({ type: z.literal('json_schema'), json_schema: z.object({ name: z.string().optional(), schema: z.record(z.string(), z.unknown()).optional(), strict: z.boolean().nullish() }) }),
      ])
      .nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    max_tokens: z.number().int().min(1).nullish(),
    max_completion_tokens: z.number().int().min(1).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    seed: z.number().int().nullish(),
    n: z.literal(1).nullish(),
  })
  .loose()
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>

/** The request, checked, as the core takes it; `invalid_input` naming the first thing wrong. */
export function parseChatRequest(body: unknown): { request: CoreRequest; stream: boolean; includeUsage: boolean } {
  const body_ = parseBody(ChatCompletionRequest, body)
  return {
    request: {
      model: body_.model,
      messages: toTurns(body_.messages),
      ...(body_.max_completion_tokens || body_.max_tokens ? { maxTokens: (body_.max_completion_tokens ?? body_.max_tokens)! } : {}),
      ...(typeof body_.temperature === 'number' && { temperature: body_.temperature }),
      reply: replyOptions(body_),
    },
    stream: body_.stream === true,
    includeUsage: body_.stream_options?.include_usage === true,
  }
}

function replyOptions(body: ChatCompletionRequest): ReplyOptions {
  const tools = (body.tools ?? []).map((t) => ({ name: t.function.name, ...(t.function.description && { description: t.function.description }), parameters: t.function.parameters ?? { type: 'object', properties: {} } }))
  const choice = body.tool_choice
  const toolChoice: ToolChoice | undefined = typeof choice === 'object' && choice !== null ? { name: choice.function.name } : (choice ?? undefined)
  const format = body.response_format
  const offersTools = tools.length > 0 && toolChoice !== 'none'
  const stop = typeof body.stop === 'string' ? [body.stop] : (body.stop ?? undefined)
  return {
    ...(offersTools && { tools, ...(toolChoice && { toolChoice }) }),
    ...(body.parallel_tool_calls === false && { parallelToolCalls: false }),
    // A local model cannot follow a JSON format and tools at once: the tools go first (the format is for its final answer).
    ...(!offersTools && format?.type === 'json_object' && { responseFormat: { type: 'json_object' as const } }),
    ...(!offersTools && format?.type === 'json_schema' && { responseFormat: format.json_schema.schema ? { type: 'json_schema' as const, schema: format.json_schema.schema } : { type: 'json_object' as const } }),
    ...(stop?.length && { stop }),
    ...(typeof body.top_p === 'number' && { topP: body.top_p }),
    ...(typeof body.seed === 'number' && { seed: body.seed }),
  }
}

function toTurns(messages: ChatCompletionRequest['messages']): ChatTurn[] {
  const names = new Map<string, string>()
  return messages.map((message): ChatTurn => {
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: textOf(message.content, 'part') }
      case 'user':
        return { role: 'user', content: textOf(message.content, 'part') }
      case 'assistant': {
        const toolCalls = (message.tool_calls ?? []).map((call): ToolCall => {
          names.set(call.id, call.function.name)
          return { id: call.id, name: call.function.name, arguments: parseArguments(call.function.arguments) }
        })
        return { role: 'assistant', content: textOf(message.content, 'part'), ...(toolCalls.length > 0 && { toolCalls }) }
      }
      case 'tool':
        return { role: 'tool', toolCallId: message.tool_call_id, name: names.get(message.tool_call_id) ?? 'tool', content: textOf(message.content, 'part') }
    }
  })
}

function parseArguments(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || '{}')
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // Worded below.
  }
  throw new AuraError('invalid_input', 'A tool call’s `arguments` in `messages` is not a JSON object.', { param: 'messages' })
}

const FINISH: Record<CoreReply['stopReason'], string> = { end: 'stop', stop: 'stop', aborted: 'stop', max_tokens: 'length', tool_calls: 'tool_calls' }

function toolCallsOf(reply: CoreReply) {
  return reply.toolCalls.map((call, index) => ({ index, id: call.id, type: 'function' as const, function: { name: call.name, arguments: JSON.stringify(call.arguments) } }))
}

function usageOf(reply: CoreReply) {
  const { inputTokens, outputTokens, cacheReadTokens } = reply.usage
  return { prompt_tokens: inputTokens, completion_tokens: outputTokens, total_tokens: inputTokens + outputTokens, prompt_tokens_details: { cached_tokens: cacheReadTokens } }
}

/** One reply's identity, shared by its chunks. */
export function replyId(): { id: string; created: number } {
  return { id: `chatcmpl-${randomUUID().replaceAll('-', '')}`, created: Math.floor(Date.now() / 1000) }
}

export function completion(reply: CoreReply, ids: { id: string; created: number }) {
  const toolCalls = toolCallsOf(reply).map(({ index: _index, ...call }) => call)
  return {
    id: ids.id,
    object: 'chat.completion',
    created: ids.created,
    model: reply.modelId,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: toolCalls.length > 0 && !reply.text ? null : reply.text, refusal: null, ...(toolCalls.length > 0 && { tool_calls: toolCalls }) },
        finish_reason: FINISH[reply.stopReason],
        logprobs: null,
      },
    ],
    usage: usageOf(reply),
  }
}

/** The stream's chunks: `delta` pieces, then the finish (with any tool calls whole), then usage when asked. */
export const chunks = {
  delta(ids: { id: string; created: number }, model: string, delta: Record<string, unknown>, finish: string | null = null) {
    return { id: ids.id, object: 'chat.completion.chunk', created: ids.created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] }
  },
  /** Tool calls are sent whole at the end: the local engine does not stream their arguments yet. */
  finish(ids: { id: string; created: number }, reply: CoreReply) {
    const toolCalls = toolCallsOf(reply)
    return [
      ...(toolCalls.length > 0 ? [chunks.delta(ids, reply.modelId, { tool_calls: toolCalls })] : []),
      chunks.delta(ids, reply.modelId, {}, FINISH[reply.stopReason]),
    ]
  },
  usage(ids: { id: string; created: number }, reply: CoreReply) {
    return { id: ids.id, object: 'chat.completion.chunk', created: ids.created, model: reply.modelId, choices: [], usage: usageOf(reply) }
  },
}

export function modelList(models: ListedModel[]) {
  return { object: 'list', data: models.map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: m.ownedBy })) }
}

/** Each error's HTTP status and OpenAI's `type` / `code` for it. */
const STATUS: Partial<Record<ErrorCode, { status: number; type: string; code?: string }>> = {
  unauthorized: { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' },
  invalid_input: { status: 400, type: 'invalid_request_error' },
  prompt_too_long: { status: 400, type: 'invalid_request_error', code: 'context_length_exceeded' },
  model_not_found: { status: 404, type: 'invalid_request_error', code: 'model_not_found' },
  not_found: { status: 404, type: 'invalid_request_error', code: 'not_found' },
  budget_exhausted: { status: 429, type: 'insufficient_quota', code: 'budget_exhausted' },
  rate_limited: { status: 429, type: 'rate_limit_error', code: 'rate_limit_exceeded' },
  local_only: { status: 403, type: 'permission_error', code: 'local_only' },
  model_not_allowed: { status: 403, type: 'permission_error', code: 'model_not_allowed' },
  busy: { status: 503, type: 'server_error', code: 'busy' },
  no_model_available: { status: 503, type: 'server_error', code: 'no_model_available' },
}

/** An AuraError as OpenAI words one; only a wait (`rate_limited`, `busy`) is worth a client's retry. */
export function errorReply(error: AuraError, status?: number): { status: number; headers: Record<string, string>; body: unknown } {
  const known = STATUS[error.code] ?? { status: 500, type: 'server_error', code: error.code }
  const data = error.data as { param?: string | null; retryAfterSeconds?: number } | undefined
  const retry = error.code === 'rate_limited' || error.code === 'busy'
  return {
    status: status ?? known.status,
    headers: { 'x-should-retry': String(retry), ...(data?.retryAfterSeconds !== undefined && { 'retry-after': String(data.retryAfterSeconds) }) },
    body: { error: { message: error.message, type: known.type, param: data?.param ?? null, code: known.code ?? error.code } },
  }
}
