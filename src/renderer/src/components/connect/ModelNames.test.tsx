import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL_NAMES } from '../../../../shared/modelNames'
import type { CloudModel, InstalledModel } from '../../api'
import { ModelNamesView } from './ModelNames'

const tiny = { id: 'tiny', name: 'Tiny', problem: null, embedding: false } as unknown as InstalledModel
const bge = { id: 'bge', name: 'BGE Small', problem: null, embedding: true } as unknown as InstalledModel
const sonnet = { id: 'anthropic:claude-sonnet-5-5', name: 'Claude Sonnet 5.5', providerName: 'Anthropic' } as unknown as CloudModel
const view = (rules = DEFAULT_MODEL_NAMES) => renderToStaticMarkup(<ModelNamesView rules={rules} local={[tiny, bge]} cloud={[sonnet]} onSave={() => undefined} />)
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')

describe('model names', () => {
  it('says in plain words what the rules do, one row per rule, first rule first', () => {
    const html = view()
    expect(words(html)).toContain('When an app asks for a model Aura doesn’t have…')
    expect(words(html)).toContain('A name no rule fits goes to Auto.')
    expect([...html.matchAll(/aria-label="Rule \d+: the name" value="([^"]*)"/g)].map((m) => m[1])).toEqual(['*haiku*', '*-mini*', '*-nano*', '*flash-lite*'])
    // The first rule cannot move up, the last not down; the defaults cannot be reset to.
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Move rule 1 up"/)
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Move rule 4 down"/)
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*>Reset to defaults/)
  })

  it('offers a local model, Auto, and each chat model by name (not those for documents)', () => {
    const html = view([{ pattern: 'gpt-*', target: 'anthropic:claude-sonnet-5-5' }])
    expect([...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])).toEqual(['local', 'auto', 'tiny', 'anthropic:claude-sonnet-5-5'])
    expect(html).toMatch(/<option value="anthropic:claude-sonnet-5-5" selected="">Claude Sonnet 5.5 \(Anthropic\)/)
    expect(html).not.toMatch(/<button[^>]*disabled=""[^>]*>Reset to defaults/)
  })

  it('shows a rule whose model is gone as gone, and says when there are no rules', () => {
    expect(view([{ pattern: 'claude-*', target: 'deleted-model' }])).toContain('deleted-model (not available now)')
    expect(words(view([]))).toContain('No rules: every name Aura doesn’t have goes to Auto.')
  })
})
