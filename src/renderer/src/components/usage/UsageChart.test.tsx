import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { summary } from '../../testing/usageFixtures'
import { niceMax, UsageChart } from './UsageChart'

describe('UsageChart', () => {
  it('draws one bar per day with a text alternative', () => {
    const html = renderToStaticMarkup(<UsageChart days={summary().days} unit={{ currency: 'USD', currencyPerUsd: 1 }} />)
    expect(html.match(/data-testid="usage-chart-bar"/g)).toHaveLength(30)
    expect(html).toContain('role="img"')
    expect(html).toMatch(/<desc[^>]*>Cloud spending over the last 30 days: \$0\.04 in all/)
    // Only today cost something: one bar with height, marked as today.
    expect(html).toMatch(/data-date="2025-03-30" data-cost="0.04" data-today="true"/)
    expect(html).toContain('Today')
    // The same numbers as a table.
    expect(html.match(/<tr class="border-t/g)).toHaveLength(30)
  })

  it('rounds the axis to a readable top', () => {
    expect(niceMax(0)).toBe(1)
    expect(niceMax(0.037)).toBeCloseTo(0.05)
    expect(niceMax(1.3)).toBe(2)
    expect(niceMax(7)).toBe(10)
    expect(niceMax(42_000)).toBe(50_000)
  })
})
