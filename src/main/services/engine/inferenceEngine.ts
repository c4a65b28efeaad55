import type { EngineStatus, GenerationStats, Threads } from '../../../shared/api'

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
 * Local inference, in process. One engine per app; one model loaded at a time (for now): asking for
 * another model unloads the first. Several requests are written at once on the loaded model (see
 * docs/engine.md); the rest wait their turn. Errors are AuraErrors with plain-words messages
 * (`model_invalid` for a damaged file, `model_too_big` (with the FitEstimate as data) for a model
 * the memory estimate says will not fit, `model_load_failed`, `generation_failed`, `busy` when
 * `load` would switch models under running replies).
 */
export interface InferenceEngine {
  status(): EngineStatus
  onStatus(listener: (status: EngineStatus) => void): () => void
  load(model: ModelRef, options: LoadOptions): Promise<void>
  generate(request: GenerateRequest): Promise<GenerateResult>
  unload(): Promise<void>
  dispose(): Promise<void>
}

/** Tokens per second while writing: from the first token to the last (reading the prompt is not counted). */
export function decodeRate(tokens: number, firstTokenAt: number | null, lastTokenAt: number): number {
  const decodeMs = firstTokenAt === null ? 0 : lastTokenAt - firstTokenAt
  return tokens > 1 && decodeMs > 0 ? ((tokens - 1) * 1000) / decodeMs : 0
}
