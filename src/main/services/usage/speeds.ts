import type { ModelSpeed, UsageRecord } from '../../../shared/api'

/** Replies per model the speed is the median of: recent enough to follow a change of settings or hardware. */
const RECENT = 20

/**
 * How fast each model wrote here, from the ledger: per model, the median of its last replies'
 * writing speed as the model measured it (without the wait for the first word or a model load).
 * Failed and cached replies say nothing about it.
 */
export function measuredSpeeds(records: readonly UsageRecord[]): ModelSpeed[] {
  const rates = new Map<string, number[]>()
  for (const record of records) {
    if (record.outcome === 'failed' || record.cacheHit === true || !record.tokensPerSecond) continue
    const list = rates.get(record.modelId) ?? []
    list.push(record.tokensPerSecond)
    rates.set(record.modelId, list)
  }
  return [...rates].map(([modelId, all]) => {
    const recent = all.slice(-RECENT).sort((a, b) => a - b)
    const middle = recent.length >> 1
    const median = recent.length % 2 ? recent[middle]! : (recent[middle - 1]! + recent[middle]!) / 2
    return { modelId, tokensPerSecond: median, replies: all.length }
  })
}
