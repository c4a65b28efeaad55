import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { writeGguf } from '../testing/gguf'
import { memoryStore } from '../testing/memoryStore'
import { buildTinyLlama, writeTinyLlama } from '../testing/tinyLlama'
import type { ReplySignal } from './chatService'
import { caller } from '../testing/procedures'

const COMPLEX = 'Design the architecture for a multi-tenant billing system with event sourcing: compare three options, weigh the trade-offs and justify your choice step by step.'

/**
 * Honest answers through the real services: the fake cloud (a real server on 127.0.0.1) fails, and
 * the generated local llama (real llama.cpp, one thread) answers weakly or cannot load.
 */
describe('honest answers: a weak or failed last answer says so, and "Try a stronger model" re-asks the next tier', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  const done: Message[] = []
  const signals: ReplySignal[] = []

  const call = caller(() => services)
  const finished = async (id: string, after = 0): Promise<Message> => {
    await expect.poll(() => done.slice(after).find((m) => m.id === id), { timeout: 60_000 }).toBeDefined()
    return done.slice(after).find((m) => m.id === id)!
  }
  async function ask(text: string): Promise<{ conversationId: string; message: Message }> {
    const conversation = await call('conversations.create', {})
    const { assistantMessage } = await call('chat.send', { conversationId: conversation.id, text, modelId: 'auto' })
    return { conversationId: conversation.id, message: await finished(assistantMessage.id) }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-honest-'))
    await writeTinyLlama(join(dir, 'models', 'tiny.gguf'), { seed: 3 })
    // A model whose header reads fine but that llama.cpp cannot load: a layer's tensor is missing.
    const { metadata, tensors } = buildTinyLlama({ seed: 4, name: 'Broken Llama' })
    await writeGguf(join(dir, 'models', 'broken.gguf'), metadata, tensors.filter((t) => t.name !== 'blk.0.attn_q.weight'))
    fake = await startFakeCloud()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      // The working local model for both local tiers; a test switches them to the broken one.
      settingsStore: memoryStore({ threads: 1, maxTokens: 16, temperature: 0, responseCache: 'off', fastModelId: 'tiny', qualityModelId: 'tiny', dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
    services.onReplySignal((signal) => signals.push(signal))
  })
  beforeEach(() => fake.reset())
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('the cloud fails and the local model answers weakly (max tokens 1): the reply says so in plain words; "Try a stronger model" re-asks the cloud and keeps both answers', async () => {
    fake.set({ serverError: true }, { provider: 'anthropic' })
    await call('settings.update', { maxTokens: 1 })
    const { conversationId, message } = await ask(COMPLEX)
    expect(message).toMatchObject({ status: 'done', modelId: 'tiny' })
    expect(message.stats!.tokens).toBe(1)
    expect(message.route!.confidence).toBeLessThan(0.7)
    expect(message.route!.attempts.map((a) => a.outcome)).toEqual(['failed'])
    expect(message.route!.warning).toBe('Aura isn’t confident in this answer (the answer looked cut off by the length limit). Try a stronger model for a better one.')

    // The cloud is back: the user asks a stronger model for the same reply.
    fake.reset()
    await call('settings.update', { maxTokens: 256 })
    const after = done.length
    const { assistantMessage } = await call('chat.escalate', { conversationId, messageId: message.id })
    expect(assistantMessage).toMatchObject({ id: message.id, status: 'streaming', modelId: expect.stringMatching(/^anthropic:/), route: { tier: 'cloud' } })
    const stronger = await finished(message.id, after)
    expect(stronger.status).toBe('done')
    expect(stronger.content).toContain('You said: Design the architecture')
    expect(stronger.route!.warning).toBeUndefined()
    expect(stronger.route!.reason).toMatch(/^Cloud · .+ — you asked for a stronger model$/)
    // Both answers stay: the earlier local one, folded, after the cloud failure set aside before it.
    expect(stronger.route!.attempts).toMatchObject([
      { outcome: 'failed', tier: 'cloud' },
      { outcome: 'escalated', modelId: 'tiny', text: message.content, confidence: message.route!.confidence },
    ])
    const saved = await call('conversations.get', { id: conversationId })
    expect(saved.messages.filter((m) => m.role === 'assistant')).toHaveLength(1)
    expect(saved.messages.at(-1)).toMatchObject({ id: message.id, content: stronger.content, route: { attempts: [{}, { outcome: 'escalated' }] } })
    expect(signals.at(-1)).toEqual({
      kind: 'escalated',
      conversationId,
      messageId: message.id,
      taskType: message.route!.taskType,
      complexity: 'complex',
      fromTier: message.route!.tier,
      fromModelId: 'tiny',
      toTier: 'cloud',
    })

    // Nothing is stronger than the cloud here: a plain refusal, and the reply stays as it is.
    const refused = await call('chat.escalate', { conversationId, messageId: message.id }).catch((error: { code: string; message: string }) => error)
    expect(refused).toMatchObject({ code: 'no_model_available', message: expect.stringMatching(/^This answer came from the strongest model Aura can use here\./) })
  })

  it('from the small local model, "Try a stronger model" goes to the quality tier first, within Local only', async () => {
    await call('settings.update', { localOnly: true })
    try {
      const { conversationId, message } = await ask('Is Paris the capital of France?')
      expect(message.route!.tier).toBe('local-fast')
      const refused = await call('chat.escalate', { conversationId, messageId: message.id }).catch((error: { code: string; message: string }) => error)
      expect(refused).toMatchObject({ code: 'local_only', message: 'There is no stronger model to ask: local only is on.' })
      await call('settings.update', { qualityModelId: 'broken' })
      const learnedBefore = (await call('feedback.learned', {})).signals
      const after = done.length
      const { assistantMessage } = await call('chat.escalate', { conversationId, messageId: message.id })
      expect(assistantMessage).toMatchObject({ modelId: 'broken', route: { tier: 'local-quality' } })
      const stronger = await finished(message.id, after)
      // The broken model cannot load: it says what happened and keeps the earlier answer.
      expect(stronger.status).toBe('error')
      expect(stronger.route!.attempts).toMatchObject([{ outcome: 'escalated', modelId: 'tiny', tier: 'local-fast' }])
      // Auto's learning counted it, as a 👎 on the small model's answer.
      expect((await call('feedback.learned', {})).signals).toBe(learnedBefore + 1)
    } finally {
      await call('settings.update', { localOnly: false, qualityModelId: 'tiny' })
    }
  })

  it('every candidate fails: one plain message naming what happened to each, not the last raw error', async () => {
    fake.set({ serverError: true }, { provider: 'anthropic' })
    await call('settings.update', { fastModelId: 'broken', qualityModelId: 'broken' })
    try {
      const { message } = await ask(COMPLEX)
      expect(message.status).toBe('error')
      expect(message.route!.attempts.map((a) => [a.tier, a.outcome])).toEqual([['cloud', 'failed']])
      expect(message.error!.message).toMatch(/^No model could answer: .+ is not answering right now and the local model Broken Llama could not be loaded \(it may have run out of memory\)\. Try again in a moment, or try a stronger model\.$/)
      expect(message.error!.message).not.toMatch(/\{|Error:|undefined|status/i)
    } finally {
      await call('settings.update', { fastModelId: 'tiny', qualityModelId: 'tiny' })
    }
  })
})
