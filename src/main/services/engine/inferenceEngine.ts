import type { EngineStatus, GenerationStats, Settings, Threads } from '../../../shared/api'

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
  /** How the KV cache is stored (default 'auto': f16 unless memory is short). */
  kvCacheType?: Settings['kvCacheType']
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
  /** How the KV cache is stored (default 'auto': f16 unless memory is short). */
  kvCacheType?: Settings['kvCacheType']
  /** Load the model even when the memory estimate says it is too big for this computer (the user chose to). */
  loadAnyway?: boolean
}

/**
 * Local inference, in process. One engine per app; one model loaded at a time (for now): asking for
 * another model unloads the first. Errors are AuraErrors with plain-words messages
 * (`model_invalid` for a damaged file, `model_too_big` (with the FitEstimate as data) for a model
 * the memory estimate says will not fit, `model_load_failed`, `generation_failed`, `busy`).
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
