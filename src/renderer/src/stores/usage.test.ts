import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { meter, summary } from '../testing/usageFixtures'
import { tableBridge } from '../testing/tableBridge'
import { meterWords } from '../components/chat/CostMeter'
import { monthShare, todayShare, useUsage } from './usage'

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('usage store', () => {
  beforeEach(() => {
    useUsage.setState({ meter: null, summary: null, summaryError: null, summaryLoading: false, watching: 0 })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('loads the meter, takes each usage.updated, and refreshes the summary only while the page watches', async () => {
    let asked = 0
    tableBridge({
      'usage.meter': () => ({ ok: true, data: meter() }),
      'usage.summary': () => {
        asked++
        return { ok: true, data: summary(meter({ todayUsd: 0.05 })) }
      },
    })
    await useUsage.getState().loadMeter()
    expect(useUsage.getState().meter?.todayUsd).toBe(0.04)

    useUsage.getState().applyMeter(meter({ todayUsd: 0.9, state: 'warning' }))
    expect(useUsage.getState().meter).toMatchObject({ todayUsd: 0.9, state: 'warning' })
    await flush()
    expect(asked).toBe(0)

    const unwatch = useUsage.getState().watch()
    await flush()
    expect(asked).toBe(1)
    expect(useUsage.getState().summary?.days).toHaveLength(30)
    // A burst of updates asks once more, not once each.
    useUsage.getState().applyMeter(meter())
    useUsage.getState().applyMeter(meter())
    useUsage.getState().applyMeter(meter())
    await flush()
    await flush()
    expect(asked).toBe(3)
    unwatch()
    useUsage.getState().applyMeter(meter())
    await flush()
    expect(asked).toBe(3)
  })

  it('says why the summary is missing, and saves an export through a download link', async () => {
    tableBridge({
      'usage.export': (input) => ({
        ok: true,
        data: { filename: `aura-usage.${(input as { format: string }).format}`, mimeType: 'text/csv', content: 'at,model\n1,x\n' },
      }),
    })
    await useUsage.getState().loadSummary()
    expect(useUsage.getState().summaryError).toMatch(/usage.summary/)

    const clicked: { href: string; download: string }[] = []
    const link = { href: '', download: '', rel: '', style: {} as Record<string, string>, click() {
      clicked.push({ href: this.href, download: this.download })
    }, remove() {} }
    vi.stubGlobal('document', { createElement: () => link, body: { append: () => undefined } })
    expect(await useUsage.getState().exportLedger('csv')).toBeNull()
    expect(clicked).toEqual([{ href: expect.stringMatching(/^blob:/), download: 'aura-usage.csv' }])
  })

  it('shares of the budgets, and the meter in words', () => {
    expect(todayShare(meter())).toBeCloseTo(0.04)
    expect(todayShare(meter({ dailyLimitUsd: null }))).toBeNull()
    expect(todayShare(meter({ todayUsd: 3 }))).toBe(1)
    expect(todayShare(meter({ dailyLimitUsd: 0 }))).toBe(1)
    expect(monthShare(meter())).toBeCloseTo(0.075)

    const words = meterWords(meter())
    expect(words.text).toBe('$0.04 / $1.00')
    expect(words.label).toBe('Cloud spending today: $0.04 of $1.00')
    expect(words.tooltip).toContain('Saved by staying local: $0.12 today')
    expect(meterWords(meter({ dailyLimitUsd: null })).text).toBe('$0.04 today')
    expect(meterWords(meter({ state: 'exhausted', todayUsd: 1 })).label).toMatch(/used up/)
    expect(meterWords(meter({ currency: 'EUR', currencyPerUsd: 0.5 })).text).toBe('€0.02 / €0.50')
  })
})
