/** How money is shown: amounts are kept in US dollars and shown in the user's currency. */
export interface MoneyFormat {
  currency: string
  currencyPerUsd: number
}

const formatters = new Map<string, Intl.NumberFormat>()

/** `digits` null: the currency's own (2 for dollars, 0 for yen). */
function formatter(currency: string, digits: number | null): Intl.NumberFormat {
  const key = `${currency}:${digits}`
  let f = formatters.get(key)
  if (!f) {
    const fraction = digits === null ? {} : { minimumFractionDigits: 2, maximumFractionDigits: digits }
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency, ...fraction })
    } catch {
      // An unknown code: the number, with the code after it.
      f = new Intl.NumberFormat('en-US', digits === null ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : fraction)
    }
    formatters.set(key, f)
  }
  return f
}

/**
 * `usd` in the user's currency: the currency's usual digits for ordinary amounts, more for the tiny
 * costs of single messages ($0.0004), so a cheap reply never reads as $0.00.
 */
export function formatMoney(usd: number, format: MoneyFormat = { currency: 'USD', currencyPerUsd: 1 }): string {
  const amount = usd * format.currencyPerUsd
  const abs = Math.abs(amount)
  const digits = abs === 0 || abs >= 0.0995 ? null : abs >= 0.00995 ? 3 : 4
  const f = formatter(format.currency, digits)
  const text = f.format(amount)
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${format.currency}`
}
