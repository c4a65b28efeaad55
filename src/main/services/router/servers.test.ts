import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { serverWhere, type Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { caller, ledgerRecords } from '../testing/procedures'

const MODERATE = 'Write a short cover letter for a junior accountant job at a small bakery, friendly but professional.'
const HERE = 'server.here:qwen3-4b'

/**
 * The user's own servers through the real services: the fake cloud's OpenAI-compatible flavour on
 * 127.0.0.1 is "a server on this computer"; a paid cloud provider (Anthropic's flavour, with a key and
 * a price) stands beside it; the real usage ledger on disk. No local model is installed. Weak answers are
 * not re-asked (the replies here are cut at 16 tokens): this is about where a request goes.
 */
describe('your own servers: not cloud — their own ledger class, Local only, Auto tiers', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  const done: Message[] = []

  const call = caller(() => services)
  async function ask(text: string, modelId: string): Promise<Message> {
    const conversation = await call('conversations.create', {})
    const { assistantMessage } = await call('chat.send', { conversationId: conversation.id, text, modelId })
    await expect.poll(() => done.find((message) => message.id === assistantMessage.id), { timeout: 30_000 }).toBeDefined()
    return done.find((message) => message.id === assistantMessage.id)!
  }
  const ledger = () => ledgerRecords(call)

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-servers-'))
    fake = await startFakeCloud()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      settingsStore: memoryStore({ maxTokens: 16, temperature: 0, retryWeakAnswers: false, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null, responseCache: 'off' }),
      env: { AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic, ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY },
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
    const here = await call('servers.add', { name: 'Here', baseUrl: fake.baseUrls.local })
    expect(here).toMatchObject({ id: 'server.here', kind: 'server', where: 'this_computer', private: false })
    // A server on the network: never asked in these tests (it does not exist); Local only must refuse it.
    const lan = await call('servers.add', { name: 'GPU box', baseUrl: 'http://192.168.77.5:11434/v1' })
    expect(lan).toMatchObject({ id: 'server.gpu-box', where: 'network', private: false })
  })
  beforeEach(async () => {
    fake.reset()
    await call('settings.update', { localOnly: false, qualityModelId: null, fastModelId: null })
  })
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('books a reply from a server on this computer as "your server" at $0: not cloud spend, not savings', async () => {
    const before = (await call('usage.summary', {})).month
    const message = await ask('Is Paris the capital of France?', HERE)
    expect(message.status).toBe('done')
    expect(message.route).toMatchObject({ server: 'Here', reason: expect.stringMatching(/^Your server · /) })
    const record = (await ledger()).at(-1)!
    expect(record).toMatchObject({ provider: 'server.here', costUsd: 0, baselineCostUsd: 0 })
    const month = (await call('usage.summary', {})).month
    expect(month.serverRequests - before.serverRequests).toBe(1)
    expect(month.cloudRequests).toBe(before.cloudRequests)
    expect(month.cloudTokens).toBe(before.cloudTokens)
    expect(month.savedUsd).toBe(before.savedUsd)
    expect(month.costUsd).toBe(before.costUsd)
    const summary = await call('usage.summary', {})
    expect(summary.byTier.find((group) => group.key === 'server')).toMatchObject({ label: 'Your server', serverRequests: month.serverRequests })
    expect(summary.byProvider.find((group) => group.key === 'server.here')).toMatchObject({ label: 'Here', costUsd: 0, savedUsd: 0 })
  })

  it('lets a server on this computer answer under Local only', async () => {
    await call('settings.update', { localOnly: true })
    const preview = await call('router.preview', { text: 'Is Paris the capital of France?', modelId: HERE })
    expect(preview).toMatchObject({ mode: 'model', modelId: HERE })
    const message = await ask('Is Paris the capital of France?', HERE)
    expect(message.status).toBe('done')
    expect(fake.requests.some((request) => request.provider === 'local' && request.path.endsWith('/chat/completions'))).toBe(true)
  })

  it('refuses a network server under Local only unless it is marked private', async () => {
    await call('settings.update', { localOnly: true })
    const refused = await call('router.preview', { text: 'Is Paris the capital of France?', modelId: 'server.gpu-box:llama3' })
    expect(refused).toMatchObject({ mode: 'local_only', modelId: null })
    expect(refused.candidates[0]).toMatchObject({ modelId: 'server.gpu-box:llama3', constraint: 'local_only', server: 'GPU box' })
    expect(refused.reason).toMatch(/mark the server private/)

    expect(await call('servers.setPrivate', { id: 'server.gpu-box', private: true })).toMatchObject({ where: 'network', private: true })
    const allowed = await call('router.preview', { text: 'Is Paris the capital of France?', modelId: 'server.gpu-box:llama3' })
    expect(allowed).toMatchObject({ mode: 'model', modelId: 'server.gpu-box:llama3', tier: 'local-quality' })
    await call('servers.setPrivate', { id: 'server.gpu-box', private: false })
  })

  it('Auto uses a server placed in the quality tier, before the cloud, and keeps to it under Local only', async () => {
    const without = await call('router.preview', { text: MODERATE, modelId: 'auto' })
    expect(without.modelId).toMatch(/^anthropic:/)

    await call('settings.update', { qualityModelId: HERE })
    const decision = await call('router.preview', { text: MODERATE, modelId: 'auto' })
    expect(decision).toMatchObject({ complexity: 'moderate', tier: 'local-quality', modelId: HERE })
    expect(decision.candidates[0]).toMatchObject({ server: 'Here', estimatedCostUsd: 0 })
    const message = await ask(MODERATE, 'auto')
    expect(message.modelId).toBe(HERE)
    expect(message.route?.server).toBe('Here')

    // A network server in the tier is passed over under Local only; one on this computer is not.
    await call('settings.update', { localOnly: true, qualityModelId: 'server.gpu-box:llama3' })
    expect(await call('router.preview', { text: MODERATE, modelId: 'auto' })).toMatchObject({ mode: 'local_only', modelId: null })
    await call('settings.update', { qualityModelId: HERE })
    expect(await call('router.preview', { text: MODERATE, modelId: 'auto' })).toMatchObject({ mode: 'local_only', modelId: HERE })
  })
})

describe('serverWhere: a server’s place, from its address', () => {
  it('is this computer only for loopback addresses', () => {
    for (const url of ['http://127.0.0.1:11434/v1', 'http://localhost:1234/v1', 'http://LOCALHOST/v1', 'http://[::1]:8000/v1', 'http://127.4.5.6/v1', 'http://app.localhost/v1', 'http://user@127.0.0.1:8080/v1']) {
      expect(serverWhere(url), url).toBe('this_computer')
    }
    for (const url of ['http://192.168.1.5:11434/v1', 'http://gpu-box.lan:8000/v1', 'https://127.0.0.1.example.com/v1', 'http://localhost.example.com/v1', 'http://10.0.0.127/v1', 'not a url']) {
      expect(serverWhere(url), url).toBe('network')
    }
  })
})
