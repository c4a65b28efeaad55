import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import { currencySymbol, formatMoney, formatShare } from './money'

const en = { locale: 'en-US' }

describe('formatMoney', () => {
  it('shows dollars with cents, and small amounts without rounding them to nothing', () => {
    expect(formatMoney(0.04, undefined, en)).toBe('$0.04')
    expect(formatMoney(1, undefined, en)).toBe('$1.00')
    expect(formatMoney(0, undefined, en)).toBe('$0.00')
    expect(formatMoney(0.0004, undefined, en)).toBe('$0.0004')
    expect(formatMoney(0.001234, undefined, en)).toBe('$0.0012')
    expect(formatMoney(0.00001, undefined, en)).toBe('< $0.0001')
    expect(formatMoney(0.00002, undefined, { ...en, precise: true })).toBe('$0.00002')
    expect(formatMoney(1234.5, undefined, en)).toBe('$1,234.50')
  })

  it('converts to the user’s currency with its own decimals', () => {
    expect(formatMoney(1, { currency: 'EUR', currencyPerUsd: 0.9 }, en)).toBe('€0.90')
    expect(formatMoney(0.04, { currency: 'JPY', currencyPerUsd: 150 }, en)).toBe('¥6')
    expect(formatMoney(0.001, { currency: 'JPY', currencyPerUsd: 150 }, en)).toBe('¥0.15')
    expect(formatMoney(0.5, { currency: 'CHF', currencyPerUsd: 0.8 }, en)).toBe('CHF\u00a00.40')
  })

  it('whole amounts on request, unknowns as a dash, odd codes in dollars', () => {
    expect(formatMoney(20, undefined, { ...en, whole: true })).toBe('$20')
    expect(formatMoney(20.5, undefined, { ...en, whole: true })).toBe('$20.50')
    expect(formatMoney(null)).toBe('—')
    expect(formatMoney(Number.NaN)).toBe('—')
    expect(formatMoney(1, { currency: 'XYZ1', currencyPerUsd: 1 }, en)).toBe('$1.00')
  })

  it('symbols and shares', () => {
    expect(currencySymbol('USD', 'en-US')).toBe('$')
    expect(currencySymbol('EUR', 'en-US')).toBe('€')
    expect(formatShare(0.734)).toBe('73%')
  })
})

describe('in the language on screen', () => {
  afterEach(() => void i18n.changeLanguage('en'))

  it('writes money as the page’s language does when no locale is given', async () => {
    await i18n.changeLanguage('es')
    expect(formatMoney(1)).toBe('1,00\u00a0US$')
    expect(currencySymbol('USD')).toBe('US$')
    await i18n.changeLanguage('en')
    expect(formatMoney(1)).toBe('$1.00')
  })
})
