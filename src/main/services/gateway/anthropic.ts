/**
 * Anthropic's Messages on the gateway's core: the request into a CoreRequest, the reply (or its
 * stream of events) and errors back in Anthropic's own shapes, so the official SDK and Claude Code
 * read them as they read Anthropic's.
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { AuraError, type ErrorCode } from '../../../shared/api'
import { estimateTokens } from '../../../shared/units'
import type { ChatTurn, ReplyOptions, ToolCall, ToolChoice } from '../engine/inferenceEngine'
import { parseBody, textOf, type CoreReply, type CoreRequest } from './core'

const TextBlock = z.object({ type: z.literal('text'), text: z.string() }).loose()
const Texts = z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }).loose())])
const Block = z.union([
  TextBlock,
  z.object({ type: z.literal('tool_use'), id: z.string(), name: z.string(), input: z.record(z.string(), z.unknown()) }).loose(),
  z.object({ type: z.literal('tool_result'), tool_use_id: z.string(), content: Texts.optional(), is_error: z.boolean().optional() }).loose(),
  z.object({ type: z.string() }).loose(),
])

const MessagesRequest = z
  .object({
    model: z.string().min(1),
    // `system` turns mid-conversation: Claude Code sends its environment as one (per-turn control).
    messages: z.array(z.object({ role: z.enum(['user', 'assistant', 'system']), content: z.union([z.string(), z.array(Block)]) })).min(1),
    system: z.union([z.string(), z.array(TextBlock)]).optional(),
    max_tokens: z.number().int().min(1),
    stream: z.boolean().optional(),
    tools: z
      .array(z.object({ type: z.string().optional(), name: z.string().min(1).max(64), description: z.string().optional(), input_schema: z.record(z.string(), z.unknown()).optional(), defer_loading: z.boolean().optional() }).loose())
      .optional(),
    tool_choice: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().optional() }),
        z.object({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().optional() }),
        z.object({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().optional() }),
        z.object({ type: z.literal('none') }),
      ])
      .optional(),
    stop_sequences: z.array(z.string()).optional(),
    temperature: z.number().min(0).max(1).optional(),
    top_p: z.number().min(0).max(1).optional(),
  })
  .loose()
type MessagesRequest = z.infer<typeof MessagesRequest>
type Block = z.infer<typeof Block>

/** The request, checked, as the core takes it. */
export function parseMessagesRequest(body: unknown): { request: CoreRequest; stream: boolean } {
  const body_ = parseBody(MessagesRequest, body)
  // A system turn mid-conversation joins the system prompt: local chat templates and most providers take one, first.
  const inline = body_.messages.filter((m) => m.role === 'system').map((m) => textOf(m.content as z.infer<typeof Texts>, 'block'))
  const system = [typeof body_.system === 'string' ? body_.system : (body_.system ?? []).map((b) => b.text).join('\n'), ...inline].filter(Boolean).join('\n\n')
  return {
    request: {
      model: body_.model,
      messages: [...(system ? [{ role: 'system' as const, content: system }] : []), ...toTurns(body_.messages.filter((m) => m.role !== 'system'))],
      maxTokens: body_.max_tokens,
      ...(body_.temperature !== undefined && { temperature: body_.temperature }),
      reply: replyOptions(body_),
    },
    stream: body_.stream === true,
  }
}

/** `/v1/messages/count_tokens`: Aura's estimate of what the request sends. */
export function countTokens(body: unknown): { input_tokens: number } {
  return { input_tokens: estimateInput(parseMessagesRequest({ max_tokens: 1, ...(body as object) }).request) }
}

/** ⌈characters / 4⌉ of the system prompt, messages and tools: close, not the model's own count. */
export function estimateInput(request: CoreRequest): number {
  const text = request.messages.map((m) => m.content + (m.role === 'assistant' ? JSON.stringify(m.toolCalls ?? []) : '')).join('\n')
  return estimateTokens(text + JSON.stringify(request.reply.tools ?? []))
}

function replyOptions(body: MessagesRequest): ReplyOptions {
  // Anthropic's own server tools (web search, …) run on Anthropic's side: Aura offers only the client's tools,
  // and not those deferred until a tool search finds them (Claude Code's `defer_loading` placeholder).
  const tools = (body.tools ?? [])
    .filter((t) => (t.type === undefined || t.type === 'custom') && t.input_schema && t.defer_loading !== true)
    .map((t) => ({ name: t.name, ...(t.description && { description: t.description }), parameters: t.input_schema! }))
  const choice = body.tool_choice
  const toolChoice: ToolChoice | undefined = !choice ? undefined : choice.type === 'tool' ? { name: choice.name } : choice.type === 'any' ? 'required' : choice.type
  const offersTools = tools.length > 0 && toolChoice !== 'none'
  return {
    ...(offersTools && { tools, ...(toolChoice && { toolChoice }) }),
    ...(choice && 'disable_parallel_tool_use' in choice && choice.disable_parallel_tool_use && { parallelToolCalls: false }),
    ...(body.stop_sequences?.length && { stop: body.stop_sequences }),
    ...(body.top_p !== undefined && { topP: body.top_p }),
  }
}

/** A message's blocks as turns: tool results become tool turns (before the user's own text), tool uses the assistant's calls. */
function toTurns(messages: MessagesRequest['messages']): ChatTurn[] {
  const names = new Map<string, string>()
  return messages.flatMap((message): ChatTurn[] => {
    const blocks: Block[] = typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content
    let text = ''
    const toolCalls: ToolCall[] = []
    const results: ChatTurn[] = []
    for (const block of blocks) {
      if (block.type === 'text') text += (block as z.infer<typeof TextBlock>).text
      // A reply's thinking is the other model's own; the local model neither reads nor writes it.
      else if (block.type === 'thinking' || block.type === 'redacted_thinking') continue
      else if (block.type === 'tool_use' && message.role === 'assistant') {
        const use = block as { id: string; name: string; input: Record<string, unknown> }
        names.set(use.id, use.name)
        toolCalls.push({ id: use.id, name: use.name, arguments: use.input })
      } else if (block.type === 'tool_result' && message.role === 'user') {
        const result = block as { tool_use_id: string; content?: z.infer<typeof Texts>; is_error?: boolean }
        const content = textOf(result.content, 'block')
        results.push({ role: 'tool', toolCallId: result.tool_use_id, name: names.get(result.tool_use_id) ?? 'tool', content: result.is_error ? `Error: ${content}` : content })
      } else throw new AuraError('invalid_input', `Aura's API reads text, tool_use and tool_result blocks for now: a "${block.type}" block cannot be sent yet.`, { param: 'messages' })
    }
    if (message.role === 'assistant') return [{ role: 'assistant', content: text, ...(toolCalls.length > 0 && { toolCalls }) }]
    return [...results, ...(text || results.length === 0 ? [{ role: 'user' as const, content: text }] : [])]
  })
}

const STOP: Record<CoreReply['stopReason'], string> = { end: 'end_turn', aborted: 'end_turn', stop: 'stop_sequence', max_tokens: 'max_tokens', tool_calls: 'tool_use' }

/** Which stop string ended the reply: the one the model names, else the request's only one. */
function stopOf(reply: CoreReply, request: CoreRequest) {
  const stops = request.reply.stop ?? []
  const matched = reply.stopSequence ?? (stops.length === 1 ? stops[0]! : null)
  return { stop_reason: STOP[reply.stopReason], stop_sequence: reply.stopReason === 'stop' ? matched : null }
}

function usageOf(reply: CoreReply) {
  const { inputTokens, outputTokens, cacheReadTokens } = reply.usage
  return { input_tokens: inputTokens - cacheReadTokens, output_tokens: outputTokens, cache_read_input_tokens: cacheReadTokens, cache_creation_input_tokens: 0 }
}

function toolUses(reply: CoreReply) {
  return reply.toolCalls.map((call) => ({ type: 'tool_use' as const, id: call.id, name: call.name, input: call.arguments }))
}

export function messageId(): string {
  return `msg_${randomUUID().replaceAll('-', '')}`
}

export function message(reply: CoreReply, request: CoreRequest, id: string) {
  const text = reply.text || reply.toolCalls.length === 0 ? [{ type: 'text' as const, text: reply.text }] : []
  return { id, type: 'message', role: 'assistant', model: reply.modelId, content: [...text, ...toolUses(reply)], ...stopOf(reply, request), usage: usageOf(reply) }
}

/**
 * The stream's events, as `event:` / `data:` pairs: message_start, a text block as it comes, tool_use
 * blocks whole at the end (the local engine does not stream their input yet), message_delta, message_stop.
 */
export class MessageEvents {
  private index = -1
  private textOpen = false

  constructor(
    private readonly send: (event: string, data: unknown) => void,
    private readonly id: string,
    private readonly model: string,
  ) {}

  start(inputTokens: number): void {
    this.send('message_start', {
      type: 'message_start',
      message: { id: this.id, type: 'message', role: 'assistant', model: this.model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: inputTokens, output_tokens: 0 } },
    })
  }

  text(text: string): void {
    if (!this.textOpen) {
      this.textOpen = true
      this.send('content_block_start', { type: 'content_block_start', index: ++this.index, content_block: { type: 'text', text: '' } })
    }
    this.send('content_block_delta', { type: 'content_block_delta', index: this.index, delta: { type: 'text_delta', text } })
  }

  finish(reply: CoreReply, request: CoreRequest): void {
    if (!this.textOpen && reply.toolCalls.length === 0) this.text('')
    if (this.textOpen) this.send('content_block_stop', { type: 'content_block_stop', index: this.index })
    for (const use of toolUses(reply)) {
      const index = ++this.index
      this.send('content_block_start', { type: 'content_block_start', index, content_block: { ...use, input: {} } })
      this.send('content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(use.input) } })
      this.send('content_block_stop', { type: 'content_block_stop', index })
    }
    this.send('message_delta', { type: 'message_delta', delta: stopOf(reply, request), usage: usageOf(reply) })
    this.send('message_stop', { type: 'message_stop' })
  }
}

/** Each error's HTTP status and Anthropic's `type` for it. */
const STATUS: Partial<Record<ErrorCode, { status: number; type: string }>> = {
  unauthorized: { status: 401, type: 'authentication_error' },
  invalid_input: { status: 400, type: 'invalid_request_error' },
  prompt_too_long: { status: 400, type: 'invalid_request_error' },
  model_not_found: { status: 404, type: 'not_found_error' },
  not_found: { status: 404, type: 'not_found_error' },
  budget_exhausted: { status: 429, type: 'rate_limit_error' },
  rate_limited: { status: 429, type: 'rate_limit_error' },
  local_only: { status: 403, type: 'permission_error' },
  model_not_allowed: { status: 403, type: 'permission_error' },
  busy: { status: 529, type: 'overloaded_error' },
  no_model_available: { status: 529, type: 'overloaded_error' },
}

/** An AuraError as Anthropic words one; only a wait (`rate_limited`, `busy`) is worth a client's retry. */
export function anthropicError(error: AuraError, status?: number): { status: number; headers: Record<string, string>; body: unknown } {
  const known = STATUS[error.code] ?? { status: 500, type: 'api_error' }
  const data = error.data as { retryAfterSeconds?: number } | undefined
  const retry = error.code === 'rate_limited' || error.code === 'busy'
  const finalStatus = status ?? known.status
  return {
    status: finalStatus,
    headers: { 'x-should-retry': String(retry), ...(data?.retryAfterSeconds !== undefined && { 'retry-after': String(data.retryAfterSeconds) }) },
    body: { type: 'error', error: { type: finalStatus === 413 ? 'request_too_large' : known.type, message: error.message } },
  }
}
