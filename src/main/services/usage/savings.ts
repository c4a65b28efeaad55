/**
 * Savings, counted one way everywhere: the cost meter, the Usage page and the bench's router.replay
 * section all use these two functions, so the figure the bench reports is the one the user sees.
 */
import type { UsageRecord } from '../../../shared/api'
import type { Usage } from '../providers/catalog'

/** What a model id's reply with this usage cost in USD; null when its price is unknown. */
export type CostOf = (modelId: string, usage: Usage) => number | null

/** What the same tokens would have cost on the savings baseline model (booked with each request). */
export function baselineCost(cost: CostOf, baselineModelId: string, usage: Usage): number {
  return cost(baselineModelId, usage) ?? 0
}

/**
 * What one request saved: its baseline cost minus what it did cost. A local answer saves the whole
 * baseline; a cloud model dearer than the baseline saves less than nothing, and that counts too.
 */
export function savedUsd(record: Pick<UsageRecord, 'baselineCostUsd' | 'costUsd'>): number {
  return record.baselineCostUsd - record.costUsd
}
