import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Notice, type UsageMeter } from '../../../shared/api'
import { silentLogger } from '../ports'
import { formatMoney } from '../../../shared/money'
import { budgetState, crossings, limitsUsd, meter, type BudgetSettings } from './budget'
import { UsageLedger } from './ledger'
import { cloudRecord, usageFields, usageRecord } from '../testing/usageRecords'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

const usd: BudgetSettings = { currency: 'USD', currencyPerUsd: 1, dailyBudget: 1, monthlyBudget: 20, budgetWarnShare: 0.8 }
const noon = new Date(2025, 10, 21, 12).getTime()

describe('budgetState', () => {
  it('is exhausted exactly at the limit, a warning from the warn share, ok below', () => {
    expect(budgetState(0.79, 1, 0.8)).toBe('ok')
    expect(budgetState(0.8, 1, 0.8)).toBe('warning')
    expect(budgetState(0.9999, 1, 0.8)).toBe('warning')
    expect(budgetState(1, 1, 0.8)).toBe('exhausted')
    expect(budgetState(1.5, 1, 0.8)).toBe('exhausted')
  })

  it('counts float sums that land on the limit as reaching it', () => {
    let spent = 0
    for (let i = 0; i < 10; i++) spent += 0.1
    expect(spent).toBeLessThan(1) // 0.9999999999999999
    expect(budgetState(spent, 1, 0.8)).toBe('exhausted')
    let eight = 0
    for (let i = 0; i < 8; i++) eight += 0.1
    expect(budgetState(eight, 1, 0.8)).toBe('warning')
  })

  it('a limit of 0 allows no cloud spending; no limit is always ok', () => {
    expect(budgetState(0, 0, 0.8)).toBe('exhausted')
    expect(budgetState(1_000_000, null, 0.8)).toBe('ok')
  })
})

describe('limitsUsd', () => {
  it('turns budgets in the user currency into dollars', () => {
    expect(limitsUsd({ ...usd, currency: 'EUR', currencyPerUsd: 0.5, dailyBudget: 2, monthlyBudget: null })).toEqual({ dailyUsd: 4, monthlyUsd: null })
    expect(limitsUsd(DEFAULT_SETTINGS)).toEqual({ dailyUsd: 1, monthlyUsd: 20 })
  })
})

describe('meter', () => {
  it('sums today and this month in local time, and picks the worse budget', () => {
    const records = [
      cloudRecord(new Date(2025, 9, 31, 23, 59).getTime(), 5), // last month
      cloudRecord(new Date(2025, 10, 1, 0, 0).getTime(), 15.5), // this month, not today
      cloudRecord(new Date(2025, 10, 20, 23, 59, 59, 999).getTime(), 1), // yesterday
      cloudRecord(new Date(2025, 10, 21, 0, 0).getTime(), 0.25, { baselineCostUsd: 0.5 }),
      usageRecord(noon, { baselineCostUsd: 0.1 }), // local: free, saves its baseline
    ]
    const result = meter(records, noon, usd)
    expect(result).toEqual({
      currency: 'USD',
      currencyPerUsd: 1,
      todayUsd: 0.25,
      monthUsd: 16.75,
      dailyLimitUsd: 1,
      monthlyLimitUsd: 20,
      warnShare: 0.8,
      state: 'warning', // today ok, the month at 83.75%
      savedTodayUsd: expect.closeTo(0.35, 12),
      savedMonthUsd: expect.closeTo(0.35, 12),
    })
    expect(meter(records, noon, { ...usd, monthlyBudget: null }).state).toBe('ok')
  })
})

describe('a day of cloud spending through the ledger', () => {
  it('warns at 80%, blocks exactly at the limit, tells each crossing once, and the meter equals the ledger', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aura-budget-'))
    dirs.push(dir)
    const clock = { time: noon, now: () => clock.time }
    const ledger = new UsageLedger({ dir, clock, logger: silentLogger, notify: () => {} })
    await ledger.load()
    const told: Notice[] = []
    const states: UsageMeter['state'][] = []
    let before = meter(ledger.records(), clock.now(), usd)
    for (let i = 0; i < 12; i++) {
      clock.time += 60_000
      await ledger.append(usageFields({ provider: 'openai', tier: 'cloud', costUsd: 0.1, baselineCostUsd: 0.1 }))
      // A free local answer in between moves nothing.
      await ledger.append(usageFields())
      const after = meter(ledger.records(), clock.now(), usd)
      told.push(...crossings(before, after))
      states.push(after.state)
      before = after
    }
    expect(states).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'warning', 'warning', 'exhausted', 'exhausted', 'exhausted'])
    expect(told).toEqual([
      { level: 'info', message: 'You have used 80% of today’s cloud budget ($0.80 of $1.00).' },
      {
        level: 'warning',
        message: 'Today’s cloud budget is used up ($1.00). Aura will answer with local models until tomorrow; raise the budget in Settings → Routing & Budget.',
      },
    ])

    // The meter is the plain sum of what the ledger holds (read back from disk).
    const reopened = new UsageLedger({ dir, clock, logger: silentLogger, notify: () => {} })
    await reopened.load()
    const records = reopened.records()
    expect(records).toHaveLength(24)
    const spent = records.reduce((sum, record) => sum + record.costUsd, 0)
    const saved = records.reduce((sum, record) => sum + record.baselineCostUsd - record.costUsd, 0)
    const final = meter(records, clock.now(), usd)
    expect(final.todayUsd).toBeCloseTo(spent, 12)
    expect(final.monthUsd).toBeCloseTo(spent, 12)
    expect(final.savedTodayUsd).toBeCloseTo(saved, 12)
    expect(final).toMatchObject({ state: 'exhausted', dailyLimitUsd: 1 })

    // Nine of them: just under the limit, still a warning.
    expect(meter(records.slice(0, 18), clock.now(), usd).state).toBe('warning')
    // The next day starts fresh.
    const tomorrow = new Date(2025, 10, 22, 8).getTime()
    expect(meter(records, tomorrow, usd)).toMatchObject({ todayUsd: 0, state: 'ok' })
  })
})

describe('crossings', () => {
  const at = (todayUsd: number, monthUsd: number, settings: BudgetSettings = usd): UsageMeter => ({
    ...meter([], noon, settings),
    todayUsd,
    monthUsd,
  })

  it('goes straight to "used up" when one request jumps over both thresholds', () => {
    expect(crossings(at(0.1, 1), at(1.2, 2.1)).map((notice) => notice.message)).toEqual([
      'Today’s cloud budget is used up ($1.00). Aura will answer with local models until tomorrow; raise the budget in Settings → Routing & Budget.',
    ])
  })

  it('says only the month’s when the month runs out, and nothing when spending falls (a new day)', () => {
    expect(crossings(at(0.5, 19.5), at(1, 20)).map((notice) => notice.message)).toEqual([
      'This month’s cloud budget is used up ($20.00). Aura will answer with local models until next month; raise the budget in Settings → Routing & Budget.',
    ])
    expect(crossings(at(1, 10), at(0, 10))).toEqual([])
  })

  it('warns for the month with today still fine', () => {
    expect(crossings(at(0.1, 15.9), at(0.2, 16)).map((notice) => notice.message)).toEqual([
      'You have used 80% of this month’s cloud budget ($16.00 of $20.00).',
    ])
  })

  it('shows amounts in the user currency', () => {
    const eur: BudgetSettings = { ...usd, currency: 'EUR', currencyPerUsd: 0.5, dailyBudget: 2 } // 2 € = $4
    const message = crossings(at(3, 3, eur), at(3.3, 3.3, eur))[0]!.message
    expect(message).toBe('You have used 82% of today’s cloud budget (€1.65 of €2.00).')
    expect(formatMoney(1, { currency: 'JPY', currencyPerUsd: 150 })).toBe('¥150')
  })
})
