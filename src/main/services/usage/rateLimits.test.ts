import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type UsageRecord } from '../../../shared/api'
import { limitsFor, rateLimitState } from './rateLimits'
import { cloudRecord, usageRecord } from '../testing/usageRecords'

const now = new Date(2025, 10, 21, 15, 0, 0).getTime()
const secondsAgo = (seconds: number) => now - seconds * 1000
const limits = { perMinute: 3, perDay: 5 }

describe('rateLimitState', () => {
  it('counts requests sent to the provider in the last minute and today, not cache hits or other providers', () => {
    const records: UsageRecord[] = [
      cloudRecord(new Date(2025, 10, 20, 23, 59).getTime(), 0.01), // yesterday
      cloudRecord(secondsAgo(3600), 0.01),
      cloudRecord(secondsAgo(61), 0.01),
      cloudRecord(secondsAgo(50), 0.01, { provider: 'anthropic' }),
      cloudRecord(secondsAgo(40), 0.01, { cacheHit: true }), // answered from the cache: never sent
      cloudRecord(secondsAgo(30), 0.01, { cacheHit: false }),
      usageRecord(secondsAgo(20)),
      cloudRecord(secondsAgo(10), 0.01, { outcome: 'failed', error: 'Server error' }), // sent, even if it failed
    ]
    expect(rateLimitState(records, 'openai', now, limits)).toEqual({ limited: false, lastMinute: 2, today: 4, retryAfterSeconds: 0 })
    expect(rateLimitState(records, 'anthropic', now, limits)).toEqual({ limited: false, lastMinute: 1, today: 1, retryAfterSeconds: 0 })
  })

  it('limits per minute until enough of the last minute’s requests are a minute old', () => {
    const records = [cloudRecord(secondsAgo(50), 0.01), cloudRecord(secondsAgo(20), 0.01), cloudRecord(secondsAgo(5), 0.01)]
    // The oldest of the three leaves the window 10 s from now.
    expect(rateLimitState(records, 'openai', now, limits)).toEqual({ limited: true, lastMinute: 3, today: 3, retryAfterSeconds: 10 })
    expect(rateLimitState(records, 'openai', now + 10_000, limits)).toMatchObject({ limited: false, lastMinute: 2 })
    // Four in the minute against a limit of three: two must leave, the newer of them 40 s from now.
    const four = [cloudRecord(secondsAgo(55), 0.01), ...records]
    expect(rateLimitState(four, 'openai', now, limits)).toMatchObject({ limited: true, lastMinute: 4, retryAfterSeconds: 10 })
    expect(rateLimitState(four, 'openai', now, { perMinute: 2, perDay: 100 })).toMatchObject({ limited: true, retryAfterSeconds: 40 })
  })

  it('limits per day until local midnight', () => {
    const records = [0, 1, 2, 3, 4].map((hour) => cloudRecord(new Date(2025, 10, 21, 8 + hour).getTime(), 0.01))
    const state = rateLimitState(records, 'openai', now, limits)
    expect(state).toEqual({ limited: true, lastMinute: 0, today: 5, retryAfterSeconds: 9 * 3600 }) // 15:00 → midnight
    expect(rateLimitState(records, 'openai', new Date(2025, 10, 22, 0, 0, 1).getTime(), limits)).toMatchObject({ limited: false, today: 0 })
  })

  it('uses a provider’s own limits when set, else the general ones', () => {
    expect(limitsFor(DEFAULT_SETTINGS, 'openai')).toEqual({ perMinute: 10, perDay: 100 })
    const settings = { ...DEFAULT_SETTINGS, providerRateLimits: { anthropic: { perMinute: 2, perDay: 20 } } }
    expect(limitsFor(settings, 'anthropic')).toEqual({ perMinute: 2, perDay: 20 })
    expect(limitsFor(settings, 'openai')).toEqual({ perMinute: 10, perDay: 100 })
  })
})
