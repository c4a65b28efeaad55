import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SettingsSchema, type HardwareProfile, type Settings } from '../../../shared/api'
import { ModelLibrary } from '../models/modelLibrary'
import type { SettingsService } from '../settings/settingsService'
import { writeTinyLlama } from '../testing/tinyLlama'
import { createRouter } from './createRouter'
import { decide } from './policy'
import type { CloudOption, LocalOption, PolicyInput } from './types'

// Which local models can call tools, as Auto sees them: a model with a chat template can, a base
// model (text continuation only) cannot.

const chatModel: LocalOption = { id: 'qwen', name: 'Qwen 7B', parameters: 7e9, sizeBytes: 4e9, contextTokens: 4096, fit: 'runs_well', tools: true }
const baseSmall: LocalOption = { id: 'base-1b', name: 'Base 1B', parameters: 1e9, sizeBytes: 1e9, contextTokens: 4096, fit: 'runs_well', tools: false }
const baseLarge: LocalOption = { id: 'base-13b', name: 'Base 13B', parameters: 13e9, sizeBytes: 8e9, contextTokens: 4096, fit: 'runs_well', tools: false }
const cloud = (id: string, capabilities: CloudOption['capabilities']): CloudOption => ({
  id,
  name: id,
  provider: id.split(':')[0] ?? id,
  strength: 'balanced',
  capabilities,
  contextWindow: 200_000,
  price: { inputPerMTokens: 1, outputPerMTokens: 5 },
})

const SIMPLE = 'What time is it in Tokyo?'

function input(overrides: Partial<PolicyInput> = {}, needsTools = true): PolicyInput {
  return {
    request: { text: SIMPLE, history: [], needsTools },
    mode: 'auto',
    maxTokens: 1024,
    preferQuality: false,
    local: [baseSmall, chatModel, baseLarge],
    fastModelId: null,
    qualityModelId: null,
    cloud: [],
    autoCloudModelId: null,
    conditions: { offline: false, budget: 'ok', rateLimited: new Set() },
    ...overrides,
  }
}

describe('Auto and tool calls', () => {
  it('a request that needs tools goes to a local model that can call them', () => {
    const decision = decide(input())
    expect(decision.modelId).toBe('qwen')
    expect(decision.reason).toBe('Local · Qwen 7B — a short question, with tools; private and free')
    // Without tools the smallest model answers a simple question.
    expect(decide(input({}, false)).modelId).toBe('base-1b')
  })

  it('Local only with no local model that can call tools: a plain message, not the cloud', () => {
    const decision = decide(input({ mode: 'local_only', local: [baseSmall, baseLarge], cloud: [cloud('anthropic:sonnet', ['chat', 'tools'])] }))
    expect(decision.modelId).toBeNull()
    expect(decision.reason).toBe('No model can answer: Local only is on and none of the installed models can use tools. Install a model in Settings → AI Models (a chat model), or turn off Local only.')
    expect(decision.candidates.find((c) => c.modelId === 'base-13b')).toMatchObject({ constraint: 'no_tools', skipped: 'This model can’t use tools' })
    expect(decision.candidates.every((c) => c.tier !== 'cloud' || c.constraint === 'local_only')).toBe(true)
  })

  it('no cloud key and no local model that can call tools: a plain message', () => {
    expect(decide(input({ local: [baseSmall] })).reason).toBe('No model can answer: none of the installed models can use tools. Install a model in Settings → AI Models (a chat model) or add a cloud key.')
  })

  it('without Local only, the cloud answers and says why; a cloud model the catalog marks with tools comes first', () => {
    const decision = decide(input({ local: [baseSmall], cloud: [cloud('openai:plain', ['chat']), cloud('anthropic:tooled', ['chat', 'tools'])] }))
    expect(decision.modelId).toBe('anthropic:tooled')
    expect(decision.reason).toContain('the local models can’t use tools')
  })

  it('a picked local model that cannot call tools is refused in plain words', () => {
    const decision = decide(input({ mode: 'model', modelId: 'base-1b' }))
    expect(decision.modelId).toBeNull()
    expect(decision.reason).toContain('Base 1B can’t use tools')
  })
})

describe('the installed models, read from their files', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'aura-router-tools-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('a model with a chat template can call tools, a base model cannot', async () => {
    await writeTinyLlama(join(dir, 'chat.gguf'), { chatTemplate: true, seed: 31 })
    await writeTinyLlama(join(dir, 'base.gguf'), { seed: 32 })
    const settings: Settings = SettingsSchema.parse({})
    const profile: HardwareProfile = {
      cpu: { model: 'test', cores: 2, threads: 2, features: [] },
      ramTotalBytes: 8 * 2 ** 30,
      ramFreeBytes: 4 * 2 ** 30,
      gpus: [],
      gpuBackends: [],
      diskFreeBytes: null,
      tier: 'cpu_only',
      summary: 'a test computer',
    }
    const router = createRouter({
      settings: { get: () => settings } as unknown as SettingsService,
      models: new ModelLibrary(() => dir),
      hardware: { profile: () => Promise.resolve(profile) },
      cloud: { model: () => null },
      hasUsableKey: () => false,
      ledger: { records: () => [] },
      clock: { now: () => Date.now() },
    })
    const withTools = await router.decide({ text: SIMPLE, history: [], needsTools: true }, 'auto')
    expect(withTools.modelId).toBe('chat')
    const picked = await router.decide({ text: SIMPLE, history: [], needsTools: true }, 'base')
    expect(picked.modelId).toBeNull()
    expect(picked.candidates[0]).toMatchObject({ modelId: 'base', constraint: 'no_tools' })
  })
})
