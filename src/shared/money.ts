/**
 * Money as Aura shows it: amounts are kept in US dollars and shown in the user's currency. Pure
 * (no DOM, no Node): the page, the main process's notices and the CLI format alike.
 */
/** How money is shown: the user's currency, and how many of it one US dollar buys. */
export interface MoneyUnit {
  currency: string
  currencyPerUsd: number
}

export const USD: MoneyUnit = { currency: 'USD', currencyPerUsd: 1 }

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(currency: string, locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}|${JSON.stringify(options)}`
  let format = formatters.get(key)
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, ...options })
    } catch {
      // An unknown currency code: show the amount in US dollars rather than nothing.
      format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD', ...options })
    }
    formatters.set(key, format)
  }
  return format
}

/** The smallest amount the currency writes with its usual decimals (0.01 for dollars, 1 for yen). */
function smallestUnit(currency: string, locale: string | undefined): number {
  const digits = formatter(currency, locale, {}).resolvedOptions().maximumFractionDigits ?? 2
  return 10 ** -digits
}

export interface MoneyOptions {
  /** Locale for the digits (the system's by default; tests pass 'en-US'). */
  locale?: string
  /** Whole units when the amount is large (e.g. budget limits: "$20" rather than "$20.00"). */
  whole?: boolean
  /** Tiny amounts as they are ("$0.00002"), never "< $0.0001" (a chart's axis). */
  precise?: boolean
}

/**
 * An amount in US dollars shown in the user's currency: "$0.04", "€1.20", "¥6". Amounts smaller
 * than a cent keep two significant digits ("$0.0004", "$0.0012") rather than round to nothing;
 * the very smallest read "< $0.0001".
 */
export function formatMoney(usd: number | null | undefined, unit: MoneyUnit = USD, options: MoneyOptions = {}): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—'
  const { locale } = options
  const rate = Number.isFinite(unit.currencyPerUsd) && unit.currencyPerUsd > 0 ? unit.currencyPerUsd : 1
  const amount = usd * rate
  const abs = Math.abs(amount)
  const currency = unit.currency
  const cent = smallestUnit(currency, locale)
  if (abs === 0) return formatter(currency, locale, options.whole ? { maximumFractionDigits: 0 } : {}).format(0)
  if (abs < cent) {
    const tiny = cent / 100
    if (abs < tiny && !options.precise) {
      const text = formatter(currency, locale, { maximumSignificantDigits: 1 }).format(tiny)
      return `${amount < 0 ? '-' : ''}< ${text}`
    }
    return formatter(currency, locale, { maximumSignificantDigits: 2 }).format(amount)
  }
  if (options.whole && Number.isInteger(amount)) return formatter(currency, locale, { maximumFractionDigits: 0 }).format(amount)
  return formatter(currency, locale, {}).format(amount)
}

/** An amount in the user's currency (not USD): budget limits as typed in settings. */
export function formatLocalMoney(amount: number, currency: string, options: MoneyOptions = {}): string {
  return formatMoney(amount, { currency, currencyPerUsd: 1 }, options)
}

/** The currency's symbol as the amounts show it ("$", "€", "CHF"). */
export function currencySymbol(currency: string, locale?: string): string {
  const part = formatter(currency, locale, {})
    .formatToParts(0)
    .find((p) => p.type === 'currency')
  return part?.value ?? currency
}

