import { describe, expect, it } from 'vitest'
import type { UsageRecord } from '../../../shared/api'
import { measuredSpeeds } from './speeds'

const reply = (modelId: string, tokensPerSecond: number | undefined, extra: Partial<UsageRecord> = {}) =>
  ({ modelId, tokensPerSecond, outcome: 'ok', cacheHit: false, ...extra }) as UsageRecord

describe('measured speeds', () => {
  it('per model, the median writing speed of its last 20 replies', () => {
    const older = Array.from({ length: 20 }, () => reply('tiny', 1))
    expect(measuredSpeeds([reply('tiny', 10), reply('tiny', 30), reply('tiny', 20), reply('openai:gpt-x', 50), reply('openai:gpt-x', 60)])).toEqual([
      { modelId: 'tiny', tokensPerSecond: 20, replies: 3 },
      { modelId: 'openai:gpt-x', tokensPerSecond: 55, replies: 2 },
    ])
    expect(measuredSpeeds([reply('tiny', 500), ...older.map(() => reply('tiny', 40))])[0]).toEqual({ modelId: 'tiny', tokensPerSecond: 40, replies: 21 })
  })

  it('leaves out failed and cached replies, and lines written before speeds were kept', () => {
    expect(measuredSpeeds([reply('tiny', 10, { outcome: 'failed' }), reply('tiny', 10, { cacheHit: true }), reply('tiny', undefined)])).toEqual([])
  })
})
