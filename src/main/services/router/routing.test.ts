import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type Message, type Notice, type UsageMeter } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { writeTinyLlama } from '../testing/tinyLlama'
import { caller, ledgerRecords } from '../testing/procedures'

const COMPLEX = 'Design the architecture for a multi-tenant billing system with event sourcing: compare three options, weigh the trade-offs and justify your choice step by step.'
const SIMPLE = 'Is Paris the capital of France?'

/**
 * Auto routing through the real services: a generated local llama (real llama.cpp, one thread),
 * a real local server speaking Anthropic's API, the real usage ledger on disk.
 */
describe('routing: Auto, fallbacks, quality checks, budgets and the ledger', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  const done: Message[] = []
  const notices: Notice[] = []
  const meters: UsageMeter[] = []
  const routed: string[] = []

  const call = caller(() => services)
  async function ask(text: string, modelId = 'auto', extra: { confirmCost?: boolean } = {}): Promise<Message> {
    const conversation = await call('conversations.create', {})
    const { assistantMessage } = await call('chat.send', { conversationId: conversation.id, text, modelId, ...extra })
    await expect.poll(() => done.find((message) => message.id === assistantMessage.id), { timeout: 60_000 }).toBeDefined()
    return done.find((message) => message.id === assistantMessage.id)!
  }
  const ledger = () => ledgerRecords(call)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-routing-'))
    // The base model never stops by itself: every reply runs into the length limit (a weak answer).
    await writeTinyLlama(join(dir, 'models', 'tiny.gguf'), { seed: 3 })
    // A model for documents (it declares pooling): installed, but never a candidate to chat with.
    await writeTinyLlama(join(dir, 'models', 'embedder.gguf'), { seed: 4, pooling: 'mean' })
    fake = await startFakeCloud()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ threads: 1, maxTokens: 16, temperature: 0, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
      if (event === 'app.notice') notices.push(payload as Notice)
      if (event === 'usage.updated') meters.push(payload as UsageMeter)
      if (event === 'chat.route') routed.push((payload as { modelId: string }).modelId)
    })
  })
  beforeEach(() => fake.reset())
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('previews a decision without running a model', async () => {
    const complex = await call('router.preview', { text: COMPLEX })
    expect(complex).toMatchObject({ mode: 'auto', complexity: 'complex', tier: 'cloud', modelId: expect.stringMatching(/^anthropic:/) })
    expect(complex.candidates.filter((c) => c.skipped === null).at(-1)).toMatchObject({ modelId: 'tiny' })
    const simple = await call('router.preview', { text: SIMPLE })
    expect(simple).toMatchObject({ complexity: 'simple', modelId: 'tiny', estimatedCostUsd: 0 })
    expect(simple.reason).toMatch(/Local/)
    expect((await call('models.list', {})).find((model) => model.id === 'embedder')).toMatchObject({ embedding: true, problem: null })
    expect([...complex.candidates, ...simple.candidates].map((c) => c.modelId)).not.toContain('embedder')
  })

  it('a failing first candidate (the cloud is down) ends in the next tier, and both requests are in the ledger', async () => {
    fake.set({ serverError: true }, { provider: 'anthropic' })
    const before = (await ledger()).length
    const message = await ask(COMPLEX)
    expect(message.status).toBe('done')
    expect(message.modelId).toBe('tiny')
    expect(message.content.length).toBeGreaterThan(0)
    expect(message.route!.attempts).toHaveLength(1)
    expect(message.route!.attempts[0]).toMatchObject({ outcome: 'failed', modelId: expect.stringMatching(/^anthropic:/) })
    expect(message.route!.reason).toMatch(/ — answered by .+ on this computer$/)
    expect(routed.at(-1)).toBe('tiny')

    const records = (await ledger()).slice(before)
    expect(records.map((r) => [r.provider, r.outcome])).toEqual([
      ['anthropic', 'failed'],
      ['local', expect.stringMatching(/ok|low_quality/)],
    ])
    expect(records[1]!.fallbacks).toEqual([message.route!.attempts[0]!.note])
    expect(records.every((r) => r.messageId === message.id && r.complexity === 'complex')).toBe(true)
  })

  it('a weak first answer (cut off by the length limit) is set aside for the next tier; both answers stay visible', async () => {
    const before = (await ledger()).length
    const message = await ask(SIMPLE)
    expect(message.status).toBe('done')
    expect(message.modelId).toMatch(/^anthropic:/)
    expect(message.content).toContain('You said: Is Paris the capital of France?')
    const [weak] = message.route!.attempts
    expect(weak).toMatchObject({ modelId: 'tiny', tier: 'local-fast', outcome: 'low_quality' })
    expect(weak!.text.length).toBeGreaterThan(0)
    expect(weak!.confidence).toBeLessThan(0.7)
    expect(message.route!.confidence).toBeGreaterThanOrEqual(0.7)

    const records = (await ledger()).slice(before)
    expect(records.map((r) => [r.provider, r.outcome])).toEqual([
      ['local', 'low_quality'],
      ['anthropic', 'ok'],
    ])
    expect(records[0]!.costUsd).toBe(0)
    expect(records[1]!.costUsd).toBeGreaterThan(0)
    // The conversation on disk says the same.
    const saved = await call('conversations.get', { id: (await call('conversations.list', {}))[0]!.id })
    expect(saved.messages.at(-1)).toMatchObject({ id: message.id, modelId: message.modelId, route: { attempts: [{ outcome: 'low_quality' }] } })
  })

  it('with the weak-answer retry off, the first answer stands', async () => {
    await call('settings.update', { retryWeakAnswers: false })
    try {
      const message = await ask('Is Rome the capital of Italy?')
      expect(message).toMatchObject({ modelId: 'tiny', route: { attempts: [] } })
      expect(message.route!.confidence).toBeLessThan(0.7)
    } finally {
      await call('settings.update', { retryWeakAnswers: true })
    }
  })

  it('Local only keeps a complex prompt on this computer and says why; a picked cloud model is not asked', async () => {
    await call('settings.update', { localOnly: true })
    const chatsBefore = fake.requestsFor('anthropic', { chatOnly: true }).length
    try {
      const message = await ask(COMPLEX)
      expect(message).toMatchObject({ modelId: 'tiny', route: { mode: 'local_only', tier: expect.stringMatching(/^local-/) } })
      expect(message.route!.reason).toMatch(/Local only/)
      const picked = await ask(COMPLEX, 'anthropic:claude-opus-5-5')
      expect(picked.modelId).toBe('tiny')
      expect(fake.requestsFor('anthropic', { chatOnly: true }).length).toBe(chatsBefore)
    } finally {
      await call('settings.update', { localOnly: false })
    }
  })

  it('asks before a message estimated above the "ask first" amount, and saves nothing until asked again', async () => {
    await call('settings.update', { confirmCostAbove: 0.000001 })
    try {
      const conversation = await call('conversations.create', {})
      const refused = await call('chat.send', { conversationId: conversation.id, text: COMPLEX, modelId: 'auto' }).catch((error: unknown) => error)
      expect(refused).toMatchObject({ code: 'cost_confirmation_required', data: { estimateUsd: expect.any(Number), modelId: expect.stringMatching(/^anthropic:/) } })
      expect((await call('conversations.get', { id: conversation.id })).messages).toHaveLength(0)
      const { assistantMessage } = await call('chat.send', { conversationId: conversation.id, text: COMPLEX, modelId: 'auto', confirmCost: true })
      await expect.poll(() => done.find((m) => m.id === assistantMessage.id)?.status, { timeout: 30_000 }).toBe('done')
    } finally {
      await call('settings.update', { confirmCostAbove: null })
    }
  })

  it('answers a repeated question at temperature 0 from the cache, and counts the hit', async () => {
    const first = await ask('Say hello to the cache', 'anthropic:claude-haiku-5-5')
    const chats = fake.requestsFor('anthropic', { chatOnly: true }).length
    const second = await ask('Say hello to the cache', 'anthropic:claude-haiku-5-5')
    expect(second.content).toBe(first.content)
    expect(second.route!.cacheHit).toBe(true)
    expect(fake.requestsFor('anthropic', { chatOnly: true }).length).toBe(chats)
    const hit = (await ledger()).at(-1)!
    expect(hit).toMatchObject({ cacheHit: true, costUsd: 0 })
    expect((await call('usage.summary', {})).cache.hits).toBeGreaterThanOrEqual(1)
  })

  it('Aura’s own request limit per provider: once reached, Auto answers locally and the provider is not asked', async () => {
    await call('settings.update', { providerRateLimits: { anthropic: { perMinute: 1, perDay: 1000 } } })
    try {
      const chats = fake.requestsFor('anthropic', { chatOnly: true }).length
      const decision = await call('router.preview', { text: COMPLEX })
      expect(decision.candidates.find((c) => c.tier === 'cloud')).toMatchObject({ constraint: 'rate_limit', skipped: expect.stringMatching(/limit/) })
      const message = await ask(COMPLEX)
      expect(message.modelId).toBe('tiny')
      expect(fake.requestsFor('anthropic', { chatOnly: true }).length).toBe(chats)
    } finally {
      await call('settings.update', { providerRateLimits: {} })
    }
  })

  it('budget: a warning, then cloud blocked exactly at the limit and answers from the local model; the meter is the ledger’s sum', async () => {
    // Each reply to Opus costs a known amount: read the first one from the ledger, then set the budget to 3 of them.
    await call('settings.update', { responseCache: 'off', priceOverrides: { 'anthropic:claude-opus-5-5': { inputPerMTokens: 10_000, outputPerMTokens: 10_000 } } })
    const spentBefore = (await call('usage.meter', {})).todayUsd
    await ask('One two three four', 'anthropic:claude-opus-5-5')
    const cost = (await ledger()).at(-1)!.costUsd
    expect(cost).toBeGreaterThan(0)
    const limit = spentBefore + cost * 3
    notices.length = 0
    await call('settings.update', { dailyBudget: limit, budgetWarnShare: (spentBefore + cost * 2) / limit })
    expect((await call('usage.meter', {})).state).toBe('ok')

    await ask('One two three four', 'anthropic:claude-opus-5-5')
    expect((await call('usage.meter', {})).state).toBe('warning')
    expect(notices.some((n) => /used \d+% of today/.test(n.message))).toBe(true)

    await ask('One two three four', 'anthropic:claude-opus-5-5')
    const atLimit = await call('usage.meter', {})
    expect(atLimit.todayUsd).toBeCloseTo(limit, 9)
    expect(atLimit.state).toBe('exhausted')
    expect(notices.some((n) => /budget is used up/.test(n.message))).toBe(true)
    expect(meters.at(-1)).toEqual(atLimit)

    const chats = fake.requestsFor('anthropic', { chatOnly: true }).length
    const auto = await ask(COMPLEX)
    expect(auto.modelId).toBe('tiny')
    expect(auto.route!.reason).toMatch(/budget/i)
    const picked = await ask('One two three four five', 'anthropic:claude-opus-5-5')
    expect(picked.modelId).toBe('tiny')
    expect(picked.route!.reason).toMatch(/budget/i)
    expect(fake.requestsFor('anthropic', { chatOnly: true }).length).toBe(chats)

    const records = await ledger()
    const summary = await call('usage.summary', {})
    const sum = records.reduce((total, r) => total + r.costUsd, 0)
    expect(summary.today.costUsd).toBeCloseTo(sum, 12)
    expect(summary.meter.todayUsd).toBeCloseTo(sum, 12)
    expect(summary.today.requests).toBe(records.length)
    expect(summary.days).toHaveLength(30)
    expect(summary.days.at(-1)!.costUsd).toBeCloseTo(sum, 12)
    expect(summary.today.savedUsd).toBeCloseTo(records.reduce((total, r) => total + r.baselineCostUsd - r.costUsd, 0), 12)
  })

  it('a cloud model without a known price is booked at a stand-in, marked estimated, and counted by the budget', async () => {
    await call('settings.update', { responseCache: 'off', priceOverrides: {}, dailyBudget: null })
    const spentBefore = (await call('usage.meter', {})).todayUsd
    // Not in the catalog, but Anthropic accepts it.
    const message = await ask('One two three four', 'anthropic:claude-opus-4-1')
    expect(message.modelId).toBe('anthropic:claude-opus-4-1')
    const record = (await ledger()).at(-1)!
    // Anthropic's most expensive catalog prices (Opus 5.5): $4 in / $20 out per million tokens.
    expect(record.costUsd).toBeCloseTo((record.inputTokens * 4 + record.outputTokens * 20) / 1e6, 12)
    expect(record.costUsd).toBeGreaterThan(0)
    expect(record.costEstimated).toBe(true)
    expect(message.stats).toMatchObject({ costUsd: record.costUsd, costEstimated: true })
    const summary = await call('usage.summary', {})
    expect(summary.meter.todayUsd).toBeCloseTo(spentBefore + record.costUsd, 12)
    expect(summary.today.estimatedUsd).toBeCloseTo(record.costUsd, 12)
    // The budget counts it: a limit of exactly what was spent is used up, and the next message stays local.
    await call('settings.update', { dailyBudget: spentBefore + record.costUsd })
    expect((await call('usage.meter', {})).state).toBe('exhausted')
    const chats = fake.requestsFor('anthropic', { chatOnly: true }).length
    expect((await ask('One two three four', 'anthropic:claude-opus-4-1')).modelId).toBe('tiny')
    expect(fake.requestsFor('anthropic', { chatOnly: true }).length).toBe(chats)
    await call('settings.update', { dailyBudget: null })

    // Cloud Keys → Prices lists it, marked estimated, so the user can give its real price; then it is booked at that.
    expect((await call('cloud.models', {})).find((m) => m.id === 'anthropic:claude-opus-4-1')?.price).toMatchObject({ inputPerMTokens: 4, outputPerMTokens: 20, estimated: true })
    const priced = await call('prices.set', { modelId: 'anthropic:claude-opus-4-1', price: { inputPerMTokens: 15, outputPerMTokens: 75 } })
    expect(priced.price).toMatchObject({ inputPerMTokens: 15, edited: true })
    expect(priced.price!.estimated).toBeUndefined()
    await ask('One two three four', 'anthropic:claude-opus-4-1')
    const after = (await ledger()).at(-1)!
    expect(after.costUsd).toBeCloseTo((after.inputTokens * 15 + after.outputTokens * 75) / 1e6, 12)
    expect(after.costEstimated).toBeUndefined()
    await call('prices.set', { modelId: 'anthropic:claude-opus-4-1', price: null })
  })
})
