import type { Tier, UsageDay, UsageGroup, UsageRecord, UsageSummary, UsageTotals } from '../../../shared/api'
import { PROVIDERS, isProviderId } from '../providers/providerTable'
import { meterFromSpend, type BudgetSettings } from './budget'
import { dayKey, startOfDay, startOfDayOffset, startOfMonth, startOfNextMonth } from './calendar'
import { placeOf, savedUsd } from './savings'

export const LOCAL_PROVIDER = 'local'
export const CHART_DAYS = 30
/** The group of Aura's own requests (its chat, `aura run`) among the apps that use its API. */
export const AURA_APP_KEY = 'aura'

const TIER_LABELS: Record<Tier | 'server' | 'picked', string> = {
  'local-fast': 'Local · fast',
  'local-quality': 'Local · quality',
  cloud: 'Cloud',
  server: 'Your server',
  picked: 'Picked by you',
}

/** What the user calls a provider: "This computer", "OpenAI", or a server's id when no better name is known. */
export function defaultProviderName(ref: string): string {
  if (ref === LOCAL_PROVIDER) return 'This computer'
  if (isProviderId(ref)) return PROVIDERS[ref].name
  return ref.startsWith('server.') ? ref.slice('server.'.length) : ref
}

export function emptyTotals(): UsageTotals {
  return {
    requests: 0,
    localRequests: 0,
    cloudRequests: 0,
    serverRequests: 0,
    inputTokens: 0,
    outputTokens: 0,
    localTokens: 0,
    cloudTokens: 0,
    serverTokens: 0,
    costUsd: 0,
    estimatedUsd: 0,
    savedUsd: 0,
    fallbacks: 0,
  }
}

function add(totals: UsageTotals, record: UsageRecord): void {
  const tokens = record.inputTokens + record.outputTokens
  totals.requests++
  const place = placeOf(record)
  totals[`${place}Requests`]++
  totals[`${place}Tokens`] += tokens
  totals.inputTokens += record.inputTokens
  totals.outputTokens += record.outputTokens
  totals.costUsd += record.costUsd
  if (record.costEstimated) totals.estimatedUsd += record.costUsd
  totals.savedUsd += savedUsd(record)
  if (record.fallbacks.length > 0) totals.fallbacks++
}

/**
 * This month's records grouped by a key. A group's label comes from its newest record, so a model
 * renamed since keeps a single row under its current name.
 */
class Grouping {
  private readonly groups = new Map<string, { group: UsageGroup; labelAt: number }>()

  add(key: string, label: () => string, record: UsageRecord): void {
    let entry = this.groups.get(key)
    if (!entry) {
      entry = { group: { key, label: label(), ...emptyTotals() }, labelAt: record.at }
      this.groups.set(key, entry)
    } else if (record.at > entry.labelAt) {
      entry.group.label = label()
      entry.labelAt = record.at
    }
    add(entry.group, record)
  }

  /** Largest cost first, then most tokens, then by label for a stable order. */
  sorted(): UsageGroup[] {
    return [...this.groups.values()]
      .map((entry) => entry.group)
      .sort((a, b) => b.costUsd - a.costUsd || b.inputTokens + b.outputTokens - (a.inputTokens + a.outputTokens) || a.label.localeCompare(b.label))
  }
}

/** Local midnights of the chart's days, plus the end of today: CHART_DAYS + 1 boundaries. */
function chartBoundaries(now: number): number[] {
  return Array.from({ length: CHART_DAYS + 1 }, (_, index) => startOfDayOffset(now, index - CHART_DAYS + 1))
}

/** The chart day a time falls in (binary search over the boundaries); -1 outside the chart. */
function chartDay(boundaries: readonly number[], at: number): number {
  if (at < boundaries[0]! || at >= boundaries[CHART_DAYS]!) return -1
  let low = 0
  let high = CHART_DAYS - 1
  while (low < high) {
    const middle = (low + high + 1) >>> 1
    if (boundaries[middle]! <= at) low = middle
    else high = middle - 1
  }
  return low
}

/**
 * Everything the Usage page shows, in one pass over the records (any order): today and this month
 * in the local calendar of `now`, spend by model / provider / tier / app this month, the last 30 days
 * (oldest first, empty days included), the response cache this month.
 */
export function summarize(
  records: readonly UsageRecord[],
  now: number,
  settings: BudgetSettings,
  baseline: { modelId: string; name: string },
  providerName: (ref: string) => string = defaultProviderName,
): UsageSummary {
  const dayStart = startOfDay(now)
  const dayEnd = startOfDayOffset(now, 1)
  const monthStart = startOfMonth(now)
  const monthEnd = startOfNextMonth(now)
  const boundaries = chartBoundaries(now)
  const days: UsageDay[] = boundaries.slice(0, CHART_DAYS).map((start) => ({
    date: dayKey(start),
    costUsd: 0,
    savedUsd: 0,
    localTokens: 0,
    cloudTokens: 0,
    serverTokens: 0,
    requests: 0,
  }))
  const today = emptyTotals()
  const month = emptyTotals()
  const byModel = new Grouping()
  const byProvider = new Grouping()
  const byTier = new Grouping()
  const byApp = new Grouping()
  const cache = { lookups: 0, hits: 0 }

  for (const record of records) {
    const index = chartDay(boundaries, record.at)
    if (index >= 0) {
      const day = days[index]!
      const tokens = record.inputTokens + record.outputTokens
      day.requests++
      day.costUsd += record.costUsd
      day.savedUsd += savedUsd(record)
      day[`${placeOf(record)}Tokens`] += tokens
    }
    if (record.at < monthStart || record.at >= monthEnd) continue
    add(month, record)
    if (record.at >= dayStart && record.at < dayEnd) add(today, record)
    byModel.add(record.modelId, () => record.modelName, record)
    byProvider.add(record.provider, () => providerName(record.provider), record)
    // Your servers are one row whatever tier they stood in: they are neither local nor cloud.
    const tier = placeOf(record) === 'server' ? 'server' : (record.tier ?? 'picked')
    byTier.add(tier, () => TIER_LABELS[tier], record)
    // An app's name is unique whatever its case (gateway/keys.ts): "Cursor" and a later "cursor" are one app.
    byApp.add(record.app === undefined ? AURA_APP_KEY : `app:${record.app.toLowerCase()}`, () => record.app ?? 'Aura', record)
    if (record.cacheHit !== null) {
      cache.lookups++
      if (record.cacheHit) cache.hits++
    }
  }

  return {
    meter: meterFromSpend({ todayUsd: today.costUsd, monthUsd: month.costUsd, savedTodayUsd: today.savedUsd, savedMonthUsd: month.savedUsd }, settings),
    today,
    month,
    byModel: byModel.sorted(),
    byProvider: byProvider.sorted(),
    byTier: byTier.sorted(),
    byApp: byApp.sorted(),
    days,
    cache,
    baseline,
  }
}
