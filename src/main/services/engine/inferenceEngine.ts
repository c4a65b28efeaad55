import type { BackendChoice, EngineStatus, GenerationStats, ReplyPhase, Settings, Threads } from '../../../shared/api'
import type { EmbedRequest, EmbedResult } from './embeddings'

export type { EmbedRequest, EmbedResult } from './embeddings'

/**
 * One turn of a conversation. An assistant turn may carry the tool calls it made; each call's
 * result follows as a `tool` turn (in any order, before the next user turn).
 */
export type ChatTurn =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string }

/** A call the model made: `arguments` is the parsed JSON object (it validates against the tool's schema). */
export interface ToolCall {
  id: string
  name: string
  arguments: Record<string, unknown>
}

/** A tool the model may call; `parameters` is a JSON Schema (see engine/jsonSchema.ts for what a local model accepts). */
export interface ToolDefinition {
  name: string
  description?: string
  parameters: Record<string, unknown>
}

/** `auto`: the model decides; `none`: no call; `required`: at least one call; `{ name }`: a call to that tool. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string }

/** A reply that is JSON: any JSON object, or JSON that validates against `schema`. */
export type ResponseFormat = { type: 'json_object' } | { type: 'json_schema'; schema: Record<string, unknown> }

export interface ModelRef {
  id: string
  file: string
}

export interface GenerateRequest {
  model: ModelRef
  messages: ChatTurn[]
  maxTokens: number
  temperature: number
  threads: Threads
  contextSize: number
  /** How the KV cache is stored (default 'auto': f16 unless memory is short). */
  kvCacheType?: Settings['kvCacheType']
  /** Layers on the graphics card (default 'auto': as many as the memory estimate fits). */
  gpuLayers?: number | 'auto'
  /** Flash attention (default 'auto': on where the model supports it; off keeps the KV cache f16). */
  flashAttention?: boolean | 'auto'
  /** Load the model even when the memory estimate says it is too big for this computer (the user chose to). */
  loadAnyway?: boolean
  /**
   * Whose request this is (a conversation id; an API client later): the engine keeps each key's
   * tokens in a slot of its own while memory allows, so the next request of the same conversation
   * reads only what is new.
   */
  cacheKey?: string
  /** Aborting stops the reply at once (also while it waits for a slot); `generate` then resolves with stopReason 'aborted'. */
  signal?: AbortSignal
  /** Called with each new piece of text, in order. */
  onText?: (text: string) => void
  /** Called with each new piece of a reasoning model's thoughts (never part of the text). */
  onThought?: (text: string) => void
  /** Where the reply is: 'loading' (only when the model must be loaded), 'reading' the prompt, 'thinking' (a model that thinks), 'writing'. */
  onPhase?: (phase: ReplyPhase) => void
  /** Tools the model may call (see ToolChoice; default `auto`). */
  tools?: ToolDefinition[]
  toolChoice?: ToolChoice
  /** false: at most one call per reply. Default: as many as the model's format allows. */
  parallelToolCalls?: boolean
  /** Constrains the reply to JSON (not together with tools). */
  responseFormat?: ResponseFormat
  /** The reply ends before the first of these (which is not part of the text). */
  stop?: string[]
  topP?: number
  /** The same seed, request and model give the same reply. */
  seed?: number
}

/** How a reply is written beyond its text: tools, JSON, stop strings, sampling (the local engine and the cloud both take them). */
export type ReplyOptions = Pick<GenerateRequest, 'tools' | 'toolChoice' | 'parallelToolCalls' | 'responseFormat' | 'stop' | 'topP' | 'seed'>

export interface GenerateResult {
  text: string
  /** `tool_calls`: the reply ends with `toolCalls`, waiting for their results; `stop`: a `stop` string ended it. */
  stopReason: 'end' | 'max_tokens' | 'aborted' | 'tool_calls' | 'stop'
  stats: GenerationStats
  /** The calls the model made (stopReason `tool_calls`). */
  toolCalls?: ToolCall[]
  /** The `stop` string that ended the reply (stopReason `stop`). */
  stopSequence?: string
}

export interface LoadOptions {
  threads: Threads
  contextSize: number
  /** How the KV cache is stored (default 'auto': f16 unless memory is short). */
  kvCacheType?: Settings['kvCacheType']
  /** Layers on the graphics card (default 'auto': as many as the memory estimate fits). */
  gpuLayers?: number | 'auto'
  /** Flash attention (default 'auto': on where the model supports it; off keeps the KV cache f16). */
  flashAttention?: boolean | 'auto'
  /** Load the model even when the memory estimate says it is too big for this computer (the user chose to). */
  loadAnyway?: boolean
}

/**
 * Local inference, in process. One engine per app; one chat model loaded at a time (embedding models
 * beside it, see embeddings.ts and budget.ts): asking for another chat model unloads the first.
 * Several requests are written at once on the chat model (see docs/engine.md); the rest wait their
 * turn. Errors are AuraErrors with plain-words messages
 * (`model_invalid` for a damaged file, `model_too_big` (with the FitEstimate as data) for a model
 * the memory estimate says will not fit, `model_load_failed`, `generation_failed`, `busy` when
 * `load` would switch models under running replies).
 */
export interface InferenceEngine {
  status(): EngineStatus
  /** What it runs models on (CUDA, Vulkan, Metal or the processor) once it has loaded one; optional for stand-ins. */
  backend?(): BackendChoice | null
  /** Starts the back-end again at the next load (after the NVIDIA speed-up is installed); optional for stand-ins. */
  restartBackend?(): Promise<void>
  onStatus(listener: (status: EngineStatus) => void): () => void
  load(model: ModelRef, options: LoadOptions): Promise<void>
  generate(request: GenerateRequest): Promise<GenerateResult>
  /**
   * Unit-length vectors for texts, from an embedding model loaded beside the chat model (within one
   * memory budget: the least recently used idle model makes room). `invalid_input` for a chat model
   * or a text longer than the model's window (split it: Aura does not cut texts silently).
   */
  embed(request: EmbedRequest): Promise<EmbedResult>
  /** Unloads every model (chat and embeddings). */
  unload(): Promise<void>
  dispose(): Promise<void>
}

/** Tokens per second while writing: from the first token to the last (reading the prompt is not counted). */
export function decodeRate(tokens: number, firstTokenAt: number | null, lastTokenAt: number): number {
  const decodeMs = firstTokenAt === null ? 0 : lastTokenAt - firstTokenAt
  return tokens > 1 && decodeMs > 0 ? ((tokens - 1) * 1000) / decodeMs : 0
}
