import type { Settings, UsageRecord } from '../../../shared/api'
import { startOfDay, startOfDayOffset } from './calendar'

export interface RateLimits {
  perMinute: number
  perDay: number
}

export interface RateLimitState {
  /** Another request now would go over a limit. */
  limited: boolean
  /** Requests sent in the last 60 seconds and since local midnight. */
  lastMinute: number
  today: number
  /** How long until a request is allowed again; 0 when not limited. */
  retryAfterSeconds: number
}

const MINUTE_MS = 60_000

/** The provider's own limits when the user set them, else the general ones. */
export function limitsFor(settings: Pick<Settings, 'rateLimitPerMinute' | 'rateLimitPerDay' | 'providerRateLimits'>, provider: string): RateLimits {
  return settings.providerRateLimits[provider] ?? { perMinute: settings.rateLimitPerMinute, perDay: settings.rateLimitPerDay }
}

/**
 * How close a provider is to the user's request limits. Counts requests actually sent to it: an
 * answer from the response cache never reached the provider. `records` must be sorted by time (as
 * the ledger keeps them): it is read from the newest back, only as far as the windows reach, so
 * the router can ask for every provider before every request.
 */
export function rateLimitState(records: readonly UsageRecord[], provider: string, now: number, limits: RateLimits): RateLimitState {
  const minuteStart = now - MINUTE_MS
  const dayStart = startOfDay(now)
  const oldestNeeded = Math.min(minuteStart, dayStart)
  /** Times of the last minute's requests, newest first. */
  const minuteTimes: number[] = []
  let today = 0
  for (let index = records.length - 1; index >= 0; index--) {
    const record = records[index]!
    if (record.at < oldestNeeded) break
    if (record.provider !== provider || record.cacheHit === true || record.at > now) continue
    if (record.at > minuteStart) minuteTimes.push(record.at)
    if (record.at >= dayStart) today++
  }
  const lastMinute = minuteTimes.length

  let waitMs = 0
  if (lastMinute >= limits.perMinute) {
    // Allowed again once all but perMinute − 1 of them are older than a minute.
    const mustLeave = minuteTimes[limits.perMinute - 1]!
    waitMs = mustLeave + MINUTE_MS - now
  }
  if (today >= limits.perDay) waitMs = Math.max(waitMs, startOfDayOffset(now, 1) - now)
  const limited = lastMinute >= limits.perMinute || today >= limits.perDay
  return { limited, lastMinute, today, retryAfterSeconds: limited ? Math.max(1, Math.ceil(waitMs / 1000)) : 0 }
}
