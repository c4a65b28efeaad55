import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Message } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import type { Logger } from '../ports'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { caller } from '../testing/procedures'

/** Cloud keys, models and replies through the real services, against a real local fake of the providers' APIs. */
describe('cloud models with the user’s keys', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  const logLines: string[] = []
  const done: Message[] = []
  const logger: Logger = {
    info: (message, data) => void logLines.push(`${message} ${JSON.stringify(data ?? {})}`),
    warn: (message, data) => void logLines.push(`${message} ${JSON.stringify(data ?? {})}`),
    error: (message, data) => void logLines.push(`${message} ${JSON.stringify(data ?? {})}`),
  }

  const call = caller(() => services)
  async function ask(modelId: string, text: string): Promise<Message> {
    const conversation = await call('conversations.create', {})
    const { assistantMessage } = await call('chat.send', { conversationId: conversation.id, text, modelId })
    await expect.poll(() => done.find((message) => message.id === assistantMessage.id), { timeout: 20_000 }).toBeDefined()
    return done.find((message) => message.id === assistantMessage.id)!
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-cloud-'))
    fake = await startFakeCloud()
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      // Prices are set sky-high below: no budget or cost question gets in the way here (routing.test.ts has those).
      settingsStore: memoryStore({ dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      logger,
      // Only this test's environment: no real keys or addresses from the machine running it.
      env: {
        AURA_OPENAI_BASE_URL: fake.baseUrls.openai,
        AURA_ANTHROPIC_BASE_URL: fake.baseUrls.anthropic,
        AURA_OPENROUTER_BASE_URL: fake.baseUrls.openrouter,
        ANTHROPIC_API_KEY: FAKE_CLOUD_VALID_KEY,
      },
    })
    services.onEvent((event, payload) => {
      if (event === 'chat.done') done.push((payload as { message: Message }).message)
    })
  })
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists every provider; a key from the environment shows as such', async () => {
    const providers = await call('providers.list', {})
    expect(providers.map((provider) => provider.id)).toEqual(['openai', 'anthropic', 'google', 'xai', 'deepseek', 'moonshot', 'openrouter'])
    expect(providers.find((provider) => provider.id === 'openai')).toMatchObject({ key: null, baseUrl: fake.baseUrls.openai, baseUrlFromEnv: true, keyUrl: expect.stringMatching(/^https:/) })
    expect(providers.find((provider) => provider.id === 'anthropic')!.key).toMatchObject({ source: 'environment', last4: FAKE_CLOUD_VALID_KEY.slice(-4), status: 'untested' })
  })

  it('tests a wrong key in plain words, then a right one, and offers its models with prices', async () => {
    expect(await call('keys.set', { provider: 'openai', key: 'sk-wrong-key-123' })).toMatchObject({ source: 'vault', last4: '-123', status: 'untested' })
    const refused = await call('keys.test', { provider: 'openai' })
    expect(refused).toMatchObject({ status: 'invalid', message: expect.stringMatching(/OpenAI did not accept/) })
    expect((await call('cloud.models', {})).some((model) => model.provider === 'openai')).toBe(false)

    await call('keys.set', { provider: 'openai', key: FAKE_CLOUD_VALID_KEY })
    expect(await call('keys.test', { provider: 'openai' })).toMatchObject({ status: 'valid', lastTestedAt: expect.any(Number) })
    const models = await call('cloud.models', {})
    const terra = models.find((model) => model.id === 'openai:gpt-6.1-terra')!
    expect(terra.price).toMatchObject({ inputPerMTokens: expect.any(Number), outputPerMTokens: expect.any(Number), asOf: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) })
  })

  it('answers with a cloud model, streamed, with tokens and cost from the real usage', async () => {
    const message = await ask('openai:gpt-6.1-terra', 'hello there')
    expect(message).toMatchObject({ status: 'done', content: expect.stringContaining('You said: hello there'), modelId: 'openai:gpt-6.1-terra' })
    expect(message.stats).toMatchObject({ tokens: 4, inputTokens: 2 })
    const price = (await call('cloud.models', {})).find((model) => model.id === 'openai:gpt-6.1-terra')!.price!
    expect(message.stats!.costUsd).toBeCloseTo((2 * price.inputPerMTokens + 4 * price.outputPerMTokens) / 1e6, 12)
    // An edited price is what the next reply costs.
    await call('prices.set', { modelId: 'openai:gpt-6.1-terra', price: { inputPerMTokens: 1000, outputPerMTokens: 2000 } })
    expect((await ask('openai:gpt-6.1-terra', 'hello there')).stats!.costUsd).toBeCloseTo((2 * 1000 + 4 * 2000) / 1e6, 12)
    await call('prices.set', { modelId: 'openai:gpt-6.1-terra', price: null })
  })

  it('shows provider errors on the reply in plain words, and keeps working', async () => {
    fake.set({ noCredit: true }, { provider: 'openai' })
    const noCredit = await ask('openai:gpt-6.1-terra', 'hi')
    expect(noCredit).toMatchObject({ status: 'error', error: { data: { reason: 'no_credit' } } })
    fake.set({ rateLimit: { retryAfterSeconds: 7 } }, { provider: 'openai' })
    const limited = await ask('openai:gpt-6.1-terra', 'hi')
    expect(limited.error).toMatchObject({ data: { reason: 'rate_limited', retryAfterSeconds: 7 } })
    fake.set({}, { provider: 'openai' })
    expect((await ask('openai:gpt-6.1-terra', 'still there?')).status).toBe('done')
  })

  it('adds an OpenAI-compatible server, chats with its models, and removes it', async () => {
    const server = await call('servers.add', { name: 'My Ollama', baseUrl: fake.baseUrls.local })
    expect(server).toMatchObject({ id: 'server.my-ollama', kind: 'server', keyRequired: false })
    const models = (await call('cloud.models', {})).filter((model) => model.provider === 'server.my-ollama')
    expect(models.length).toBeGreaterThan(0)
    const reply = await ask(models[0]!.id, 'local please')
    expect(reply).toMatchObject({ status: 'done', stats: { costUsd: 0 } })
    await call('servers.remove', { id: 'server.my-ollama' })
    expect((await call('cloud.models', {})).some((model) => model.provider === 'server.my-ollama')).toBe(false)
  })

  it('removes a key: its models leave the picker; an environment key says how to remove it', async () => {
    await call('keys.remove', { provider: 'openai' })
    expect((await call('cloud.models', {})).some((model) => model.provider === 'openai')).toBe(false)
    await expect(call('keys.remove', { provider: 'anthropic' })).rejects.toThrow(/ANTHROPIC_API_KEY/)
  })

  it('never writes a key in the clear: not in any file under the data folder, not in any log line', async () => {
    await call('keys.set', { provider: 'deepseek', key: 'sk-deepseek-secret-value-42' })
    await ask('deepseek:deepseek-flash', 'hi') // fails (unknown key at the fake): its error is logged
    const needles = ['sk-deepseek-secret-value-42', 'sk-wrong-key-123', FAKE_CLOUD_VALID_KEY].map((key) => Buffer.from(key))
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => statSync(join(dir, name)).isFile())
    expect(files).toContain('secrets.json')
    for (const name of files) for (const needle of needles) expect(readFileSync(join(dir, name)).includes(needle), `${name} holds a key`).toBe(false)
    for (const line of logLines) for (const needle of needles) expect(line.includes(needle.toString()), line).toBe(false)
  })

  it('OpenRouter’s prices: fetched when its key is saved, kept in the data folder, refreshed on demand, never under Local only', async () => {
    // No OpenRouter key: nothing to fetch.
    expect(await call('prices.live', {})).toEqual({ asOf: null, models: 0 })
    expect(fake.requestsFor('openrouter')).toHaveLength(0)
    await call('keys.set', { provider: 'openrouter', key: FAKE_CLOUD_VALID_KEY })
    await expect.poll(async () => (await call('prices.live', {})).models).toBe(4)
    expect(JSON.parse(readFileSync(join(dir, 'openrouter-prices.json'), 'utf8')).models['mistralai/mistral-medium-4']).toEqual({ inputPerMTokens: 0.4, outputPerMTokens: 2, contextLength: 1_000_000 })
    const asked = fake.requestsFor('openrouter').length
    expect((await call('prices.refresh', {})).asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(fake.requestsFor('openrouter').length).toBe(asked + 1)
    // Fresh: looking at the prices again asks nothing.
    expect((await call('prices.live', {})).models).toBe(4)
    expect(fake.requestsFor('openrouter').length).toBe(asked + 1)
    await call('settings.update', { localOnly: true })
    try {
      await expect(call('prices.refresh', {})).rejects.toThrow(/Local only/)
      expect(fake.requestsFor('openrouter').length).toBe(asked + 1)
    } finally {
      await call('settings.update', { localOnly: false })
      await call('keys.remove', { provider: 'openrouter' })
    }
  })
})
