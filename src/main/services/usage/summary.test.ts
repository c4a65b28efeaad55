import { describe, expect, it } from 'vitest'
import { UsageSummarySchema, type UsageRecord, type UsageTotals } from '../../../shared/api'
import type { BudgetSettings } from './budget'
import { meter } from './budget'
import { dayKey } from './calendar'
import { CHART_DAYS, defaultProviderName, summarize } from './summary'
import { cloudRecord, usageRecord } from '../testing/usageRecords'

const settings: BudgetSettings = { currency: 'USD', currencyPerUsd: 1, dailyBudget: 1, monthlyBudget: 20, budgetWarnShare: 0.8 }
const baseline = { modelId: 'openai:gpt-6.1-terra', name: 'GPT-6.1 Terra' }
const now = new Date(2025, 10, 21, 15, 30).getTime()
const localTime = (month: number, day: number, hour = 12) => new Date(2025, month, day, hour).getTime()

/** The same numbers, recomputed the plain way: filter, then add up. */
function plainTotals(records: UsageRecord[]): UsageTotals {
  const local = records.filter((record) => record.provider === 'local')
  const server = records.filter((record) => record.provider.startsWith('server.'))
  const cloud = records.filter((record) => record.provider !== 'local' && !record.provider.startsWith('server.'))
  const sum = (list: UsageRecord[], pick: (record: UsageRecord) => number) => list.reduce((total, record) => total + pick(record), 0)
  return {
    requests: records.length,
    localRequests: local.length,
    cloudRequests: cloud.length,
    serverRequests: server.length,
    inputTokens: sum(records, (record) => record.inputTokens),
    outputTokens: sum(records, (record) => record.outputTokens),
    localTokens: sum(local, (record) => record.inputTokens + record.outputTokens),
    cloudTokens: sum(cloud, (record) => record.inputTokens + record.outputTokens),
    serverTokens: sum(server, (record) => record.inputTokens + record.outputTokens),
    costUsd: sum(records, (record) => record.costUsd),
    estimatedUsd: sum(records, (record) => (record.costEstimated ? record.costUsd : 0)),
    savedUsd: sum([...local, ...cloud], (record) => record.baselineCostUsd - record.costUsd),
    fallbacks: records.filter((record) => record.fallbacks.length > 0).length,
  }
}

function expectTotals(actual: UsageTotals, expected: UsageTotals) {
  expect(actual).toEqual({ ...expected, costUsd: expect.closeTo(expected.costUsd, 12), savedUsd: expect.closeTo(expected.savedUsd, 12) })
}

const records = [
  cloudRecord(localTime(9, 15), 3), // last month, outside the chart
  cloudRecord(localTime(9, 25), 2), // last month, inside the 30 days
  usageRecord(localTime(10, 1, 0), { inputTokens: 1000, outputTokens: 500, baselineCostUsd: 0.02, cacheHit: false }),
  cloudRecord(localTime(10, 3), 0.4, { inputTokens: 2000, outputTokens: 800, baselineCostUsd: 0.4, cacheHit: true }),
  cloudRecord(localTime(10, 10), 0.05, {
    modelId: 'anthropic:claude-x',
    modelName: 'Claude X',
    provider: 'anthropic',
    fallbacks: ['The local model ran out of memory'],
    baselineCostUsd: 0.04,
  }),
  usageRecord(localTime(10, 21, 9), { tier: 'local-fast', modelId: 'local:small', modelName: 'Small', cacheHit: false }),
  cloudRecord(localTime(10, 21, 10), 0.1, { tier: null, mode: 'model', provider: 'server.ollama', modelId: 'server.ollama:llama', modelName: 'Llama', costUsd: 0 }),
  cloudRecord(localTime(10, 21, 11), 0.3, { fallbacks: ['a', 'b'], app: 'cursor' }),
  usageRecord(localTime(10, 21, 12), { app: 'Cursor', cacheHit: null }),
  usageRecord(localTime(10, 21, 13), { app: 'my script', cacheHit: null }),
]
const thisMonth = records.slice(2)
const today = records.slice(5)

describe('summarize', () => {
  const summary = summarize(records, now, settings, baseline)

  it('matches the contract', () => {
    expect(UsageSummarySchema.parse(summary)).toEqual(summary)
    expect(summary.baseline).toEqual(baseline)
  })

  it('totals today and this month as the plain sums of the records', () => {
    expectTotals(summary.today, plainTotals(today))
    expectTotals(summary.month, plainTotals(thisMonth))
    // The Ollama record is the user's own server: neither local nor cloud, and no savings.
    expect(summary.month).toMatchObject({ requests: 8, localRequests: 4, cloudRequests: 3, serverRequests: 1, serverTokens: 150, fallbacks: 2 })
  })

  it('the meter agrees with meter() and with the totals', () => {
    const alone = meter(records, now, settings)
    expect(summary.meter).toEqual({
      ...alone,
      todayUsd: expect.closeTo(alone.todayUsd, 12),
      monthUsd: expect.closeTo(alone.monthUsd, 12),
      savedTodayUsd: expect.closeTo(alone.savedTodayUsd, 12),
      savedMonthUsd: expect.closeTo(alone.savedMonthUsd, 12),
    })
    expect(summary.meter.monthUsd).toBeCloseTo(summary.month.costUsd, 12)
    expect(summary.meter.savedMonthUsd).toBeCloseTo(summary.month.savedUsd, 12)
  })

  it('groups this month by model, provider and tier, largest cost first, each the sum of its records', () => {
    expect(summary.byModel.map((group) => [group.key, group.label])).toEqual([
      ['openai:gpt-6.1-terra', 'GPT-6.1 Terra'],
      ['anthropic:claude-x', 'Claude X'],
      ['local:qwen3-8b', 'Qwen3 8B'], // free, 1500 tokens
      ['server.ollama:llama', 'Llama'], // free, 150 tokens: a tie, by name
      ['local:small', 'Small'],
    ])
    expect(summary.byProvider.map((group) => [group.key, group.label])).toEqual([
      ['openai', 'OpenAI'],
      ['anthropic', 'Anthropic'],
      ['local', 'This computer'],
      ['server.ollama', 'ollama'],
    ])
    // Apps by their key's name (one app whatever its case; the newest record names it); the chat and the CLI are Aura itself.
    expect(summary.byApp.map((group) => [group.key, group.label, group.requests])).toEqual([
      ['aura', 'Aura', 5],
      ['app:cursor', 'Cursor', 2],
      ['app:my script', 'my script', 1],
    ])
    expect(summary.byTier.map((group) => [group.key, group.label])).toEqual([
      ['cloud', 'Cloud'],
      ['local-quality', 'Local · quality'],
      ['local-fast', 'Local · fast'],
      ['server', 'Your server'],
    ])
    for (const [groups, keyOf] of [
      [summary.byModel, (record: UsageRecord) => record.modelId],
      [summary.byProvider, (record: UsageRecord) => record.provider],
      [summary.byTier, (record: UsageRecord) => (record.provider.startsWith('server.') ? 'server' : (record.tier ?? 'picked'))],
      [summary.byApp, (record: UsageRecord) => (record.app === undefined ? 'aura' : `app:${record.app.toLowerCase()}`)],
    ] as const) {
      for (const { key, label: _label, ...totals } of groups) expectTotals(totals, plainTotals(thisMonth.filter((record) => keyOf(record) === key)))
    }
  })

  it('labels providers with the given names', () => {
    const named = summarize(records, now, settings, baseline, (ref) => (ref === 'server.ollama' ? 'Ollama on this computer' : defaultProviderName(ref)))
    expect(named.byProvider.find((group) => group.key === 'server.ollama')!.label).toBe('Ollama on this computer')
  })

  it('counts this month’s cache lookups and hits', () => {
    expect(summary.cache).toEqual({ lookups: 3, hits: 1 })
  })

  it('charts the last 30 days oldest first, today last, empty days included', () => {
    expect(summary.days).toHaveLength(CHART_DAYS)
    expect(summary.days[0]!.date).toBe('2025-10-23')
    expect(summary.days.at(-1)!.date).toBe(dayKey(now))
    const withRequests = summary.days.filter((day) => day.requests > 0).map((day) => day.date)
    expect(withRequests).toEqual(['2025-10-25', '2025-11-01', '2025-11-03', '2025-11-10', '2025-11-21'])
    for (const day of summary.days) {
      const those = records.filter((record) => dayKey(record.at) === day.date)
      const plain = plainTotals(those)
      expect(day).toEqual({
        date: day.date,
        requests: those.length,
        costUsd: expect.closeTo(plain.costUsd, 12),
        savedUsd: expect.closeTo(plain.savedUsd, 12),
        localTokens: plain.localTokens,
        cloudTokens: plain.cloudTokens,
        serverTokens: plain.serverTokens,
      })
    }
  })

  it('is empty but whole with no records', () => {
    const empty = summarize([], now, settings, baseline)
    expect(empty.days).toHaveLength(CHART_DAYS)
    expect(empty.byModel).toEqual([])
    expect(empty.month.requests).toBe(0)
    expect(empty.meter.state).toBe('ok')
  })

  it('summarises 100,000 records in one pass', () => {
    const many: UsageRecord[] = []
    const start = now - 60 * 86_400_000
    for (let i = 0; i < 100_000; i++) {
      const at = start + Math.floor((i / 100_000) * 60 * 86_400_000)
      many.push(
        i % 3 === 0
          ? cloudRecord(at, 0.001 * (i % 7), { modelId: `openai:m${i % 5}`, modelName: `M${i % 5}`, cacheHit: i % 2 === 0 })
          : usageRecord(at, { modelId: `local:m${i % 4}`, modelName: `L${i % 4}`, tier: i % 2 ? 'local-fast' : 'local-quality' }),
      )
    }
    const times: string[] = []
    let result = summarize(many, now, settings, baseline)
    for (let run = 0; run < 3; run++) {
      const began = performance.now()
      result = summarize(many, now, settings, baseline)
      times.push((performance.now() - began).toFixed(1))
    }
    console.log(`summarize: 100,000 records in ${times.join(' / ')} ms (3 warm runs)`)
    const chartStart = new Date(2025, 9, 23).getTime()
    expect(result.days.reduce((total, day) => total + day.requests, 0)).toBe(many.filter((record) => record.at >= chartStart && record.at <= now).length)
  })
})
