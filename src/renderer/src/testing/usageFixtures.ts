import type { UsageMeter, UsageSummary, UsageTotals } from '../api'

/** A usage meter and summary for tests (30 days in March, a little spent today). */
export const meter = (over: Partial<UsageMeter> = {}): UsageMeter => ({
  currency: 'USD',
  currencyPerUsd: 1,
  todayUsd: 0.04,
  monthUsd: 1.5,
  dailyLimitUsd: 1,
  monthlyLimitUsd: 20,
  warnShare: 0.8,
  state: 'ok',
  savedTodayUsd: 0.12,
  savedMonthUsd: 3.4,
  ...over,
})

const totals: UsageTotals = {
  requests: 3,
  localRequests: 2,
  cloudRequests: 1,
  serverRequests: 0,
  inputTokens: 100,
  outputTokens: 50,
  localTokens: 90,
  cloudTokens: 60,
  serverTokens: 0,
  costUsd: 0.04,
  estimatedUsd: 0,
  savedUsd: 0.12,
  fallbacks: 0,
}

export const summary = (m: UsageMeter = meter()): UsageSummary => ({
  meter: m,
  today: totals,
  month: totals,
  byModel: [],
  byProvider: [],
  byTier: [],
  byApp: [],
  days: Array.from({ length: 30 }, (_, i) => ({
    date: `2025-03-${String(i + 1).padStart(2, '0')}`,
    costUsd: i === 29 ? 0.04 : 0,
    savedUsd: 0.01 * i,
    localTokens: 10 * i,
    cloudTokens: i === 29 ? 60 : 0,
    serverTokens: 0,
    requests: i,
  })),
  cache: { lookups: 4, hits: 1 },
  baseline: { modelId: 'openai:gpt-6.1-terra', name: 'GPT-6.1 Terra' },
})
