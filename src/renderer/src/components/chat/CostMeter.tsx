import type { BudgetState, UsageMeter } from '../../api'
import { i18n, useTranslation } from '../../i18n'
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

/** What the budget's state adds to the meter's name (nothing while it is fine). */
function stateWords(state: BudgetState): string {
  if (state === 'warning') return i18n.t('message.meterWarning')
  if (state === 'exhausted') return i18n.t('message.meterExhausted')
  return ''
}

/** The meter's words: its visible text ("$0.04 / $1.00"), its accessible name, and its tooltip. */
export function meterWords(meter: UsageMeter): { text: string; label: string; tooltip: string } {
  const t = i18n.t
  const unit: MoneyUnit = { currency: meter.currency, currencyPerUsd: meter.currencyPerUsd }
  const money = (usd: number) => formatMoney(usd, unit)
  const today = money(meter.todayUsd)
  const limit = meter.dailyLimitUsd === null ? null : money(meter.dailyLimitUsd)
  const text = limit === null ? t('message.meterToday', { amount: today }) : `${today} / ${limit}`
  const state = stateWords(meter.state)
  const label = (limit === null ? t('message.meterLabel', { today }) : t('message.meterLabelLimit', { today, limit })) + (state ? ` — ${state}` : '')
  const amount = money(meter.monthUsd)
  const month = meter.monthlyLimitUsd === null ? t('message.meterMonth', { amount }) : t('message.meterMonthLimit', { amount, limit: money(meter.monthlyLimitUsd) })
  const saved = t('message.meterSaved', { today: money(meter.savedTodayUsd), month: money(meter.savedMonthUsd) })
  return { text, label, tooltip: `${label}\n${month}\n${saved}\n${t('message.meterClick')}` }
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
  // The words are looked up in meterWords: this re-renders them on a change of language.
  useTranslation()
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
        <span aria-hidden="true" className="hidden h-1.5 w-12 overflow-hidden rounded-full bg-zinc-200 lg:block dark:bg-zinc-700">
          <span
            data-testid="cost-meter-bar"
            className={`block h-full rounded-full ${tone.bar}`}
            style={{ width: `${Math.max(meter.todayUsd > 0 ? 4 : 0, share * 100)}%` }}
          />
        </span>
      )}
      {/* Seen as "$0.04 / $1.00"; read as "Cloud spending today: $0.04 of $1.00" (the name holds what is seen). */}
      <span aria-hidden="true">{words.text}</span>
      <span className="sr-only">{words.label}</span>
    </button>
  )
}
