import { describe, expect, it } from 'vitest'
import { MIN_SHARED_PREFIX, pickSlot, type SlotView } from './slots'

const tokens = (from: number, length: number) => Array.from({ length }, (_, i) => from + i)
const slot = (overrides: Partial<SlotView> = {}): SlotView => ({ busy: false, cacheKey: null, tokens: [], usedAt: 0, ...overrides })

describe('pickSlot', () => {
  const shared = tokens(0, MIN_SHARED_PREFIX + 10)

  it('prefers the slot of the same conversation, then the longest shared prefix, then an empty slot, then the least recently used', () => {
    const slots = [
      slot({ cacheKey: 'a', tokens: tokens(1000, 50), usedAt: 3 }),
      slot({ cacheKey: 'b', tokens: [...shared, 7, 7], usedAt: 1 }),
      slot({ cacheKey: 'c', tokens: shared.slice(0, MIN_SHARED_PREFIX), usedAt: 2 }),
      slot(),
    ]
    expect(pickSlot(slots, { cacheKey: 'a', tokens: [...shared, 9] })).toBe(0)
    expect(pickSlot(slots, { cacheKey: 'z', tokens: [...shared, 9] })).toBe(1)
    expect(pickSlot(slots, { cacheKey: 'z', tokens: tokens(5000, 10) })).toBe(3)
    expect(pickSlot(slots.slice(0, 3), { cacheKey: 'z', tokens: tokens(5000, 10) })).toBe(1) // usedAt 1
  })

  it('does not give up another conversation for a short shared start (a BOS, a short system prompt)', () => {
    const slots = [slot({ cacheKey: 'a', tokens: tokens(0, 200), usedAt: 1 }), slot()]
    expect(pickSlot(slots, { tokens: tokens(0, MIN_SHARED_PREFIX - 1) })).toBe(1)
  })

  it('skips busy slots and says when none is free', () => {
    const slots = [slot({ busy: true, cacheKey: 'a' }), slot({ cacheKey: 'b', usedAt: 5 })]
    expect(pickSlot(slots, { cacheKey: 'a', tokens: [] })).toBe(1)
    expect(pickSlot([slot({ busy: true })], { tokens: [] })).toBeNull()
  })
})

