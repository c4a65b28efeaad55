import { createHash } from 'node:crypto'
import type { Settings } from '../../../shared/api'
import type { ChatTurn, GenerateResult } from '../engine/inferenceEngine'

export interface CacheKeyParts {
  modelId: string
  messages: ChatTurn[]
  maxTokens: number
  temperature: number
}

export interface CachedReply {
  text: string
  stopReason: Exclude<GenerateResult['stopReason'], 'aborted' | 'tool_calls'>
  inputTokens: number
  outputTokens: number
}

/**
 * Exact-match response cache: the same model, messages and parameters give the same answer back
 * without asking the model again. In memory, least recently used first out. A sampled reply
 * (temperature above 0) is a fresh draw each time, so it is cached only when the user says `always`.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedReply>()

  constructor(private readonly capacity = 500) {}

  /** Whether replies with these parameters may be looked up and kept. */
  static applies(mode: Settings['responseCache'], temperature: number): boolean {
    return mode === 'always' || (mode === 'deterministic' && temperature === 0)
  }

  static key(parts: CacheKeyParts): string {
    const canonical = JSON.stringify([parts.modelId, parts.maxTokens, parts.temperature, parts.messages.map((m) => [m.role, m.content])])
    return createHash('sha256').update(canonical).digest('hex')
  }

  get(key: string): CachedReply | null {
    const hit = this.entries.get(key)
    if (!hit) return null
    // Touch: move to the most recently used end.
    this.entries.delete(key)
    this.entries.set(key, hit)
    return hit
  }

  set(key: string, reply: CachedReply): void {
    this.entries.delete(key)
    this.entries.set(key, reply)
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!)
  }

  clear(): void {
    this.entries.clear()
  }
}
