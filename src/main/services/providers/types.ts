import type { ReplyPhase } from '../../../shared/api'
import type { ChatTurn, GenerateResult, ReplyOptions } from '../engine/inferenceEngine'

/** A cloud reply, asked like a local one; `model` is the cloud model id `<provider>:<model>`. */
export interface CloudGenerateRequest extends ReplyOptions {
  model: string
  messages: ChatTurn[]
  maxTokens: number
  temperature: number
  /** Aborting stops the reply at once; `generate` then resolves with stopReason 'aborted'. */
  signal?: AbortSignal
  onText?: (text: string) => void
  /** Reasoning the provider streams (a summary, or the thoughts themselves): never part of the text. */
  onThought?: (text: string) => void
  /** 'reading' until the first thought or word, then 'thinking' / 'writing'. */
  onPhase?: (phase: ReplyPhase) => void
}

/** `stats.inputTokens` and `stats.costUsd` are filled from the reply's real usage and the price table. */
export type CloudGenerateResult = GenerateResult
