import * as shared from '../../../shared/money'
import type { MoneyOptions, MoneyUnit } from '../../../shared/money'
import { locale, useTranslation } from '../i18n'
import { useSettings } from '../stores/settings'

export { USD, type MoneyOptions, type MoneyUnit } from '../../../shared/money'

/*
 * shared/money as the page shows it: in the language on screen unless a caller says otherwise
 * ("$1.20" in English, "1,20 US$" in Spanish). Without a locale, Intl would use the computer's.
 */
export const formatMoney = (usd: number | null | undefined, unit?: MoneyUnit, options: MoneyOptions = {}): string => shared.formatMoney(usd, unit, { locale: locale(), ...options })
export const formatLocalMoney = (amount: number, currency: string, options: MoneyOptions = {}): string => shared.formatLocalMoney(amount, currency, { locale: locale(), ...options })
export const currencySymbol = (currency: string, language: string = locale()): string => shared.currencySymbol(currency, language)

/** The user's money unit, from the settings (US dollars until they are in). */
export function useMoneyUnit(): MoneyUnit {
  const currency = useSettings((s) => s.settings?.currency ?? 'USD')
  const currencyPerUsd = useSettings((s) => s.settings?.currencyPerUsd ?? 1)
  return { currency, currencyPerUsd }
}

/** A formatter bound to the user's currency and the language on screen (digits and symbol placement: "$1.20", "1,20 US$"); re-renders when the language changes. */
export function useMoney(): (usd: number | null | undefined, options?: MoneyOptions) => string {
  const unit = useMoneyUnit()
  const { i18n } = useTranslation()
  return (usd, options) => shared.formatMoney(usd, unit, { locale: i18n.language, ...options })
}

/** 0.734 → "73%". */
export const formatShare = (share: number): string => (Number.isFinite(share) ? `${Math.round(share * 100)}%` : '—')
