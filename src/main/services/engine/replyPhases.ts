import type { LlamaChatResponseChunk } from 'node-llama-cpp'
import type { ReplyPhase } from '../../../shared/api'

interface Sinks {
  onThought?: (text: string) => void
  onPhase?: (phase: ReplyPhase) => void
}

/** A piece of a reply as it arrives: the answer's text, or a segment of another kind (a thought). */
export interface ReplyPiece {
  /** 'thought': reasoning, shown apart; 'comment' and other segments are neither shown nor answer text. */
  kind: 'text' | 'thought' | 'other'
  text: string
}

/**
 * Where a reply is, from the pieces it streams: one listener for the local engine and the cloud.
 * Each phase is told once when it begins ('thinking' again after writing, for a model that thinks
 * between tool calls); thoughts go to `onThought`, never into the answer. A listener that throws
 * never stops the reply.
 */
export class ReplyPhases {
  private phase: ReplyPhase | null = null

  constructor(
    private readonly sinks: Sinks,
    private readonly warn: (message: string, error: unknown) => void,
  ) {}

  enter(phase: ReplyPhase): void {
    if (this.phase === phase) return
    this.phase = phase
    this.call(() => this.sinks.onPhase?.(phase))
  }

  piece(piece: ReplyPiece): void {
    if (piece.text === '' || piece.kind === 'other') return
    if (piece.kind === 'text') return this.enter('writing')
    this.enter('thinking')
    this.call(() => this.sinks.onThought?.(piece.text))
  }

  private call(fn: () => void): void {
    try {
      fn()
    } catch (error) {
      this.warn('A reply listener failed', error)
    }
  }
}

/**
 * A segment of a local reply (node-llama-cpp's `onResponseChunk`): a thought, or another kind
 * (a comment) that is neither shown nor answer text. Null for the answer's own text, which comes
 * through `onTextChunk` (called before `onResponseChunk` for the same tokens).
 */
export function segmentPiece(chunk: LlamaChatResponseChunk): ReplyPiece | null {
  if (chunk.type !== 'segment') return null
  return { kind: chunk.segmentType === 'thought' ? 'thought' : 'other', text: chunk.text }
}
