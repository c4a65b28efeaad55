import type { BudgetState, Notice, Settings, UsageMeter, UsageRecord } from '../../../shared/api'
import { say } from '../../../shared/i18n'
import { formatMoney } from '../../../shared/money'
import { firstIndexAtOrAfter, startOfDay, startOfDayOffset, startOfMonth, startOfNextMonth } from './calendar'
import { savedUsd } from './savings'

/** The settings the budget reads. */
export type BudgetSettings = Pick<Settings, 'currency' | 'currencyPerUsd' | 'dailyBudget' | 'monthlyBudget' | 'budgetWarnShare'>

/**
 * Costs are sums of floats (ten $0.10 records add up to 0.9999999999999999), so "reached" allows a
 * billionth of a dollar: far below any price of a single token, far above float error.
 */
const TOLERANCE_USD = 1e-9

function reached(spentUsd: number, thresholdUsd: number): boolean {
  return spentUsd >= thresholdUsd - TOLERANCE_USD
}

/** The budgets in US dollars (costs are kept in USD; budgets are set in the user's currency). null: no limit. */
export function limitsUsd(settings: BudgetSettings): { dailyUsd: number | null; monthlyUsd: number | null } {
  const toUsd = (amount: number | null) => (amount === null ? null : amount / settings.currencyPerUsd)
  return { dailyUsd: toUsd(settings.dailyBudget), monthlyUsd: toUsd(settings.monthlyBudget) }
}

/**
 * Exhausted from the moment spending reaches the limit (a request that lands exactly on it uses the
 * budget up; a 0 limit allows no cloud spending at all); warning from the warn share of it.
 */
export function budgetState(spentUsd: number, limitUsd: number | null, warnShare: number): BudgetState {
  if (limitUsd === null) return 'ok'
  if (reached(spentUsd, limitUsd)) return 'exhausted'
  if (reached(spentUsd, warnShare * limitUsd)) return 'warning'
  return 'ok'
}

const SEVERITY: Record<BudgetState, number> = { ok: 0, warning: 1, exhausted: 2 }

export function worseState(a: BudgetState, b: BudgetState): BudgetState {
  return SEVERITY[a] >= SEVERITY[b] ? a : b
}

/** Spend and savings of today and this month (local calendar of `now`). */
export interface PeriodSpend {
  todayUsd: number
  monthUsd: number
  savedTodayUsd: number
  savedMonthUsd: number
}

/** The meter from spend already summed (summarize() sums it in its own single pass). */
export function meterFromSpend(spend: PeriodSpend, settings: BudgetSettings): UsageMeter {
  const { dailyUsd, monthlyUsd } = limitsUsd(settings)
  const warnShare = settings.budgetWarnShare
  return {
    currency: settings.currency,
    currencyPerUsd: settings.currencyPerUsd,
    ...spend,
    dailyLimitUsd: dailyUsd,
    monthlyLimitUsd: monthlyUsd,
    warnShare,
    state: worseState(budgetState(spend.todayUsd, dailyUsd, warnShare), budgetState(spend.monthUsd, monthlyUsd, warnShare)),
  }
}

/**
 * The header's cost meter. `records` must be sorted by time, as the ledger keeps them: only this
 * month's tail is read (found by binary search), so the router can ask before every request.
 */
export function meter(records: readonly UsageRecord[], now: number, settings: BudgetSettings): UsageMeter {
  const monthStart = startOfMonth(now)
  const monthEnd = startOfNextMonth(now)
  const dayStart = startOfDay(now)
  const dayEnd = startOfDayOffset(now, 1)
  const spend: PeriodSpend = { todayUsd: 0, monthUsd: 0, savedTodayUsd: 0, savedMonthUsd: 0 }
  for (let index = firstIndexAtOrAfter(records, monthStart); index < records.length; index++) {
    const record = records[index]!
    if (record.at >= monthEnd) break
    const saved = savedUsd(record)
    spend.monthUsd += record.costUsd
    spend.savedMonthUsd += saved
    if (record.at >= dayStart && record.at < dayEnd) {
      spend.todayUsd += record.costUsd
      spend.savedTodayUsd += saved
    }
  }
  return meterFromSpend(spend, settings)
}

/**
 * What to tell the user when a request moved the meter over a budget's warning share or its limit.
 * Each crossing is told once: only a change of state from `before` to `after` says anything.
 * When the month's budget runs out, the day's notices are left out: the month's says more.
 */
export function crossings(before: UsageMeter, after: UsageMeter): Notice[] {
  const money = (usd: number) => formatMoney(usd, after)
  const budgets = [
    {
      before: budgetState(before.todayUsd, before.dailyLimitUsd, before.warnShare),
      after: budgetState(after.todayUsd, after.dailyLimitUsd, after.warnShare),
      spent: after.todayUsd,
      limit: after.dailyLimitUsd,
      period: 'day' as const,
    },
    {
      before: budgetState(before.monthUsd, before.monthlyLimitUsd, before.warnShare),
      after: budgetState(after.monthUsd, after.monthlyLimitUsd, after.warnShare),
      spent: after.monthUsd,
      limit: after.monthlyLimitUsd,
      period: 'month' as const,
    },
  ]
  const notices: Notice[] = []
  const monthRanOut = budgets[1]!.after === 'exhausted' && budgets[1]!.before !== 'exhausted'
  for (const [index, budget] of budgets.entries()) {
    if (budget.limit === null || SEVERITY[budget.after] <= SEVERITY[budget.before]) continue
    if (index === 0 && monthRanOut) continue
    if (budget.after === 'exhausted') {
      notices.push({
        level: 'warning',
        message: say(budget.period === 'day' ? 'notices.dayBudgetUsedUp' : 'notices.monthBudgetUsedUp', { limit: money(budget.limit) }),
      })
    } else {
      // Rounded down: "100%" only once it is used up.
      const percent = Math.floor((budget.spent / budget.limit) * 100 + 1e-6)
      notices.push({
        level: 'info',
        message: say(budget.period === 'day' ? 'notices.dayBudgetUsed' : 'notices.monthBudgetUsed', { percent, spent: money(budget.spent), limit: money(budget.limit) }),
      })
    }
  }
  return notices
}
