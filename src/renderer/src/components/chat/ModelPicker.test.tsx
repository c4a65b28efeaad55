import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { CloudModel, ModelListItem } from '../../api'
import { autoChatModel } from '../../lib/useModel'
import { meter } from '../../testing/usageFixtures'
import { CostMeterView } from './CostMeter'
import { ModelPickerView } from './ModelPicker'
import { withDefault } from './picker/ModelDefaults'
import { ModelMenu } from './picker/ModelMenu'
import { pickerGroups } from './picker/rows'

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

describe('model picker button and list', () => {
  const qwen = { id: 'qwen', name: 'Qwen3-4B-Q4_K_M', sizeBytes: 2 ** 31, problem: null, fit: { label: 'runs_well' } } as unknown as ModelListItem
  const broken = { ...qwen, id: 'broken', name: 'Broken', problem: 'The file is damaged.', fit: null } as ModelListItem
  const priced = { ...gpt, price: { inputPerMTokens: 2, outputPerMTokens: 8, asOf: '2026-01-01', source: 'test', edited: false } } as CloudModel
  const groups = pickerGroups({ models: [qwen, broken], cloud: [priced], engine: { state: 'ready', modelId: 'qwen', threads: 1 }, localOnly: false, speeds: [], money: (usd) => `$${usd.toFixed(2)}` })
  const menu = (value: string | null, initialQuery = '') =>
    renderToStaticMarkup(<ModelMenu groups={groups} value={value} initialQuery={initialQuery} onPick={() => {}} onClose={() => {}} />)
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()

  it('the button names the chosen model in words, where it runs and that it is loaded; the select behind it is out of reach', () => {
    const html = renderToStaticMarkup(
      <ModelPickerView model={{ kind: 'local', id: 'qwen', name: 'Qwen3-4B-Q4_K_M', local: qwen }} models={[qwen]} listed cloud={[]} engine={{ state: 'ready', modelId: 'qwen', threads: 1 }} localOnly={false} />,
    )
    const button = /<button[^>]*data-testid="model-button"[^>]*>.*?<\/button>/.exec(html)![0]
    expect(button).toContain('aria-haspopup="dialog"')
    expect(button).toContain('aria-expanded="false"')
    expect(text(button)).toBe('Model: Qwen3 4B · , On this computer , Ready')
    expect(button).toContain('data-state="ready"')
    expect(html).toMatch(/<select[^>]*aria-hidden="true"[^>]*tabindex="-1"[^>]*class="sr-only"/)
    // A local model's own defaults sit beside it.
    expect(html).toContain('aria-label="Defaults for Qwen3 4B"')
  })

  it('the list is a combobox over a listbox of groups; the chosen model is active; rows that cannot be picked say so', () => {
    const html = menu('qwen')
    expect(html).toMatch(/role="combobox"[^>]*aria-expanded="true"[^>]*aria-controls="([^"]+)"[^>]*aria-autocomplete="list"[^>]*aria-activedescendant="([^"]+)"/)
    const [, list, active] = /aria-controls="([^"]+)"[^>]*aria-activedescendant="([^"]+)"/.exec(html)!
    expect(html).toContain(`id="${list}" role="listbox"`)
    expect(html).toMatch(new RegExp(`id="${active}" role="option" aria-selected="true"[^>]*data-value="qwen"`))
    expect([...html.matchAll(/role="group" aria-labelledby="([^"]+)"/g)].map(([, id]) => text(new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(html)![1]!))).toEqual([
      'Auto',
      'On this computer',
      'Cloud',
    ])
    expect(html).toMatch(/aria-disabled="true"[^>]*data-value="broken"/)
    expect(text(html)).toContain('$2.00 in · $8.00 out per million tokens')
    expect(text(html)).toContain('Ready')
  })

  it('what was typed on the button searches at once; nothing found says so', () => {
    expect([...menu(null, 'gpt').matchAll(/data-value="([^"]+)"/g)].map((m) => m[1])).toEqual(['openai:gpt-x'])
    expect(text(menu(null, 'zzz'))).toContain('No model matches “zzz”.')
  })

  it('a model’s defaults keep only what differs from the settings', () => {
    expect(withDefault({}, 'qwen', 'temperature', 0.2)).toEqual({ qwen: { temperature: 0.2 } })
    expect(withDefault({ qwen: { temperature: 0.2, contextSize: 2048 } }, 'qwen', 'temperature', null)).toEqual({ qwen: { contextSize: 2048 } })
    expect(withDefault({ qwen: { temperature: 0.2 }, other: { contextSize: 1024 } }, 'qwen', 'temperature', null)).toEqual({ other: { contextSize: 1024 } })
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
