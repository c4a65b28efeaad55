import { formatMoney, type MoneyOptions, type MoneyUnit } from '../../../shared/money'
import { useSettings } from '../stores/settings'

export { currencySymbol, formatLocalMoney, formatMoney, USD, type MoneyOptions, type MoneyUnit } from '../../../shared/money'

/** The user's money unit, from the settings (US dollars until they are in). */
export function useMoneyUnit(): MoneyUnit {
  const currency = useSettings((s) => s.settings?.currency ?? 'USD')
  const currencyPerUsd = useSettings((s) => s.settings?.currencyPerUsd ?? 1)
  return { currency, currencyPerUsd }
}

/** A formatter bound to the user's currency. */
export function useMoney(): (usd: number | null | undefined, options?: MoneyOptions) => string {
  const unit = useMoneyUnit()
  return (usd, options) => formatMoney(usd, unit, options)
}

/** 0.734 → "73%". */
export const formatShare = (share: number): string => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : '—')
