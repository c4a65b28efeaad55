import { describe, expect, it } from 'vitest'
import type { UsageRecord } from '../../../shared/api'
import { measuredSpeeds } from './speeds'

const reply = (modelId: string, outputTokens: number, latencyMs: number, ttftMs: number | null, extra: Partial<UsageRecord> = {}) =>
  ({ modelId, outputTokens, latencyMs, ttftMs, outcome: 'ok', cacheHit: false, ...extra }) as UsageRecord

describe('measured speeds', () => {
  it('per model, the median writing speed of its replies, without the wait for the first token', () => {
    const speeds = measuredSpeeds([
      // 10 tokens after the first in 1 s, after a 5 s load: 10 tokens/s, not 11 in 6 s.
      reply('tiny', 11, 6000, 5000),
      reply('tiny', 21, 1500, 500),
      reply('tiny', 5, 1100, 100),
      reply('openai:gpt-x', 101, 2100, 100),
    ])
    expect(speeds).toEqual([
      { modelId: 'tiny', tokensPerSecond: 10, replies: 3 },
      { modelId: 'openai:gpt-x', tokensPerSecond: 50, replies: 1 },
    ])
  })

  it('leaves out failed, cached and one-token replies', () => {
    expect(
      measuredSpeeds([
        reply('tiny', 11, 2000, 1000, { outcome: 'failed' }),
        reply('tiny', 11, 2000, 1000, { cacheHit: true }),
        reply('tiny', 1, 2000, 1000),
        reply('tiny', 0, 2000, null),
      ]),
    ).toEqual([])
  })
})
