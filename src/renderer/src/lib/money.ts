import { formatMoney, type MoneyOptions, type MoneyUnit } from '../../../shared/money'
import { useTranslation } from '../i18n'
import { useSettings } from '../stores/settings'

export { currencySymbol, formatLocalMoney, formatMoney, USD, type MoneyOptions, type MoneyUnit } from '../../../shared/money'

/** The user's money unit, from the settings (US dollars until they are in). */
export function useMoneyUnit(): MoneyUnit {
  const currency = useSettings((s) => s.settings?.currency ?? 'USD')
  const currencyPerUsd = useSettings((s) => s.settings?.currencyPerUsd ?? 1)
  return { currency, currencyPerUsd }
}

/** A formatter bound to the user's currency and the language on screen (digits and symbol placement: "$1.20", "1,20 US$"). */
export function useMoney(): (usd: number | null | undefined, options?: MoneyOptions) => string {
  const unit = useMoneyUnit()
  const { i18n } = useTranslation()
  return (usd, options) => formatMoney(usd, unit, { locale: i18n.language, ...options })
}

/** 0.734 → "73%". */
export const formatShare = (share: number): string => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : '—')
