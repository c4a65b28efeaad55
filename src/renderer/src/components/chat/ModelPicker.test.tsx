import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { CloudModel, ModelListItem } from '../../api'
import { autoChatModel } from '../../lib/useModel'
import { meter } from '../../testing/usageFixtures'
import { CostMeterView } from './CostMeter'
import { ModelPickerView } from './ModelPicker'

const tiny = { id: 'tiny', name: 'Tiny', problem: null, parameters: null, quantization: null } as unknown as ModelListItem
const gpt = { id: 'openai:gpt-x', name: 'GPT-X', provider: 'openai', providerName: 'OpenAI', price: null } as unknown as CloudModel
const picker = (localOnly: boolean) =>
  renderToStaticMarkup(<ModelPickerView model={autoChatModel(localOnly)} models={[tiny]} listed cloud={[gpt]} engine={null} localOnly={localOnly} />)

describe('model picker', () => {
  it('offers Auto first, then local models, then cloud models', () => {
    const html = picker(false)
    const values = [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])
    expect(values).toEqual(['auto', 'tiny', 'openai:gpt-x'])
    expect(html).toContain('Auto — picks a model for each message')
    expect(html).not.toContain('local-only-badge')
  })

  it('leaves models for documents (embeddings) out: they cannot chat', () => {
    const bge = { ...tiny, id: 'bge', name: 'BGE Small', embedding: true } as ModelListItem
    const html = renderToStaticMarkup(<ModelPickerView model={autoChatModel(false)} models={[tiny, bge]} listed cloud={[]} engine={null} localOnly={false} />)
    expect([...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['auto', 'tiny'])
  })

  it('with Local only on, says so and keeps cloud models out of reach', () => {
    const html = picker(true)
    expect(html).toContain('Auto · Local only')
    expect(html).toMatch(/<option value="openai:gpt-x" disabled="">/)
    expect(html).toContain('off while Local only is on')
    expect(html).not.toContain('data-testid="local-only-badge"')
    const byHand = renderToStaticMarkup(
      <ModelPickerView model={{ kind: 'local', id: 'tiny', name: 'Tiny', local: tiny }} models={[tiny]} listed cloud={[gpt]} engine={null} localOnly />,
    )
    expect(byHand).toContain('data-testid="local-only-badge"')
  })
})

describe('cost meter', () => {
  it('shows today against the daily budget, in the budget’s colours', () => {
    const html = renderToStaticMarkup(<CostMeterView meter={meter({ state: 'warning', todayUsd: 0.85 })} hasCloud />)
    expect(html).toContain('data-testid="cost-meter"')
    expect(html).toContain('data-state="warning"')
    const text = (markup: string) => markup.replace(/<span aria-hidden="true"[^>]*>[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '')
    // What a screen reader hears, and what is seen.
    expect(text(html)).toBe('Cloud spending today: $0.85 of $1.00 — close to your budget')
    expect(html.replace(/<span class="sr-only">[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '')).toBe('$0.85 / $1.00')
    expect(html).toContain('width:85%')
  })

  it('without a daily limit shows just today’s spend; without keys or spending, nothing', () => {
    const html = renderToStaticMarkup(<CostMeterView meter={meter({ dailyLimitUsd: null })} hasCloud />)
    expect(html.replace(/<[^>]+>/g, '')).toContain('$0.04 today')
    expect(html).not.toContain('cost-meter-bar')
    expect(renderToStaticMarkup(<CostMeterView meter={meter({ monthUsd: 0, todayUsd: 0 })} hasCloud={false} />)).toBe('')
    expect(renderToStaticMarkup(<CostMeterView meter={null} hasCloud />)).toBe('')
  })
})
