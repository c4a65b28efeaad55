import type { EngineStatus, GenerationStats, Threads } from '../../../shared/api'
import type { EmbedRequest, EmbedResult } from './embeddings'

export type { EmbedRequest, EmbedResult } from './embeddings'

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant'
  content: string
}

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
  /** Load the model even when the memory estimate says it is too big for this computer (the user chose to). */
  loadAnyway?: boolean
  /** Aborting stops the reply at once; `generate` then resolves with stopReason 'aborted'. */
  signal?: AbortSignal
  /** Called with each new piece of text, in order. */
  onText?: (text: string) => void
}

export interface GenerateResult {
  text: string
  stopReason: 'end' | 'max_tokens' | 'aborted'
  stats: GenerationStats
}

export interface LoadOptions {
  threads: Threads
  contextSize: number
  /** Load the model even when the memory estimate says it is too big for this computer (the user chose to). */
  loadAnyway?: boolean
}

/**
 * Local inference, in process. One engine per app; one chat model loaded at a time (embedding models
 * beside it, see embeddings.ts and budget.ts): asking for
 * another chat model unloads the first. Errors are AuraErrors with plain-words messages
 * (`model_invalid` for a damaged file, `model_too_big` (with the FitEstimate as data) for a model
 * the memory estimate says will not fit, `model_load_failed`, `generation_failed`, `busy`).
 */
export interface InferenceEngine {
  status(): EngineStatus
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
