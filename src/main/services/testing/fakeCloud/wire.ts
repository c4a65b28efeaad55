/**
 * What every wire format of the fake cloud supplies (its auth header, request shape, error bodies,
 * models list, reply and stream events), and the pieces they share.
 */
import type { IncomingMessage } from 'node:http'
import type { FakeCloudProvider, FakeOpenRouterPricing } from './types'

export interface ChatRequest {
  model: string
  stream: boolean
  includeUsage: boolean
  maxTokens?: number
  promptTokens: number
  lastUserText: string
  /** The names of the tools the request offers. */
  tools: string[]
  /** When the conversation ends with a tool's result: its text. */
  toolResult?: string
}

/** A tool call the reply makes (the `toolCall` switch). */
export interface ToolCallReply {
  id: string
  name: string
  arguments: Record<string, unknown>
}

/** A reply (or error) with a JSON body. */
export interface JsonReply {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** Token counts a reply's usage reports; cache reads and writes are part of `prompt`, reasoning is not part of the words. */
export interface ReplyTokens {
  prompt: number
  cacheRead: number
  cacheWrite: number
  reasoning: number
}

export interface Reply {
  chat: ChatRequest
  words: string[]
  tokens: ReplyTokens
  finish: 'stop' | 'length' | 'tool_calls'
  /** Set when the reply is a call to a tool (then `words` is empty). */
  toolCall?: ToolCallReply
  provider: FakeCloudProvider
  id: string
  created: number
  /** Reasoning streamed before the answer (the `thoughts` switch). */
  thoughts?: string
}

export const replyText = (r: Reply): string => r.words.join(' ')

/** A tool call's arguments as JSON, in two pieces, as a stream sends them. */
export function argumentPieces(call: ToolCallReply): string[] {
  const json = JSON.stringify(call.arguments)
  const half = Math.ceil(json.length / 2)
  return [json.slice(0, half), json.slice(half)].filter(Boolean)
}

/** The SSE events of a reply: `content` marks the events that carry one word (or one piece of a tool call's arguments) each. */
export interface SseEvent {
  text: string
  content: boolean
}

export interface Wire {
  /** The key the request carries, in this provider's auth header (or `?key=`). */
  key(req: IncomingMessage, query: URLSearchParams): string | undefined
  /** Headers on every answer. */
  headers(): Record<string, string>
  /** A chat call's body (`route` is the path after the prefix and version). */
  parseChat(body: Json, route: string): ChatRequest
  /** The body of `GET models` (`prices`: OpenRouter's published prices). */
  models(models: string[], prices: Record<string, FakeOpenRouterPricing>): unknown
  /** A GET only this provider has (key info, one model's entry), or null when `route` is none of them. */
  get?(route: string, ask: { key: string | undefined; models: string[]; noCredit: boolean }): JsonReply | null
  /** The route that tells the balance instead of refusing when the credit is gone. */
  balanceRoute?: string
  invalidKey(key: string | undefined): JsonReply
  noCredit(): JsonReply
  rateLimit(seconds: number): JsonReply
  /** Each provider's default status when none is given. */
  serverError(status?: number): JsonReply
  modelNotFound(model: string): JsonReply
  notFound(path: string): JsonReply
  /** A non-streaming reply's body. */
  reply(r: Reply): unknown
  /** A streamed reply's SSE events. */
  events(r: Reply): SseEvent[]
  /** The SSE text of an error sent after a 200 (the provider's own in-stream shape). */
  streamError(noCredit: boolean): string
  /** A content event cut off mid-JSON. */
  garbled: string
}

export function partsText(content: unknown): string {
  if (typeof content === 'string') return content
  if (Array.isArray(content)) {
    return content
      .map((p: unknown) => (p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string' ? (p as { text: string }).text : ''))
      .join(' ')
  }
  return ''
}

export type Json = Record<string, unknown>
export const asObj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {})
export const asArr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
export const asNum = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

export function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}

export function bearer(req: IncomingMessage): string | undefined {
  const a = headerValue(req.headers.authorization)
  const m = a ? /^Bearer\s+(.*)$/i.exec(a) : null
  return m?.[1]?.trim() || undefined
}
