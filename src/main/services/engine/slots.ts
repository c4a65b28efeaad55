/**
 * Which of a context's sequences ("slots") a request gets (how many there are: fit's sequencesThatFit).
 * Pure functions: the engine (llamaEngine.ts) owns the sequences themselves.
 */
/** At most this many requests are written at once on one model. */
export const MAX_SLOTS = 8

/**
 * A slot holding another conversation is taken over for a shared prefix only when the prefix is at
 * least this long (a system prompt, a tool list); below it an empty slot is the better choice, and
 * the other conversation's tokens stay cached.
 */
export const MIN_SHARED_PREFIX = 32

export interface SlotView {
  busy: boolean
  /** The conversation (or API client) whose tokens the slot holds; null when none. */
  cacheKey: string | null
  /** The tokens in the slot's sequence. */
  tokens: readonly number[]
  /** When the slot was last given to a request (any increasing clock). */
  usedAt: number
}

export interface SlotWish {
  cacheKey?: string | null
  /** The request's prompt, as near as known before templating details (it only ranks slots). */
  tokens: readonly number[]
}

/**
 * A free slot for `wish`, or null when all are busy: the slot of the same conversation; else the
 * one sharing the longest prefix (at least {@link MIN_SHARED_PREFIX} tokens); else an empty slot;
 * else the least recently used, whose cached tokens are given up.
 */
export function pickSlot(slots: readonly SlotView[], wish: SlotWish): number | null {
  let best: { index: number; rank: number; prefix: number; usedAt: number } | null = null
  for (const [index, slot] of slots.entries()) {
    if (slot.busy) continue
    const prefix = commonPrefixLength(slot.tokens, wish.tokens)
    const empty = slot.cacheKey === null && slot.tokens.length === 0
    const rank = wish.cacheKey && slot.cacheKey === wish.cacheKey ? 3 : prefix >= MIN_SHARED_PREFIX ? 2 : empty ? 1 : 0
    const better =
      !best || rank > best.rank || (rank === best.rank && (rank === 2 ? prefix > best.prefix : rank === 0 && slot.usedAt < best.usedAt))
    if (better) best = { index, rank, prefix, usedAt: slot.usedAt }
  }
  return best?.index ?? null
}

export function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length)
  let i = 0
  while (i < length && a[i] === b[i]) i++
  return i
}
