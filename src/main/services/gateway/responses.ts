/**
 * OpenAI's Responses API (`POST /v1/responses`) on the gateway's core: the request (`input` as a
 * string or items, `instructions`, function tools, `text.format`) into a CoreRequest, and the reply
 * back as a Response object or its stream of events, so the official SDK (`client.responses.create`,
 * `client.responses.stream`) and apps built on it read Aura as they read OpenAI. Aura keeps no
 * responses: every request carries its whole conversation.
 */
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import { AUTO_MODEL_ID, AuraError } from '../../../shared/api'
import type { ChatTurn, ReplyOptions, ToolCall, ToolChoice } from '../engine/inferenceEngine'
import { parseBody, type CoreReply, type CoreRequest, type Gateway } from './core'
import type { AppKey } from './keys'
import { errorReply } from './openai'

const Part = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('input_text'), text: z.string() }).loose(),
    z.object({ type: z.literal('output_text'), text: z.string() }).loose(),
    z.object({ type: z.literal('refusal'), refusal: z.string() }).loose(),
  ],
  { error: (issue) => `Aura's API reads text only for now: a "${typeOf(issue.input)}" part cannot be sent yet.` },
)
/** A string is one text part (one shape to check, so an error names the part that is wrong). */
const Content = z.preprocess((content) => (typeof content === 'string' ? [{ type: 'input_text', text: content }] : content), z.array(Part))

const Item = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('message'), role: z.enum(['user', 'assistant', 'system', 'developer']), content: Content }).loose(),
    z.object({ type: z.literal('function_call'), call_id: z.string().min(1), name: z.string().min(1), arguments: z.string() }).loose(),
    z.object({ type: z.literal('function_call_output'), call_id: z.string().min(1), output: Content }).loose(),
    // A past reply's reasoning is the other model's own: read and skipped.
    z.object({ type: z.literal('reasoning') }).loose(),
    z.object({ type: z.literal('item_reference') }).loose(),
  ],
  { error: (issue) => `Aura's API reads message, function_call and function_call_output items for now: a "${typeOf(issue.input)}" item cannot be sent yet.` },
)

/** Function tools carry a name and a JSON schema; any other type (web_search, file_search, …) runs on OpenAI's side and is not offered. */
const Tool = z
  .object({ type: z.string(), name: z.string().min(1).max(64).optional(), description: z.string().nullish(), parameters: z.record(z.string(), z.unknown()).nullish(), strict: z.boolean().nullish() })
  .loose()
  .refine((tool) => tool.type !== 'function' || tool.name !== undefined, { message: 'A function tool needs a `name`.', path: ['name'] })

/** `auto`, `none`, `required` (read as `{ type }`, one shape to check), a function, or allowed_tools. */
const ToolChoiceParam = z.preprocess(
  (choice) => (typeof choice === 'string' ? { type: choice } : choice),
  z.discriminatedUnion(
    'type',
    [
      z.object({ type: z.enum(['auto', 'none', 'required']) }),
      z.object({ type: z.literal('function'), name: z.string() }).loose(),
      z.object({ type: z.literal('allowed_tools'), mode: z.enum(['auto', 'required']), tools: z.array(z.object({ type: z.string(), name: z.string().optional() }).loose()) }).loose(),
    ],
    { error: (issue) => `Aura offers the model only function tools: \`tool_choice\` cannot be "${typeOf(issue.input)}".` },
  ),
)

const Format = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z.object({ type: z.literal('json_schema'), name: z.string().optional(), schema: z.record(z.string(), z.unknown()), strict: z.boolean().nullish() }).loose(),
])

const ResponsesRequest = z
  .object({
    model: z.string().min(1).nullish(),
    // A string is one user message.
    input: z.preprocess((input) => (typeof input === 'string' ? [{ role: 'user', content: input }] : input), z.array(z.preprocess(asItem, Item)).min(1)),
    instructions: z.string().nullish(),
    stream: z.boolean().nullish(),
    tools: z.array(Tool).nullish(),
    tool_choice: ToolChoiceParam.nullish(),
    parallel_tool_calls: z.boolean().nullish(),
    text: z.object({ format: Format.optional() }).loose().nullish(),
    max_output_tokens: z.number().int().min(1).nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    top_p: z.number().min(0).max(1).nullish(),
    // Read and not kept: Aura stores no responses (`store` is answered false).
    store: z.boolean().nullish(),
    previous_response_id: z.string().nullish(),
    conversation: z.unknown().optional(),
    prompt: z.unknown().optional(),
    background: z.boolean().nullish(),
  })
  .loose()
type ResponsesRequest = z.infer<typeof ResponsesRequest>
type Item = z.infer<typeof Item>

/** `{ role, content }` without a type is a message item, as OpenAI reads it. */
function asItem(item: unknown): unknown {
  return item && typeof item === 'object' && !('type' in item) && 'role' in item ? { ...item, type: 'message' } : item
}

function typeOf(value: unknown): string {
  return String((value as { type?: unknown } | null)?.type ?? 'untyped')
}

/** What a Response echoes of its request. */
interface Echo {
  model: string
  instructions: string | null
  maxOutputTokens: number | null
  temperature: number | null
  topP: number | null
  parallelToolCalls: boolean
  toolChoice: unknown
  tools: unknown[]
  text: { format: unknown }
}

/** The request, checked, as the core takes it; `invalid_input` naming the first thing wrong. */
export function parseResponsesRequest(body: unknown): { request: CoreRequest; stream: boolean; echo: Echo } {
  const body_ = parseBody(ResponsesRequest, body)
  refuseStoredState(body_)
  const { reply, tools } = replyOptions(body_)
  const model = body_.model ?? AUTO_MODEL_ID
  return {
    request: {
      model,
      messages: [...(body_.instructions ? [{ role: 'system' as const, content: body_.instructions }] : []), ...toTurns(body_.input)],
      ...(body_.max_output_tokens && { maxTokens: body_.max_output_tokens }),
      ...(typeof body_.temperature === 'number' && { temperature: body_.temperature }),
      reply,
    },
    stream: body_.stream === true,
    echo: {
      model,
      instructions: body_.instructions ?? null,
      maxOutputTokens: body_.max_output_tokens ?? null,
      temperature: body_.temperature ?? null,
      topP: body_.top_p ?? null,
      parallelToolCalls: body_.parallel_tool_calls !== false,
      toolChoice: (body as { tool_choice?: unknown }).tool_choice ?? 'auto',
      tools: tools.map((t) => ({ type: 'function', name: t.name, description: t.description ?? null, parameters: t.parameters, strict: true })),
      text: { format: body_.text?.format ?? { type: 'text' } },
    },
  }
}

/**
 * What OpenAI keeps on its side and Aura does not: past responses, conversations, stored prompts.
 * Keeping them would mean holding every app's conversations in Aura's memory or on disk; an app
 * sends the whole conversation in `input` instead (what `store: false` clients do anyway).
 */
function refuseStoredState(body: ResponsesRequest): void {
  const resend = 'Send the whole conversation in `input` instead (the earlier output items with your new message).'
  if (body.previous_response_id) throw new AuraError('invalid_input', `Aura keeps no responses, so \`previous_response_id\` cannot be followed. ${resend}`, { param: 'previous_response_id' })
  if (body.conversation !== undefined && body.conversation !== null) throw new AuraError('invalid_input', `Aura keeps no conversations, so \`conversation\` cannot be followed. ${resend}`, { param: 'conversation' })
  if (body.prompt !== undefined && body.prompt !== null) throw new AuraError('invalid_input', 'Aura keeps no stored prompts: send the prompt itself as `instructions` and `input`.', { param: 'prompt' })
  if (body.background) throw new AuraError('invalid_input', 'Aura keeps no responses to fetch later, so `background` cannot be used. Stream the response instead (`stream: true`).', { param: 'background' })
}

function replyOptions(body: ResponsesRequest): { reply: ReplyOptions; tools: { name: string; description?: string; parameters: Record<string, unknown> }[] } {
  const choice = body.tool_choice
  const allowed = choice?.type === 'allowed_tools' ? new Set(choice.tools.map((t) => t.name)) : null
  const tools = (body.tools ?? [])
    .filter((t) => t.type === 'function' && (!allowed || allowed.has(t.name)))
    .map((t) => ({ name: t.name!, ...(t.description && { description: t.description }), parameters: t.parameters ?? { type: 'object', properties: {} } }))
  const toolChoice: ToolChoice | undefined = !choice ? undefined : choice.type === 'function' ? { name: choice.name } : choice.type === 'allowed_tools' ? choice.mode : choice.type
  if (typeof toolChoice === 'object' && !tools.some((t) => t.name === toolChoice.name)) {
    throw new AuraError('invalid_input', `\`tool_choice\` names the function "${toolChoice.name}", which is not among \`tools\`.`, { param: 'tool_choice' })
  }
  const offersTools = tools.length > 0 && toolChoice !== 'none'
  const format = body.text?.format
  return {
    tools,
    reply: {
      ...(offersTools && { tools, ...(toolChoice && { toolChoice }) }),
      ...(body.parallel_tool_calls === false && { parallelToolCalls: false }),
      // A local model cannot follow a JSON format and tools at once: the tools go first (the format is for its final answer).
      ...(!offersTools && format?.type === 'json_object' && { responseFormat: { type: 'json_object' as const } }),
      ...(!offersTools && format?.type === 'json_schema' && { responseFormat: { type: 'json_schema' as const, schema: format.schema } }),
      ...(typeof body.top_p === 'number' && { topP: body.top_p }),
    },
  }
}

/** Input items as turns: function_call items join the assistant turn before them; reasoning is skipped. */
function toTurns(items: Item[]): ChatTurn[] {
  const turns: ChatTurn[] = []
  const names = new Map<string, string>()
  for (const [index, item] of items.entries()) {
    switch (item.type) {
      case 'message': {
        const content = textOf(item.content)
        turns.push(item.role === 'assistant' ? { role: 'assistant', content } : { role: item.role === 'user' ? 'user' : 'system', content })
        break
      }
      case 'function_call': {
        const call: ToolCall = { id: item.call_id, name: item.name, arguments: parseArguments(item.arguments, index) }
        names.set(call.id, call.name)
        const last = turns.at(-1)
        if (last?.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), call]
        else turns.push({ role: 'assistant', content: '', toolCalls: [call] })
        break
      }
      case 'function_call_output':
        turns.push({ role: 'tool', toolCallId: item.call_id, name: names.get(item.call_id) ?? 'tool', content: textOf(item.output) })
        break
      case 'reasoning':
        break
      case 'item_reference':
        throw new AuraError('invalid_input', 'Aura keeps no responses, so an `item_reference` cannot be followed. Send the item itself in `input`.', { param: `input.${index}` })
    }
  }
  return turns
}

function textOf(content: z.infer<typeof Content>): string {
  return content.map((part) => (part.type === 'refusal' ? part.refusal : part.text)).join('')
}

function parseArguments(text: string, index: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || '{}')
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // Worded below.
  }
  throw new AuraError('invalid_input', 'A function_call item’s `arguments` is not a JSON object.', { param: `input.${index}.arguments` })
}

const newId = (prefix: string) => `${prefix}_${randomUUID().replaceAll('-', '')}`

/** The ids one response's output carries, made once so its events and its final object agree. */
interface Ids {
  response: string
  message: string
  createdAt: number
}

function usageOf(reply: CoreReply) {
  const { inputTokens, outputTokens, cacheReadTokens } = reply.usage
  return { input_tokens: inputTokens, input_tokens_details: { cached_tokens: cacheReadTokens }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: inputTokens + outputTokens }
}

type Status = 'in_progress' | 'completed' | 'incomplete' | 'failed'

function messageItem(ids: Ids, text: string, status: Status) {
  return { id: ids.message, type: 'message' as const, status, role: 'assistant', content: [outputText(text)] }
}

function outputText(text: string) {
  return { type: 'output_text', text, annotations: [], logprobs: [] }
}

function functionCalls(reply: CoreReply) {
  return reply.toolCalls.map((call) => ({ id: `fc_${call.id.replace(/^call_/, '')}`, type: 'function_call' as const, status: 'completed', call_id: call.id, name: call.name, arguments: JSON.stringify(call.arguments) }))
}

type OutputItem = ReturnType<typeof messageItem> | ReturnType<typeof functionCalls>[number]

/** The Response object: `status`, `output` and `usage` from the reply (absent while in progress), the rest echoed from the request. */
function responseObject(ids: Ids, echo: Echo, state: { status: Status; model?: string; output?: OutputItem[]; usage?: ReturnType<typeof usageOf>; error?: { code: string; message: string } }) {
  return {
    id: ids.response,
    object: 'response',
    created_at: ids.createdAt,
    status: state.status,
    ...(state.status === 'completed' && { completed_at: Math.floor(Date.now() / 1000) }),
    error: state.error ?? null,
    incomplete_details: state.status === 'incomplete' ? { reason: 'max_output_tokens' } : null,
    instructions: echo.instructions,
    max_output_tokens: echo.maxOutputTokens,
    model: state.model ?? echo.model,
    output: state.output ?? [],
    parallel_tool_calls: echo.parallelToolCalls,
    previous_response_id: null,
    reasoning: null,
    store: false,
    temperature: echo.temperature,
    text: echo.text,
    tool_choice: echo.toolChoice,
    tools: echo.tools,
    top_p: echo.topP,
    truncation: 'disabled',
    usage: state.usage ?? null,
    metadata: {},
  }
}

/** A reply cut off by the length limit is `incomplete` (`incomplete_details.reason: max_output_tokens`). */
function finished(reply: CoreReply, ids: Ids, echo: Echo) {
  const status = reply.stopReason === 'max_tokens' ? 'incomplete' : 'completed'
  const calls = functionCalls(reply)
  const message = reply.text || calls.length === 0 ? [messageItem(ids, reply.text, status)] : []
  return responseObject(ids, echo, { status, model: reply.modelId, output: [...message, ...calls], usage: usageOf(reply) })
}

/**
 * The stream's events, each with its `sequence_number`: response.created and .in_progress, the
 * message item (output_item.added, content_part.added, output_text.delta…, .done events), function
 * calls whole at the end (the local engine does not stream their arguments yet), then
 * response.completed or response.incomplete with usage — or, on a failure partway, `error` (what
 * the SDK raises) and response.failed (what clients that follow the status read).
 */
class ResponseEvents {
  private sequence = 0
  private text = ''
  private messageOpen = false

  constructor(
    private readonly res: ServerResponse,
    private readonly ids: Ids,
    private readonly echo: Echo,
  ) {}

  private send(type: string, data: Record<string, unknown>): void {
    this.res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data, sequence_number: this.sequence++ })}\n\n`)
  }

  start(): void {
    const response = responseObject(this.ids, this.echo, { status: 'in_progress' })
    this.send('response.created', { response })
    this.send('response.in_progress', { response })
  }

  delta(text: string): void {
    if (!this.messageOpen) {
      this.messageOpen = true
      this.send('response.output_item.added', { output_index: 0, item: { ...messageItem(this.ids, '', 'in_progress'), content: [] } })
      this.send('response.content_part.added', { item_id: this.ids.message, output_index: 0, content_index: 0, part: outputText('') })
    }
    this.text += text
    this.send('response.output_text.delta', { item_id: this.ids.message, output_index: 0, content_index: 0, delta: text, logprobs: [] })
  }

  finish(reply: CoreReply): void {
    const final = finished(reply, this.ids, this.echo)
    if (!this.messageOpen && final.output[0]?.type === 'message') this.delta('')
    const message = final.output[0]
    if (this.messageOpen && message?.type === 'message') {
      const where = { item_id: this.ids.message, output_index: 0, content_index: 0 }
      this.send('response.output_text.done', { ...where, text: this.text, logprobs: [] })
      this.send('response.content_part.done', { ...where, part: message.content[0] })
      this.send('response.output_item.done', { output_index: 0, item: message })
    }
    for (const [index, item] of final.output.entries()) {
      if (item.type !== 'function_call') continue
      this.send('response.output_item.added', { output_index: index, item: { ...item, status: 'in_progress', arguments: '' } })
      this.send('response.function_call_arguments.delta', { item_id: item.id, output_index: index, delta: item.arguments })
      this.send('response.function_call_arguments.done', { item_id: item.id, output_index: index, name: item.name, arguments: item.arguments })
      this.send('response.output_item.done', { output_index: index, item })
    }
    this.send(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final })
  }

  fail(error: AuraError): void {
    const { error: worded } = errorReply(error).body as { error: { message: string; type: string; code: string | null; param: string | null } }
    this.send('error', { code: worded.code, message: worded.message, param: worded.param, error: worded })
    const output = this.messageOpen ? [messageItem(this.ids, this.text, 'incomplete')] : []
    this.send('response.failed', { response: responseObject(this.ids, this.echo, { status: 'failed', output, error: { code: 'server_error', message: error.message } }) })
  }
}

/** How server.ts lends this route the exchange: its answer as JSON, or an event stream opened with its first event. */
export interface Exchange {
  res: ServerResponse
  signal: AbortSignal
  json(body: unknown): void
  open(first: () => void): () => void
}

/**
 * `POST /v1/responses`. A streamed answer opens with its first piece of text (as the other routes'
 * do), so an error before any text keeps its own status; after that a failure ends the stream in
 * events of its own.
 */
export async function answerResponse(gateway: Gateway, app: AppKey, body: unknown, { res, signal, json, open: openStream }: Exchange): Promise<void> {
  const { request, stream, echo } = parseResponsesRequest(body)
  const ids: Ids = { response: newId('resp'), message: newId('msg'), createdAt: Math.floor(Date.now() / 1000) }
  if (!stream) return json(finished(await gateway.reply(app, request, { signal }), ids, echo))
  const events = new ResponseEvents(res, ids, echo)
  const open = openStream(() => events.start())
  try {
    const reply = await gateway.reply(app, request, {
      signal,
      onText: (text) => {
        open()
        events.delta(text)
      },
    })
    if (signal.aborted) return void res.end()
    open()
    events.finish(reply)
  } catch (error) {
    if (!res.headersSent || !(error instanceof AuraError)) throw error
    events.fail(error)
  }
  res.end()
}
