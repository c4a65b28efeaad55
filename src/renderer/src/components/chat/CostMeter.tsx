import type { BudgetState, UsageMeter } from '../../api'
import { formatMoney, type MoneyUnit } from '../../lib/money'
import { useApp } from '../../stores/app'
import { useCloud } from '../../stores/cloud'
import { todayShare, useUsage } from '../../stores/usage'

export const METER_TONE: Record<BudgetState, { bar: string; text: string; ring: string }> = {
  ok: {
    bar: 'bg-violet-600 dark:bg-violet-400',
    text: 'text-zinc-700 dark:text-zinc-300',
    ring: 'border-zinc-200 dark:border-zinc-700',
  },
  warning: {
    bar: 'bg-amber-500 dark:bg-amber-400',
    text: 'text-amber-800 dark:text-amber-300',
    ring: 'border-amber-300 dark:border-amber-700',
  },
  exhausted: {
    bar: 'bg-red-600 dark:bg-red-500',
    text: 'text-red-700 dark:text-red-300',
    ring: 'border-red-300 dark:border-red-800',
  },
}

const STATE_WORDS: Record<BudgetState, string> = {
  ok: '',
  warning: ' — close to your budget',
  exhausted: ' — budget used up: Aura answers with models on this computer',
}

/** The meter's words: its visible text, its accessible name, and its tooltip. */
export function meterWords(meter: UsageMeter): { text: string; label: string; tooltip: string; today: string; limit: string | null; state: string } {
  const unit: MoneyUnit = { currency: meter.currency, currencyPerUsd: meter.currencyPerUsd }
  const money = (usd: number) => formatMoney(usd, unit)
  const today = money(meter.todayUsd)
  const limit = meter.dailyLimitUsd === null ? null : money(meter.dailyLimitUsd)
  const text = limit === null ? `${today} today` : `${today} / ${limit}`
  const label = `Cloud spending today: ${today}${limit === null ? '' : ` of ${limit}`}${STATE_WORDS[meter.state]}`
  const month =
    meter.monthlyLimitUsd === null ? `This month: ${money(meter.monthUsd)}` : `This month: ${money(meter.monthUsd)} of ${money(meter.monthlyLimitUsd)}`
  const saved = `Saved by staying local: ${money(meter.savedTodayUsd)} today, ${money(meter.savedMonthUsd)} this month`
  return { text, label, tooltip: `${label}\n${month}\n${saved}\nClick for usage details.`, today, limit, state: STATE_WORDS[meter.state] }
}

/**
 * The header's cost meter: today's cloud spending against the daily budget, as a small bar and
 * "$0.04 / $1.00"; amber near the budget, red when it is used up. Opens Settings → Usage.
 */
export function CostMeter() {
  const meter = useUsage((s) => s.meter)
  const hasCloud = useCloud((s) => s.models.length > 0)
  return <CostMeterView meter={meter} hasCloud={hasCloud} />
}

export function CostMeterView({ meter, hasCloud }: { meter: UsageMeter | null; hasCloud: boolean }) {
  // Someone who never used a cloud model has nothing to count: no meter until they can.
  if (!meter || (!hasCloud && meter.monthUsd === 0)) return null
  const words = meterWords(meter)
  const share = todayShare(meter)
  const tone = METER_TONE[meter.state]
  return (
    <button
      type="button"
      data-testid="cost-meter"
      data-state={meter.state}
      data-today={meter.todayUsd}
      title={words.tooltip}
      onClick={() => useApp.getState().openSettings('usage')}
      className={`flex shrink-0 items-center gap-2 rounded-full border px-2.5 py-1 text-xs font-medium whitespace-nowrap tabular-nums hover:bg-zinc-100 dark:hover:bg-zinc-800 ${tone.ring} ${tone.text}`}
    >
      {share !== null && (
        <span aria-hidden="true" className="hidden h-1.5 w-12 overflow-hidden rounded-full bg-zinc-200 sm:block dark:bg-zinc-700">
          <span
            data-testid="cost-meter-bar"
            className={`block h-full rounded-full ${tone.bar}`}
            style={{ width: `${Math.max(meter.todayUsd > 0 ? 4 : 0, share * 100)}%` }}
          />
        </span>
      )}
      {/* Read as "Cloud spending today: $0.04 of $1.00"; seen as "$0.04 / $1.00" (the name holds what is seen). */}
      <span>
        <span className="sr-only">Cloud spending today: </span>
        {words.today}
        {words.limit === null ? (
          ' today'
        ) : (
          <>
            <span aria-hidden="true"> / </span>
            <span className="sr-only"> of </span>
            {words.limit}
          </>
        )}
        {words.state && <span className="sr-only">{words.state}</span>}
      </span>
    </button>
  )
}
