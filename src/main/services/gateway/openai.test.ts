import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI, { type APIError } from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { readLedger } from '../testing/usageRecords'
import { ANSWERING_MODELS, startApiHarness, type ApiHarness } from '../testing/apiHarness'
import { startGateway, type GatewayServer } from './server'

/**
 * The official `openai` client against Aura's real listener on 127.0.0.1, answered by real
 * llama.cpp on generated tiny models (one thread) and by the fake cloud.
 */
describe('the OpenAI-compatible API', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  let server: GatewayServer
  const clients: Record<string, OpenAI> = {}

  const client = (name: string, options: { dailyBudgetUsd?: number; localOnly?: boolean } = {}) => {
    clients[name] ??= new OpenAI({ baseURL: server.url, apiKey: services.apiKeys.create(name, options).key, maxRetries: 0 })
    return clients[name]
  }
  const ledger = () => readLedger(dir)

  let harness: ApiHarness
  beforeAll(async () => {
    harness = await startApiHarness({ models: { ...ANSWERING_MODELS, embedder: { pooling: 'mean', seed: 5 } }, settings: { maxTokens: 48 }, cloud: ['openai'] })
    dir = harness.dir
    services = harness.services
    server = harness.server
    fake = harness.fake!
  }, 60_000)
  afterAll(() => harness.close())

  it('keeps app keys only as hashes, in a private file, and refuses a bad or revoked key with AuthenticationError', async () => {
    const { key } = services.apiKeys.create('script')
    const file = readFileSync(join(dir, 'api-keys.json'), 'utf8')
    expect(file).not.toContain(key)
    expect(file).toContain('"script"')
    if (process.platform !== 'win32') expect(statSync(join(dir, 'api-keys.json')).mode & 0o777).toBe(0o600)

    const bad = new OpenAI({ baseURL: server.url, apiKey: `${key}x`, maxRetries: 0 })
    await expect(bad.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
    const good = new OpenAI({ baseURL: server.url, apiKey: key, maxRetries: 0 })
    expect((await good.models.list()).data.length).toBeGreaterThan(0)
    services.apiKeys.revoke('script')
    await expect(good.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
    // Anthropic's clients send the key as x-api-key.
    const { key: other } = services.apiKeys.create('anthropic-style')
    expect((await fetch(`${server.url}/models`, { headers: { 'x-api-key': other } })).status).toBe(200)
    expect((await fetch(`${server.url}/models`)).status).toBe(401)
  })

  it('lists auto, the installed local models and the cloud models with a key', async () => {
    const ids = (await client('lister').models.list()).data.map((model) => model.id)
    expect(ids).toEqual(expect.arrayContaining(['auto', 'chatty', 'endless', 'openai:gpt-6.1-terra']))
  })

  it('answers from a local model, not streamed, with usage, booked in the ledger under the app', async () => {
    const reply = await client('notes app').chat.completions.create({ model: 'chatty', messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 16 })
    expect(reply.model).toBe('chatty')
    expect(reply.choices[0]!.message.role).toBe('assistant')
    expect(reply.choices[0]!.message.content!.length).toBeGreaterThan(0)
    expect(['stop', 'length']).toContain(reply.choices[0]!.finish_reason)
    expect(reply.usage!.completion_tokens).toBeGreaterThan(0)
    expect(reply.usage!.prompt_tokens).toBeGreaterThan(0)
    // The tiny model's gibberish may be judged weak: booked all the same.
    await expect.poll(() => ledger().filter((record) => record.app === 'notes app').map((r) => r.modelId)).toEqual(['chatty'])
  })

  it('streams from the cloud with the usage chunk, and books the cost under the app', async () => {
    const stream = await client('coder').chat.completions.create({
      model: 'openai:gpt-6.1-terra',
      messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Name a color' }],
      stream: true,
      stream_options: { include_usage: true },
    })
    let text = ''
    let usage: OpenAI.CompletionUsage | null | undefined
    let finish: string | null = null
    let deltas = 0
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? ''
      finish = chunk.choices[0]?.finish_reason ?? finish
      if (chunk.choices[0]?.delta.content) deltas++
      if (chunk.usage) usage = chunk.usage
    }
    expect(text).toContain('You said: Name a color')
    expect(deltas).toBeGreaterThan(1)
    expect(finish).toBe('stop')
    expect(usage!.completion_tokens).toBeGreaterThan(0)
    await expect.poll(() => ledger().find((record) => record.app === 'coder')).toMatchObject({ modelId: 'openai:gpt-6.1-terra', provider: 'openai', outcome: 'ok' })
    expect(ledger().find((record) => record.app === 'coder')!.costUsd).toBeGreaterThan(0)
  })

  it('calls a forced tool with arguments that parse, and reads the tool result back', async () => {
    const tools: OpenAI.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'get_weather', description: 'The weather in a city', parameters: { type: 'object', properties: { city: { type: 'string', maxLength: 20 } }, required: ['city'] } } },
    ]
    const api = client('agent')
    const reply = await api.chat.completions.create({
      model: 'chatty',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      max_tokens: 200,
      seed: 3,
    })
    const choice = reply.choices[0]!
    expect(choice.finish_reason).toBe('tool_calls')
    const call = choice.message.tool_calls![0]!
    expect(call.type).toBe('function')
    if (call.type !== 'function') return
    expect(call.function.name).toBe('get_weather')
    expect(typeof (JSON.parse(call.function.arguments) as { city: unknown }).city).toBe('string')

    const next = await api.chat.completions.create({
      model: 'chatty',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }, choice.message, { role: 'tool', tool_call_id: call.id, content: 'Sunny, 21 °C' }],
      tools,
      max_tokens: 16,
    })
    expect(['stop', 'length', 'tool_calls']).toContain(next.choices[0]!.finish_reason)
  })

  it('streams a forced tool call as a tool_calls delta', async () => {
    const stream = await client('agent').chat.completions.create({
      model: 'chatty',
      messages: [{ role: 'user', content: 'Weather in Oslo?' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string', maxLength: 20 } }, required: ['city'] } } }],
      tool_choice: 'required',
      max_tokens: 200,
      stream: true,
    })
    const calls: OpenAI.ChatCompletionChunk.Choice.Delta.ToolCall[] = []
    let finish: string | null = null
    for await (const chunk of stream) {
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []))
      finish = chunk.choices[0]?.finish_reason ?? finish
    }
    expect(finish).toBe('tool_calls')
    expect(calls[0]!.function!.name).toBe('get_weather')
    expect(JSON.parse(calls[0]!.function!.arguments!)).toHaveProperty('city')
  })

  it('writes JSON that validates against a json_schema response format', async () => {
    const reply = await client('extractor').chat.completions.create({
      model: 'chatty',
      messages: [{ role: 'user', content: 'A person as JSON' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'person', strict: true, schema: { type: 'object', properties: { name: { type: 'string', maxLength: 20 }, adult: { type: 'boolean' } }, required: ['name', 'adult'], additionalProperties: false } },
      },
      max_tokens: 300,
      seed: 1,
    })
    const value = JSON.parse(reply.choices[0]!.message.content!) as { name: unknown; adult: unknown }
    expect(typeof value.name).toBe('string')
    expect(typeof value.adult).toBe('boolean')
  })

  it('ends the reply before a stop string', async () => {
    const reply = await client('stopper').chat.completions.create({ model: 'endless', messages: [{ role: 'user', content: 'Go on' }], stop: ['e'], max_tokens: 200, temperature: 0, top_p: 0.9 })
    expect(reply.choices[0]!.finish_reason).toBe('stop')
    expect(reply.choices[0]!.message.content).not.toContain('e')
  })

  it('turns texts into unit-length vectors with a local embedding model (the SDK asks for base64)', async () => {
    const api = client('search')
    const result = await api.embeddings.create({ model: 'auto', input: ['a red apple', 'the stock market'] })
    expect(result.model).toBe('embedder')
    expect(result.data).toHaveLength(2)
    const length = Math.hypot(...result.data[0]!.embedding)
    expect(length).toBeCloseTo(1, 3)
    const floats = await api.embeddings.create({ model: 'embedder', input: 'a red apple', encoding_format: 'float' })
    expect(floats.data[0]!.embedding[0]).toBeCloseTo(result.data[0]!.embedding[0]!, 5)
    expect(result.usage.prompt_tokens).toBeGreaterThan(0)
    await expect(api.embeddings.create({ model: 'chatty', input: 'x' })).rejects.toBeInstanceOf(OpenAI.NotFoundError)
  })

  it('says 404 for a model that names something Aura does not have, and sends an unknown bare name to Auto', async () => {
    const api = client('local only', { localOnly: true })
    await expect(api.chat.completions.create({ model: 'nobody/missing-model', messages: [{ role: 'user', content: 'hi' }] })).rejects.toBeInstanceOf(OpenAI.NotFoundError)
    const reply = await api.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 })
    // A Local only key: Auto picks among the local models.
    expect(['chatty', 'endless']).toContain(reply.model)
  })

  it('a key whose daily budget is spent answers from a local model instead of the cloud', async () => {
    const reply = await client('thrifty', { dailyBudgetUsd: 0 }).chat.completions.create({ model: 'openai:gpt-6.1-terra', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 })
    expect(['chatty', 'endless']).toContain(reply.model)
  })

  it('refuses with 429 once a key has spent its daily budget and no local model can answer', async () => {
    const cloudOnly = mkdtempSync(join(tmpdir(), 'aura-api-cloud-'))
    const own = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: cloudOnly },
      settingsStore: memoryStore({ dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai, OPENAI_API_KEY: FAKE_CLOUD_VALID_KEY },
    })
    const listener = await startGateway({ gateway: own.gateway, port: 0, logger: own.logger })
    try {
      const api = new OpenAI({ baseURL: listener.url, apiKey: own.apiKeys.create('spender', { dailyBudgetUsd: 0.000001 }).key, maxRetries: 0 })
      // The first request spends past the budget; the next is refused.
      await api.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] })
      const error = await api.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.RateLimitError)
      expect((error as APIError).code).toBe('budget_exhausted')
      expect((error as APIError).message).toContain('“spender” has used its daily budget')
    } finally {
      await listener.close()
      await own.dispose()
      rmSync(cloudOnly, { recursive: true, force: true })
    }
  })

  it('answers a prompt too long for the model with context_length_exceeded', async () => {
    const long = 'word '.repeat(6000)
    const error = await client('long').chat.completions.create({ model: 'chatty', messages: [{ role: 'user', content: long }] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect((error as APIError).code).toBe('context_length_exceeded')
    // Streamed too: the headers wait for the first text, so the error keeps its status.
    const streamed = await client('long').chat.completions.create({ model: 'chatty', messages: [{ role: 'user', content: long }], stream: true }).catch((e: unknown) => e)
    expect(streamed).toBeInstanceOf(OpenAI.BadRequestError)
    expect((streamed as APIError).code).toBe('context_length_exceeded')
  })

  it('refuses a body over the cap with 413 and an invalid request with 400', async () => {
    const { key } = services.apiKeys.create('big')
    const huge = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'auto', messages: [{ role: 'user', content: 'x'.repeat(9 * 1024 * 1024) }] }),
    })
    expect(huge.status).toBe(413)
    await expect(client('sloppy').chat.completions.create({ model: 'auto', messages: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError)
    // No CORS: a web page cannot read the API's answers.
    const models = await fetch(`${server.url}/models`, { headers: { authorization: `Bearer ${key}`, origin: 'https://example.com' } })
    expect(models.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('stops the generation when the client goes away', async () => {
    const controller = new AbortController()
    const stream = await client('quitter').chat.completions.create(
      { model: 'endless', messages: [{ role: 'user', content: 'Go on and on' }], max_tokens: 4000, stream: true },
      { signal: controller.signal },
    )
    let deltas = 0
    // The SDK ends the loop quietly when its request is aborted.
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content && ++deltas === 5) controller.abort()
    }
    await expect.poll(() => ledger().find((record) => record.app === 'quitter')?.outcome, { timeout: 20_000 }).toBe('stopped')
    expect(ledger().find((record) => record.app === 'quitter')!.outputTokens).toBeLessThan(4000)
  })

  it('a streamed answer that looks weak stands (it was sent); not streamed, Auto asks the next model as in the chat', async () => {
    const ask = { model: 'auto', messages: [{ role: 'user' as const, content: 'Tell me a long story' }], max_tokens: 6 }
    // Auto: the small local model first, then the cloud.
    const streamed = await client('weak streamed').chat.completions.create({ ...ask, stream: true })
    let finish: string | null = null
    for await (const chunk of streamed) finish = chunk.choices[0]?.finish_reason ?? finish
    // Cut off by the length limit: weak, and it stands as it was sent.
    expect(finish).toBe('length')
    await expect.poll(() => ledger().filter((r) => r.app === 'weak streamed').map((r) => r.outcome)).toEqual(['low_quality'])

    const whole = await client('weak whole').chat.completions.create(ask)
    expect(whole.model).toBe('openai:gpt-6-luna')
    await expect.poll(() => ledger().filter((r) => r.app === 'weak whole').map((r) => [r.modelId, r.outcome === 'low_quality'])).toEqual([['chatty', true], ['openai:gpt-6-luna', true]])
  })

  it('serves two clients at once: both stream at the same time', async () => {
    const order: string[] = []
    const run = async (name: string) => {
      const stream = await client(name).chat.completions.create({ model: 'endless', messages: [{ role: 'user', content: `Hello from ${name}` }], max_tokens: 40, stream: true })
      let tokens = 0
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) {
          tokens++
          order.push(name)
        }
      }
      return tokens
    }
    const [a, b] = await Promise.all([run('first'), run('second')])
    expect(a).toBeGreaterThan(5)
    expect(b).toBeGreaterThan(5)
    // Interleaved: the second's text starts before the first's ends.
    expect(order.indexOf('second')).toBeLessThan(order.lastIndexOf('first'))
  })
}, 120_000)
