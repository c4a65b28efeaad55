import type { ModelSpeed, UsageRecord } from '../../../shared/api'

/** Replies per model the speed is the median of: recent enough to follow a change of settings or hardware. */
const RECENT = 20

/**
 * How fast each model wrote here, from the ledger: per model, the median over its last replies of
 * the tokens written after the first one, per second of writing. The time to the first token (the
 * prompt read, a model loaded) is left out; so are cached, failed and one-token replies.
 */
export function measuredSpeeds(records: readonly UsageRecord[]): ModelSpeed[] {
  const rates = new Map<string, number[]>()
  for (const record of records) {
    if (record.outcome === 'failed' || record.cacheHit === true || record.ttftMs === null || record.outputTokens < 2) continue
    const writingMs = record.latencyMs - record.ttftMs
    if (writingMs <= 0) continue
    const list = rates.get(record.modelId) ?? []
    list.push(((record.outputTokens - 1) * 1000) / writingMs)
    rates.set(record.modelId, list)
  }
  return [...rates].map(([modelId, all]) => {
    const recent = all.slice(-RECENT).sort((a, b) => a - b)
    const middle = recent.length >> 1
    const median = recent.length % 2 ? recent[middle]! : (recent[middle - 1]! + recent[middle]!) / 2
    return { modelId, tokensPerSecond: median, replies: all.length }
  })
}
