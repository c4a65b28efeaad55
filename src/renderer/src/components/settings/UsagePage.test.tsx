import { describe, expect, it } from 'vitest'
import { i18n } from '../../i18n'
import { reasonAfterPlace } from '../../lib/routeWords'
import { meter } from '../../testing/usageFixtures'
import { readNumber } from './fields'
import { appName, budgetNotice } from './UsagePage'

const usd = { currency: 'USD', currencyPerUsd: 1 }

describe('usage and routing words', () => {
  it('says which budget is close or used up', () => {
    expect(budgetNotice(meter({ state: 'warning', todayUsd: 0.84 }), usd)).toBe('You’ve spent 84% of today’s budget ($0.84 of $1.00).')
    expect(budgetNotice(meter({ state: 'warning', todayUsd: 0.1, monthUsd: 17 }), usd)).toBe('You’ve spent 85% of this month’s budget ($17.00 of $20.00).')
    expect(budgetNotice(meter({ state: 'exhausted', todayUsd: 1 }), usd)).toMatch(/^Today’s budget is used up\. Until it renews, Auto answers/)
    expect(budgetNotice(meter({ state: 'exhausted', todayUsd: 0.2, monthUsd: 20 }), usd)).toMatch(/^This month’s budget is used up/)
  })

  it('drops the place from a reason the badge already shows', () => {
    expect(reasonAfterPlace('Local · Qwen3 8B — a short coding task; private and free')).toBe('Qwen3 8B — a short coding task; private and free')
    expect(reasonAfterPlace('Cloud · GPT — hard')).toBe('GPT — hard')
    expect(reasonAfterPlace('The local model failed — answered by GPT')).toBe('The local model failed — answered by GPT')
  })

  it('checks typed numbers before saving them', () => {
    expect(readNumber('', { allowEmpty: true }, 'Daily budget')).toEqual({ value: null })
    expect(readNumber('', {}, 'Daily budget')).toEqual({ problem: 'Daily budget: enter a number.' })
    expect(readNumber('2,5', { min: 0 }, 'Daily budget')).toEqual({ value: 2.5 })
    expect(readNumber('abc', {}, 'Daily budget')).toEqual({ problem: 'Daily budget: “abc” is not a number.' })
    expect(readNumber('-1', { min: 0 }, 'Daily budget')).toEqual({ problem: 'Daily budget: at least 0.' })
    expect(readNumber('1.5', { integer: true }, 'Per minute')).toEqual({ problem: 'Per minute: use a whole number.' })
    expect(readNumber('200000', { max: 100_000 }, 'Per minute')).toEqual({ problem: 'Per minute: at most 100,000.' })
  })
})

describe('the Test button’s row', () => {
  it('is named in the language on screen; an app’s own name stays as the user wrote it', async () => {
    const test = { key: 'app:connection test', label: 'Connection test' }
    try {
      await i18n.changeLanguage('es')
      expect(appName(test)).toBe('Prueba de conexión')
      expect(appName({ key: 'app:notes', label: 'Notes' })).toBe('Notes')
    } finally {
      await i18n.changeLanguage('en')
    }
    expect(appName(test)).toBe('Connection test')
  })
})
