/** How money is shown: amounts are kept in US dollars and shown in the user's currency. */
export interface MoneyFormat {
  currency: string
  currencyPerUsd: number
}

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(currency: string, digits: number): Intl.NumberFormat {
  const key = `${currency}:${digits}`
  let f = formatters.get(key)
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: Math.min(2, digits), maximumFractionDigits: digits })
    } catch {
      // An unknown code: show the number with the code after it.
      f = new Intl.NumberFormat('en-US', { minimumFractionDigits: Math.min(2, digits), maximumFractionDigits: digits })
    }
    formatters.set(key, f)
  }
  return f
}

/**
 * `usd` in the user's currency: cents for ordinary amounts, more digits for the tiny costs of
 * single messages ($0.0004), so a cheap reply never reads as $0.00.
 */
export function formatMoney(usd: number, format: MoneyFormat = { currency: 'USD', currencyPerUsd: 1 }): string {
  const amount = usd * format.currencyPerUsd
  const abs = Math.abs(amount)
  const digits = abs === 0 || abs >= 0.995 ? 2 : abs >= 0.0995 ? 2 : abs >= 0.00995 ? 3 : 4
  const f = formatter(format.currency, digits)
  const text = f.format(amount)
  return f.resolvedOptions().style === 'currency' ? text : `${text} ${format.currency}`
}
