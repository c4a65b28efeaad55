import { afterEach, describe, expect, it } from 'vitest'
import { setLanguage } from '../../../shared/i18n'
import { RouteDecisionSchema } from '../../../shared/api'
import { classify } from './classify'
import { dryRunInput } from './dryRun'
import { measure, report } from './corpus/accuracy'
import { HELD_OUT_PROMPTS, LABELLED_PROMPTS } from './labelledPrompts'
import { decide, localTiers } from './policy'
import { promptTokens } from './tokens'
import type { CloudOption, LocalOption, PolicyInput } from './types'

// ---------------------------------------------------------------- fixtures (independent of the catalogs' prices)

const small: LocalOption = { id: 'llama-3.2-3b', name: 'Llama 3.2 3B', parameters: 3.2e9, sizeBytes: 2.0e9, contextTokens: 4096, fit: 'runs_well' }
const large: LocalOption = { id: 'qwen3-8b', name: 'Qwen3 8B', parameters: 8.2e9, sizeBytes: 5.0e9, contextTokens: 4096, fit: 'runs_well' }
const huge: LocalOption = { id: 'llama-3.3-70b', name: 'Llama 3.3 70B', parameters: 70e9, sizeBytes: 42e9, contextTokens: 4096, fit: 'too_big' }
const slow: LocalOption = { id: 'qwen3-14b', name: 'Qwen3 14B', parameters: 14e9, sizeBytes: 9e9, contextTokens: 4096, fit: 'runs_slowly' }

const cloudModel = (
  id: string,
  name: string,
  strength: CloudOption['strength'],
  input: number,
  output: number,
  capabilities: CloudOption['capabilities'] = ['chat', 'reasoning'],
  contextWindow: number | null = 1_000_000,
): CloudOption => ({ id, name, provider: id.split(':')[0] ?? id, strength, capabilities, contextWindow, price: { inputPerMTokens: input, outputPerMTokens: output } })

const opus = cloudModel('anthropic:opus', 'Claude Opus', 'frontier', 4, 20)
const sonnet = cloudModel('anthropic:sonnet', 'Claude Sonnet', 'balanced', 2, 10, ['chat'])
const haiku = cloudModel('anthropic:haiku', 'Claude Haiku', 'fast', 0.2, 1, ['chat'])
const sol = cloudModel('openai:sol', 'GPT Sol', 'frontier', 2, 10)
const terra = cloudModel('openai:terra', 'GPT Terra', 'balanced', 1, 5)
const luna = cloudModel('openai:luna', 'GPT Luna', 'fast', 0.1, 0.5, ['chat'])
const k3 = cloudModel('moonshot:k3', 'Kimi K3', 'frontier', 3, 15, ['chat', 'reasoning', 'vision'])
const kimiCode = cloudModel('moonshot:code', 'Kimi Code', 'balanced', 0.95, 4, ['chat', 'coding'])
const CLOUD = [opus, sonnet, haiku, sol, terra, luna, k3, kimiCode]

const SIMPLE = 'What is the capital of Australia?'
const MODERATE = 'Write a polite email to my landlord asking him to fix the leaking kitchen tap this week.'
const COMPLEX = 'Prove that there are infinitely many primes.'
const COMPLEX_DESIGN = 'Design the architecture for a multi-tenant SaaS billing system: services, data model, proration, idempotent webhooks and failover.'

function input(text: string, overrides: Partial<PolicyInput> = {}, conditions: Partial<PolicyInput['conditions']> = {}): PolicyInput {
  return {
    request: { text, history: [] },
    mode: 'auto',
    maxTokens: 1024,
    preferQuality: false,
    local: [small, large],
    fastModelId: null,
    qualityModelId: null,
    cloud: CLOUD,
    autoCloudModelId: null,
    ...overrides,
    conditions: { offline: false, budget: 'ok', rateLimited: new Set(), ...conditions },
  }
}

const ids = (decision: ReturnType<typeof decide>) => decision.candidates.map((c) => `${c.tier}:${c.modelId}${c.constraint ? `!${c.constraint}` : ''}`)

// ---------------------------------------------------------------- the labelled table

describe('the labelled table', () => {
  it('has enough prompts of every kind', () => {
    expect(LABELLED_PROMPTS.length).toBeGreaterThanOrEqual(150)
    for (const complexity of ['simple', 'moderate', 'complex'] as const) {
      expect(LABELLED_PROMPTS.filter((p) => p.complexity === complexity).length).toBeGreaterThanOrEqual(40)
    }
    for (const taskType of ['chat', 'coding', 'reasoning', 'agentic', 'long_context', 'vision'] as const) {
      expect(LABELLED_PROMPTS.filter((p) => p.taskType === taskType).length).toBeGreaterThanOrEqual(10)
    }
    expect(LABELLED_PROMPTS.filter((p) => p.history).length).toBeGreaterThanOrEqual(5)
    // The long-context labels really are long (over ~8k tokens with the conversation).
    for (const prompt of LABELLED_PROMPTS.filter((p) => p.taskType === 'long_context')) {
      expect(promptTokens({ text: prompt.text, history: prompt.history ?? [] })).toBeGreaterThan(8000)
    }
  })

  // The old table the first rules were written against. The classifier is now fit on the corpus
  // (corpus/accuracy.test.ts holds the real figures), so this table is an outside check it never saw;
  // its labels predate the corpus's label rules and differ on a few (long summaries, follow-ups).
  it('routes the old table mostly as labelled though it was never fit on it (tier ≥ 0.85)', () => {
    const table = measure(LABELLED_PROMPTS)
    const heldOut = measure(HELD_OUT_PROMPTS)
    console.log([report('old table', table), ...table.misses, report('its held-out', heldOut), ...heldOut.misses].join('\n'))
    expect(table.tier).toBeGreaterThanOrEqual(0.85)
    expect(table.complexity).toBeGreaterThanOrEqual(0.8)
    expect(table.taskType).toBeGreaterThanOrEqual(0.78)
    expect(heldOut.tier).toBeGreaterThanOrEqual(0.8)
  })

  it('every decision matches the contract schema', () => {
    for (const prompt of LABELLED_PROMPTS.slice(0, 40)) expect(RouteDecisionSchema.safeParse(decide(dryRunInput(prompt.text, {}))).success).toBe(true)
  })
})

// ---------------------------------------------------------------- tiers and order

describe('tiers in Auto', () => {
  it('simple → the small local model, then the larger one, then a fast cloud model', () => {
    const decision = decide(input(SIMPLE))
    expect(decision).toMatchObject({ complexity: 'simple', tier: 'local-fast', modelId: small.id, estimatedCostUsd: 0 })
    expect(ids(decision)).toEqual(['local-fast:llama-3.2-3b', 'local-quality:qwen3-8b', 'cloud:openai:luna'])
    expect(decision.reason).toBe('Local · Llama 3.2 3B — a short question; private and free')
  })

  it('moderate → the best local model first; with "prefer quality" a balanced cloud model first', () => {
    // The cheapest balanced model: Kimi Code (0.95/4) under GPT Terra (1/5) and Claude Sonnet (2/10).
    expect(ids(decide(input(MODERATE)))).toEqual(['local-quality:qwen3-8b', 'local-fast:llama-3.2-3b', 'cloud:moonshot:code'])
    const preferred = decide(input(MODERATE, { preferQuality: true }))
    expect(ids(preferred)).toEqual(['cloud:moonshot:code', 'local-quality:qwen3-8b', 'local-fast:llama-3.2-3b'])
    expect(preferred.reason).toMatch(/^Cloud · Kimi Code — an everyday request; about \$0\.\d+$/)
  })

  it('complex → the cheapest fitting frontier model, a second provider, then local quality and fast', () => {
    const decision = decide(input(COMPLEX))
    expect(decision).toMatchObject({ complexity: 'complex', taskType: 'reasoning', tier: 'cloud', modelId: sol.id })
    expect(ids(decision)).toEqual(['cloud:openai:sol', 'cloud:moonshot:k3', 'local-quality:qwen3-8b', 'local-fast:llama-3.2-3b'])
    expect(decision.reason).toMatch(/^Cloud · GPT Sol — a proof; about \$0\.0\d$/)
  })

  it('complex coding prefers a coding-capable frontier model, else any frontier one', () => {
    const coder = cloudModel('moonshot:coder-max', 'Kimi Coder Max', 'frontier', 5, 25, ['chat', 'coding'])
    expect(decide(input(COMPLEX_DESIGN, { cloud: [...CLOUD, coder] })).modelId).toBe(coder.id)
    const decision = decide(input(COMPLEX_DESIGN))
    expect(decision.modelId).toBe(sol.id)
    expect(decision.reason).toMatch(/^Cloud · GPT Sol — a complex design question; about \$/)
  })

  it('an image question goes to a vision-capable cloud model first', () => {
    const decision = decide(input('What colour is the car in this photo?'))
    expect(decision).toMatchObject({ taskType: 'vision', tier: 'cloud', modelId: k3.id })
    expect(decision.reason).toContain('the local models can’t see images')
  })

  it('estimates the cost from the prompt and the expected reply, capped by the length limit', () => {
    const tokens = decide(input(COMPLEX)).promptTokens
    expect(decide(input(COMPLEX, { maxTokens: 4096 })).estimatedCostUsd).toBeCloseTo((tokens * 2 + 2000 * 10) / 1e6, 9)
    expect(decide(input(COMPLEX, { maxTokens: 500 })).estimatedCostUsd).toBeCloseTo((tokens * 2 + 500 * 10) / 1e6, 9)
    const unpriced = { ...sol, price: null }
    const decision = decide(input(COMPLEX, { cloud: [unpriced] }))
    expect(decision).toMatchObject({ modelId: sol.id, estimatedCostUsd: null })
    expect(decision.reason).toContain('price unknown')
  })

  it('shows costs in the user’s currency', () => {
    const decision = decide(input(COMPLEX, { formatCost: (usd) => `€${(usd * 0.9).toFixed(3)}` }))
    expect(decision.reason).toMatch(/about €0\.\d{3}$/)
  })
})

describe('local tiers', () => {
  it('fast = smallest, quality = largest that runs well; runs_well beats a larger runs_slowly', () => {
    expect(localTiers({ local: [large, small, slow], fastModelId: null, qualityModelId: null })).toEqual({ fast: small, quality: large })
    expect(localTiers({ local: [slow], fastModelId: null, qualityModelId: null })).toEqual({ fast: slow, quality: slow })
  })

  it('compares by size when the parameter count is unknown', () => {
    const a = { ...small, id: 'a', parameters: null, sizeBytes: 1e9 }
    const b = { ...large, id: 'b', parameters: null, sizeBytes: 4e9 }
    expect(localTiers({ local: [b, a], fastModelId: null, qualityModelId: null })).toEqual({ fast: a, quality: b })
  })

  it('one local model only: both tiers are that model and it is listed once', () => {
    for (const text of [SIMPLE, MODERATE, COMPLEX]) {
      const decision = decide(input(text, { local: [large] }))
      expect(decision.candidates.filter((c) => c.modelId === large.id)).toHaveLength(1)
    }
    expect(decide(input(SIMPLE, { local: [large] }))).toMatchObject({ tier: 'local-fast', modelId: large.id })
  })

  it('the user’s picks for the fast and quality tiers win', () => {
    const mid = { ...small, id: 'phi-4-mini', name: 'Phi-4 mini', parameters: 3.8e9 }
    const env = { local: [small, mid, large, slow], fastModelId: mid.id, qualityModelId: slow.id }
    expect(decide(input(SIMPLE, env)).modelId).toBe(mid.id)
    expect(decide(input(MODERATE, env)).modelId).toBe(slow.id)
  })

  it('a too-big model is passed over with "too_big"; when every local model is too big the cloud answers', () => {
    const picked = decide(input(MODERATE, { local: [small, huge], qualityModelId: huge.id }))
    expect(ids(picked)).toEqual(['local-fast:llama-3.2-3b', 'cloud:moonshot:code', 'local-quality:llama-3.3-70b!too_big'])
    expect(picked.candidates.at(-1)?.skipped).toBe('Too big for this computer')
    // Left to Auto, the quality tier is the largest model that fits: the 70B is not even tried.
    expect(ids(decide(input(MODERATE, { local: [small, huge] })))).toEqual(['local-quality:llama-3.2-3b', 'cloud:moonshot:code'])
    const none = decide(input(SIMPLE, { local: [huge] }))
    expect(none).toMatchObject({ tier: 'cloud', modelId: luna.id })
    expect(ids(none)).toContain('local-fast:llama-3.3-70b!too_big')
    expect(none.reason).toContain('the local models are too big for this computer')
  })
})

// ---------------------------------------------------------------- constraints

describe('constraints', () => {
  it('Local only: nothing goes to the cloud; cloud candidates stay listed as skipped', () => {
    const decision = decide(input(COMPLEX_DESIGN, { mode: 'local_only' }))
    expect(decision).toMatchObject({ mode: 'local_only', tier: 'local-quality', modelId: large.id, estimatedCostUsd: 0 })
    expect(ids(decision)).toEqual(['local-quality:qwen3-8b', 'local-fast:llama-3.2-3b', 'cloud:openai:sol!local_only', 'cloud:moonshot:k3!local_only'])
    expect(decision.candidates.at(-1)?.skipped).toBe('Local only is on')
    expect(decision.reason).toBe('Local · Qwen3 8B — a complex design question; Local only is on, so it stays on this computer')
  })

  it('offline: the cloud is skipped and the reason says so', () => {
    const decision = decide(input(COMPLEX, {}, { offline: true }))
    expect(decision).toMatchObject({ tier: 'local-quality', modelId: large.id })
    expect(decision.candidates.filter((c) => c.tier === 'cloud').every((c) => c.constraint === 'offline')).toBe(true)
    expect(decision.reason).toBe('Local · Qwen3 8B — a proof; you seem to be offline')
    expect(decide(input(SIMPLE, {}, { offline: true })).reason).toBe('Local · Llama 3.2 3B — a short question; you seem to be offline')
  })

  it('no cloud key: a stand-in says so, and a complex request stays local', () => {
    const decision = decide(input(COMPLEX, { cloud: [] }))
    expect(decision).toMatchObject({ tier: 'local-quality', modelId: large.id })
    expect(decision.candidates.at(-1)).toMatchObject({ tier: 'cloud', modelId: '', constraint: 'no_key', skipped: 'No cloud key is set' })
    expect(decision.reason).toBe('Local · Qwen3 8B — a proof; no cloud key is set')
  })

  it('budget exhausted: answered locally; a warning still allows the cloud', () => {
    const out = decide(input(COMPLEX, {}, { budget: 'exhausted' }))
    expect(out).toMatchObject({ tier: 'local-quality', modelId: large.id })
    expect(out.candidates.filter((c) => c.tier === 'cloud').map((c) => c.constraint)).toEqual(['budget', 'budget'])
    expect(out.reason).toBe('Local · Qwen3 8B — a proof; the cloud budget is used up')
    expect(decide(input(COMPLEX, {}, { budget: 'warning' }))).toMatchObject({ tier: 'cloud', modelId: sol.id })
  })

  it('a rate-limited provider is skipped for another provider', () => {
    const decision = decide(input(COMPLEX, {}, { rateLimited: new Set(['openai']) }))
    expect(decision).toMatchObject({ tier: 'cloud', modelId: k3.id })
    expect(ids(decision)).toEqual(['cloud:moonshot:k3', 'cloud:anthropic:opus', 'local-quality:qwen3-8b', 'local-fast:llama-3.2-3b', 'cloud:openai:sol!rate_limit'])
    expect(decision.reason).toContain('GPT Sol is at its request limit')
    const all = decide(input(COMPLEX, {}, { rateLimited: new Set(['openai', 'anthropic', 'moonshot']) }))
    expect(all).toMatchObject({ tier: 'local-quality', modelId: large.id })
    expect(all.reason).toContain('the cloud request limit is reached')
  })

  it('a conversation longer than the local window goes to a cloud model whose window fits', () => {
    const long = `${'The quarterly numbers were fine. '.repeat(1200)}\n\nWhat was the first sentence?`
    const decision = decide(input(long))
    expect(decision.promptTokens).toBeGreaterThan(8000)
    expect(decision).toMatchObject({ taskType: 'long_context', tier: 'cloud' })
    expect(ids(decision).slice(-2)).toEqual(['local-fast:llama-3.2-3b!context', 'local-quality:qwen3-8b!context'])
    expect(decision.reason).toContain('too long for the local models')
    // A cloud model too small for it is passed over too.
    const narrow = cloudModel('openai:mini', 'GPT Mini', 'fast', 0.01, 0.02, ['chat'], 8000)
    const withNarrow = decide(input(long, { cloud: [narrow, haiku] }))
    expect(withNarrow.modelId).toBe(haiku.id)
    expect(ids(withNarrow)).toContain('cloud:openai:mini!context')
  })

  it('a long history counts, not just the new message', () => {
    const history = Array.from({ length: 40 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: 'Tell me more about the plan. '.repeat(40) }))
    const decision = decide({ ...input('and then?'), request: { text: 'and then?', history } })
    expect(decision.tier).toBe('cloud')
    expect(decision.candidates.filter((c) => c.constraint === 'context')).toHaveLength(2)
  })

  it('a conversation longer than every window still gets a local answer (the engine keeps the recent turns), picked or Auto', () => {
    const history = Array.from({ length: 40 }, (_, i) => ({ role: i % 2 ? ('assistant' as const) : ('user' as const), content: 'Tell me more about the plan. '.repeat(40) }))
    const long = { ...input('and then?', { cloud: [] }), request: { text: 'and then?', history } }
    const auto = decide(long)
    expect(auto).toMatchObject({ tier: expect.stringMatching(/^local-/) })
    expect(auto.candidates.filter((c) => c.skipped === null).length).toBeGreaterThanOrEqual(1)
    const picked = decide({ ...long, mode: 'model', modelId: auto.modelId! })
    expect(picked).toMatchObject({ modelId: auto.modelId, reason: expect.stringMatching(/the model you picked/) })
  })

  it('nothing installed locally: simple and complex both go to the cloud, and the reason says so', () => {
    const simple = decide(input(SIMPLE, { local: [] }))
    expect(simple).toMatchObject({ tier: 'cloud', modelId: luna.id })
    expect(simple.reason).toMatch(/^Cloud · GPT Luna — a short question; no local model is installed; about \$/)
    expect(simple.candidates.at(-1)).toMatchObject({ constraint: 'not_installed', modelId: '' })
    expect(decide(input(COMPLEX, { local: [] })).modelId).toBe(sol.id)
  })

  it('no candidate at all: null, and the reason says what to do', () => {
    const none = decide(input(SIMPLE, { local: [], cloud: [] }))
    expect(none).toMatchObject({ tier: null, modelId: null, modelName: null, estimatedCostUsd: null })
    expect(none.reason).toContain('Install a model in Settings → AI Models or add a cloud key')
    const privateNone = decide(input(SIMPLE, { local: [], mode: 'local_only' }))
    expect(privateNone.tier).toBeNull()
    expect(privateNone.reason).toContain('Local only is on and no local model is installed')
    expect(decide(input(SIMPLE, { local: [] }, { offline: true })).reason).toContain('offline and no local model is installed')
    expect(decide(input(SIMPLE, { local: [] }, { budget: 'exhausted' })).reason).toContain('budget is used up and no local model is installed')
  })
})

// ---------------------------------------------------------------- the user's picks

describe('picked models', () => {
  it('autoCloudModelId picks the cloud model', () => {
    expect(decide(input(COMPLEX, { autoCloudModelId: opus.id })).modelId).toBe(opus.id)
    expect(ids(decide(input(SIMPLE, { autoCloudModelId: opus.id }))).at(-1)).toBe('cloud:anthropic:opus')
    // An id that is not available falls back to the choice by task.
    expect(decide(input(COMPLEX, { autoCloudModelId: 'gone:model' })).modelId).toBe(sol.id)
  })

  it('mode model with a local model: just that model', () => {
    const decision = decide(input(COMPLEX, { mode: 'model', modelId: small.id }))
    expect(ids(decision)).toEqual(['local-fast:llama-3.2-3b'])
    expect(decision.reason).toBe('Local · Llama 3.2 3B — the model you picked; private and free')
  })

  it('mode model with a cloud model: just that model', () => {
    const decision = decide(input(SIMPLE, { mode: 'model', modelId: opus.id }))
    expect(ids(decision)).toEqual(['cloud:anthropic:opus'])
    expect(decision.reason).toMatch(/^Cloud · Claude Opus — the model you picked; about \$/)
  })

  it('mode model, cloud model, budget used up: the local models answer instead', () => {
    const decision = decide(input(SIMPLE, { mode: 'model', modelId: opus.id }, { budget: 'exhausted' }))
    expect(ids(decision)).toEqual(['local-quality:qwen3-8b', 'local-fast:llama-3.2-3b', 'cloud:anthropic:opus!budget'])
    expect(decision.reason).toBe('Local · Qwen3 8B — budget reached — answered locally instead of Claude Opus')
    const offline = decide(input(SIMPLE, { mode: 'model', modelId: opus.id }, { offline: true }))
    expect(offline.reason).toBe('Local · Qwen3 8B — you seem to be offline — answered locally instead of Claude Opus')
    expect(decide(input(SIMPLE, { mode: 'model', modelId: opus.id }, { rateLimited: new Set(['anthropic']) })).modelId).toBe(large.id)
  })

  it('Local only with a picked cloud model: it is skipped and the local models follow', () => {
    const decision = decide(input(SIMPLE, { mode: 'local_only', modelId: opus.id }))
    expect(ids(decision)).toEqual(['local-quality:qwen3-8b', 'local-fast:llama-3.2-3b', 'cloud:anthropic:opus!local_only'])
    expect(decision.reason).toBe('Local · Qwen3 8B — Local only is on, so it stays on this computer — answered locally instead of Claude Opus')
    // A local pick under Local only is simply that model.
    expect(ids(decide(input(SIMPLE, { mode: 'local_only', modelId: large.id })))).toEqual(['local-quality:qwen3-8b'])
  })

  it('an unknown picked model: no candidate and a plain reason', () => {
    const decision = decide(input(SIMPLE, { mode: 'model', modelId: 'nope' }))
    expect(decision).toMatchObject({ tier: null, modelId: null })
    expect(decision.reason).toContain('the model you picked is not installed')
  })
})

describe('the dry run', () => {
  it('assumes a small and a larger local model and every cloud provider with a key', () => {
    const env = dryRunInput('hi', {})
    expect(env.local.map((m) => m.id)).toEqual(['llama-3.2-3b', 'qwen3-8b'])
    expect(new Set(env.cloud.map((m) => m.provider)).size).toBeGreaterThanOrEqual(5)
    expect(env.conditions).toMatchObject({ offline: false, budget: 'ok' })
    expect(decide(env)).toMatchObject({ tier: 'local-fast', modelId: 'llama-3.2-3b' })
  })

  it('--privacy keeps a complex prompt local and says why; --offline too', () => {
    const privacy = decide(dryRunInput(COMPLEX_DESIGN, { privacy: true }))
    expect(privacy).toMatchObject({ mode: 'local_only', tier: 'local-quality', modelId: 'qwen3-8b' })
    expect(privacy.reason).toContain('Local only is on')
    const offline = decide(dryRunInput(COMPLEX_DESIGN, { offline: true }))
    expect(offline).toMatchObject({ tier: 'local-quality' })
    expect(offline.reason).toContain('offline')
    expect(decide(dryRunInput(COMPLEX_DESIGN, {}))).toMatchObject({ tier: 'cloud' })
  })

  it('passes maxTokens through', () => {
    expect(dryRunInput('hi', {}, { maxTokens: 77 }).maxTokens).toBe(77)
  })
})

it('classify and decide agree on the classification', () => {
  const decision = decide(input(COMPLEX_DESIGN))
  const classification = classify({ text: COMPLEX_DESIGN, history: [] })
  expect(decision).toMatchObject({ complexity: classification.complexity, taskType: classification.taskType, features: classification.features })
})

// The reason is kept on the message: said in the reader's language as it is made (docs/languages.md).
describe('the reason in the reader’s language', () => {
  afterEach(() => setLanguage('en'))

  it('says the first choice, the cost and what was passed over in Spanish and Chinese', () => {
    setLanguage('es')
    expect(decide(input(SIMPLE)).reason).toBe('En local · Llama 3.2 3B — una pregunta corta; privado y gratis')
    const offline = decide(input(COMPLEX, {}, { offline: true }))
    expect(offline.reason).toBe('En local · Qwen3 8B — una demostración; parece que no tienes conexión')
    expect(offline.candidates.find((c) => c.tier === 'cloud')?.skipped).toBe('Parece que no tienes conexión')
    setLanguage('zh-CN')
    expect(decide(input(SIMPLE, { local: [] })).reason).toMatch(/^云端 · GPT Luna — 一个简短的问题；没有安装本地模型；约 \$/)
    expect(decide(input(SIMPLE, { local: [], cloud: [] })).reason).toBe('没有模型可以回答：没有安装本地模型，也没有设置云端密钥。请在“设置 → AI 模型”中安装一个模型，或在“设置 → 云端密钥”中添加云端密钥。')
  })

  it('keeps English for an app through the API whatever the page shows', () => {
    setLanguage('es')
    expect(decide(input(SIMPLE, { language: 'en' })).reason).toBe('Local · Llama 3.2 3B — a short question; private and free')
  })
})
