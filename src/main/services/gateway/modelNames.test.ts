import { describe, expect, it } from 'vitest'
import { AuraError, DEFAULT_SETTINGS, SettingsSchema } from '../../../shared/api'
import type { ListedModel } from './core'
import { nameMatches, resolveModelName } from './modelNames'

const listed: ListedModel[] = [
  { id: 'auto', ownedBy: 'aura' },
  { id: 'qwen3-4b', ownedBy: 'local' },
  { id: 'anthropic:claude-sonnet-5-5', ownedBy: 'anthropic' },
]
const defaults = DEFAULT_SETTINGS.api.modelNames

describe('model names', () => {
  it('matches `*` as any characters, the whole name, case aside', () => {
    expect(nameMatches('*haiku*', 'claude-3-5-haiku-20241022')).toBe(true)
    expect(nameMatches('*haiku*', 'Claude-HAIKU-5')).toBe(true)
    expect(nameMatches('*-mini*', 'gpt-4o-mini')).toBe(true)
    expect(nameMatches('*-mini*', 'gemini-pro')).toBe(false)
    expect(nameMatches('gpt-4o', 'gpt-4o-mini')).toBe(false)
    expect(nameMatches('gpt-4.1', 'gpt-4x1')).toBe(false) // a dot is a dot
    expect(nameMatches('claude-*', 'claude-opus-5-5')).toBe(true)
  })

  it('sends the small models clients use for background calls to a local model by default, the rest to Auto', () => {
    for (const name of ['claude-haiku-4-5-20251001', 'gpt-4o-mini', 'gpt-5-nano', 'gemini-2.5-flash-lite']) {
      expect(resolveModelName(name, defaults, listed)).toEqual({ modelId: 'auto', preferLocal: true })
    }
    for (const name of ['claude-opus-5-5', 'gpt-4o', 'gemini-2.5-flash']) {
      expect(resolveModelName(name, defaults, listed)).toEqual({ modelId: 'auto', preferLocal: false })
    }
  })

  it('keeps names Aura has, and the first matching rule wins', () => {
    expect(resolveModelName('qwen3-4b', defaults, listed)).toEqual({ modelId: 'qwen3-4b', preferLocal: false })
    expect(resolveModelName('anthropic:claude-opus-5-5', defaults, listed)).toEqual({ modelId: 'anthropic:claude-opus-5-5', preferLocal: false })
    const rules = [
      { pattern: 'claude-sonnet*', target: 'anthropic:claude-sonnet-5-5' },
      { pattern: 'claude-*', target: 'qwen3-4b' },
      { pattern: '*', target: 'local' },
    ]
    expect(resolveModelName('claude-sonnet-4-5', rules, listed).modelId).toBe('anthropic:claude-sonnet-5-5')
    expect(resolveModelName('claude-haiku-4-5', rules, listed).modelId).toBe('qwen3-4b')
    expect(resolveModelName('gpt-4o', rules, listed)).toEqual({ modelId: 'auto', preferLocal: true })
    // A rule may catch a path-like name too (OpenRouter's `openai/gpt-4o`).
    expect(resolveModelName('openai/gpt-4o', rules, listed).preferLocal).toBe(true)
  })

  it('refuses in words a rule whose model is gone, and a path-like name no rule catches', () => {
    const gone = () => resolveModelName('claude-opus-5-5', [{ pattern: 'claude-*', target: 'llama-deleted' }], listed)
    expect(gone).toThrow(AuraError)
    expect(gone).toThrow(/rule “claude-\*”\) to “llama-deleted”.*Settings → Connect apps/)
    expect(() => resolveModelName('owner/model', defaults, listed)).toThrow(/no model “owner\/model”/)
    expect(() => resolveModelName('xai:grok-4', defaults, listed)).toThrow(/no model/)
  })

  it('are a setting: stored rules are read back, and an api setting without them gets the defaults', () => {
    const rules = [{ pattern: 'gpt-*', target: 'local' }]
    expect(SettingsSchema.parse({ api: { enabled: true, port: 4891, modelNames: rules } }).api.modelNames).toEqual(rules)
    // Settings saved before the rules existed keep their switch and port, and get the default rules.
    expect(SettingsSchema.parse({ api: { enabled: true, port: 5000 } }).api).toEqual({ enabled: true, port: 5000, network: false, corsOrigins: [], modelNames: defaults })
    expect(SettingsSchema.parse({}).api.modelNames).toEqual(defaults)
  })
})
