/**
 * Decoding several sequences of one context in lockstep: each llama.cpp step carries the next token
 * of every reply being written, ordered by sequence id.
 *
 * Why: node-llama-cpp's default schedule dispatches a batch on the next event-loop cycle with
 * whatever has been queued by then, so sequences drift apart and most steps carry one or two of
 * them; and llama.cpp batches a step's sequences well only when their ids come consecutive and
 * increasing. Measured on a 148M F16 llama, 1 thread, 4 sequences: 44.9 tok/s with loose loops,
 * 90.9 stepped together in id order (docs/engine.md).
 *
 * How: the context's `_decodeTokens` (where a sequence queues tokens to decode) is wrapped so that
 * while several replies are being written, a sequence's tokens wait until every other active
 * sequence has queued its own (or still has tokens queued, such as the rest of a long prompt), or
 * `waitMs` passed (so a sequence busy with something else cannot hold up the others); then they are
 * queued together in sequence-id order and node-llama-cpp's next step takes them all. Its
 * `batching.itemPrioritizationStrategy` orders each step's items by sequence id, one token each for
 * the replies being written and the rest of the batch for prompts being read. Gating the queue,
 * not only the dispatch, matters: node-llama-cpp's dispatch loop goes on with whatever is queued
 * when a step ends, so a custom `dispatchSchedule` alone still lets sequences drift into
 * alternating half-full steps (measured: 3 sequences, 1 step in 57 carried all three).
 *
 * This needs internals of node-llama-cpp 3.21: LlamaContext's `_decodeTokens`, `_queuedDecodes`
 * and `_queuedDecodeSequenceIds`, and LlamaContextSequence's `_sequenceId`. This module is the only
 * place that touches them; lockstep.test.ts fails when they change, and without them
 * {@link Lockstep.attach} returns false and node-llama-cpp schedules as it always does.
 */
import type { BatchingOptions, BatchItem, LlamaContext, LlamaContextSequence, PrioritizedBatchItem } from 'node-llama-cpp'

type DecodeTokens = (item: { sequenceId: number }, ...rest: unknown[]) => Promise<unknown>

interface ContextInternals {
  _decodeTokens: DecodeTokens
  _queuedDecodes: Array<{ sequenceId: number; tokens: BatchItem['tokens'] }>
  _queuedDecodeSequenceIds: Set<number>
}

/** How long queued tokens wait at most for an active sequence that has not queued its next ones. */
export const LOCKSTEP_WAIT_MS = 10

/**
 * Prompt tokens read per step while other replies are being written: each of their tokens then
 * waits for this much prompt reading, not for a whole batch (512) of it.
 */
export const PROMPT_TOKENS_PER_STEP = 128

export class Lockstep {
  /** Pass to `createContext({ batching })`. */
  readonly batching: BatchingOptions
  private context: ContextInternals | null = null
  private readonly active = new Set<number>()
  /** Decodes held back until the step is complete, with how to queue them. */
  private held: Array<{ sequenceId: number; queue: () => void }> = []
  /** Active sequences that have not queued a decode yet (they may be erasing a slot's old tokens). */
  private readonly starting = new Set<number>()
  /** Held decodes on their way to the queue behind the context's lock. */
  private readonly releasing = new Set<number>()
  private readonly sequences = new Map<number, LlamaContextSequence>()
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly waitMs = LOCKSTEP_WAIT_MS) {
    this.batching = { itemPrioritizationStrategy: (options) => this.prioritize(options) }
  }

  /** Starts stepping `context`'s sequences together; false when this node-llama-cpp lacks what it needs. */
  attach(context: LlamaContext): boolean {
    const internals = context as unknown as Partial<ContextInternals>
    const decode = internals._decodeTokens
    if (typeof decode !== 'function' || !Array.isArray(internals._queuedDecodes) || !(internals._queuedDecodeSequenceIds instanceof Set)) return false
    const original = decode.bind(context) as DecodeTokens
    internals._decodeTokens = (item, ...rest) => {
      this.starting.delete(item.sequenceId)
      if (this.active.size < 2 || !this.active.has(item.sequenceId)) return original(item, ...rest)
      return new Promise((resolve, reject) => {
        this.held.push({ sequenceId: item.sequenceId, queue: () => original(item, ...rest).then(resolve, reject) })
        this.release()
      })
    }
    this.context = internals as ContextInternals
    return true
  }

  /** A reply is being written on `sequence`: steps wait for it. */
  begin(sequence: LlamaContextSequence): void {
    const id = sequenceId(sequence)
    if (id === null) return
    this.active.add(id)
    this.starting.add(id)
    this.sequences.set(id, sequence)
  }

  end(sequence: LlamaContextSequence): void {
    const id = sequenceId(sequence)
    if (id !== null) {
      this.active.delete(id)
      this.starting.delete(id)
      this.sequences.delete(id)
    }
    this.release()
  }

  /**
   * Queues the held decodes, in sequence-id order, once every active sequence has its part in (or
   * after waitMs). A forced release while a sequence is starting goes behind the context's lock:
   * see {@link queueAfterContextLock}.
   */
  private release(force = false): void {
    if (this.held.length === 0) return
    const queued = this.context?._queuedDecodeSequenceIds
    const inStep = (id: number) => queued?.has(id) || this.held.some((held) => held.sequenceId === id) || this.releasing.has(id)
    const complete = [...this.active].every(inStep)
    if (!force && !complete) {
      this.timer ??= setTimeout(() => this.release(true), this.waitMs)
      return
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const held = this.held.sort((a, b) => a.sequenceId - b.sequenceId)
    this.held = []
    const starting = [...this.starting].some((id) => !inStep(id))
    if (complete || !starting || (this.context?._queuedDecodes.length ?? 0) > 0) {
      for (const { queue } of held) queue()
      return
    }
    this.queueAfterContextLock(held)
  }

  /**
   * A sequence starting on a slot that holds other tokens first erases them, under the context's
   * lock, which node-llama-cpp's dispatch loop keeps from one step to the next as long as decodes
   * are queued when a step ends. Queued at once, a decode forced out while the step is still
   * sampling (a busy machine) keeps that loop going, step after step, and the starting sequence
   * waits until every other reply is finished (measured: 7–12 s, the bench's gateway fairness).
   * Queued behind the lock instead, the loop ends with the step, the erase goes first (the lock is
   * first come, first served) and these decodes right after it. `eraseContextTokenRanges([])` is
   * node-llama-cpp's public way to wait for that lock; it erases nothing.
   */
  private queueAfterContextLock(held: Array<{ sequenceId: number; queue: () => void }>): void {
    const sequence = this.sequences.get(held[0]!.sequenceId)
    for (const { sequenceId } of held) this.releasing.add(sequenceId)
    const queue = () => {
      for (const { sequenceId, queue } of held) {
        this.releasing.delete(sequenceId)
        queue()
      }
    }
    if (!sequence) return queue()
    sequence.eraseContextTokenRanges([]).then(queue, queue)
  }

  /**
   * In sequence-id order: one token for each item first (the replies being written), then the rest
   * of the batch in that order (prompts) — at most {@link PROMPT_TOKENS_PER_STEP} of it while other
   * replies are being written.
   */
  private prioritize({ items, size }: { items: readonly BatchItem[]; size: number }): PrioritizedBatchItem[] {
    const ids = new Map<BatchItem['tokens'], number>()
    for (const queued of this.context?._queuedDecodes ?? []) ids.set(queued.tokens, queued.sequenceId)
    const ordered = [...items].sort((a, b) => (ids.get(a.tokens) ?? 0) - (ids.get(b.tokens) ?? 0))
    let left = size
    const result = ordered.map((item) => {
      const processAmount = Math.min(1, item.tokens.length, left)
      left -= processAmount
      return { item, processAmount }
    })
    let promptLeft = this.active.size > 1 ? PROMPT_TOKENS_PER_STEP : size
    for (const entry of result) {
      if (entry.item.tokens.length > 1) promptLeft -= entry.processAmount
    }
    for (const entry of result) {
      const more = Math.max(0, Math.min(entry.item.tokens.length - entry.processAmount, left, promptLeft))
      entry.processAmount += more
      left -= more
      promptLeft -= more
    }
    // node-llama-cpp would round a 0 up to 1 token: leave those items for the next step.
    return result.filter((entry) => entry.processAmount > 0)
  }
}

function sequenceId(sequence: LlamaContextSequence): number | null {
  const id = (sequence as unknown as { _sequenceId?: unknown })._sequenceId
  return typeof id === 'number' ? id : null
}
