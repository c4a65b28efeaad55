/**
 * CloudProviders against the fake cloud: a real HTTP server speaking the OpenAI chat-completions,
 * Anthropic messages and Gemini streams (services/testing/fakeCloud/). Nothing of ours is mocked.
 */
import { createServer } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { ProviderId } from '../../../shared/api'
import { FAKE_CLOUD_VALID_KEY, countTokens, fakeReplyText, startFakeCloud, type FakeCloud, type FakeCloudProvider } from '../testing/fakeCloud'
import { rejection } from '../testing/rejection'
import { catalogModel } from './catalog'
import { CloudProviders } from './cloudProviders'
import type { CloudProvidersDeps, ServerEntry } from './deps'
import type { PriceOverride } from './pricing'

let cloud: FakeCloud
let closedPort: number

/** A Wednesday, 02:00 UTC: DeepSeek's peak hours. */
const PEAK = Date.parse('2026-11-18T02:00:00Z')
/** The same Wednesday, 12:00 UTC: off-peak. */
const OFF_PEAK = Date.parse('2026-11-18T12:00:00Z')

const CASES: { provider: ProviderId; flavor: FakeCloudProvider; model: string }[] = [
  { provider: 'openai', flavor: 'openai', model: 'gpt-6.1-terra' },
  { provider: 'anthropic', flavor: 'anthropic', model: 'claude-haiku-5-5' },
  { provider: 'google', flavor: 'google', model: 'gemini-3.8-flash' },
  { provider: 'xai', flavor: 'xai', model: 'grok-4.7' },
  { provider: 'deepseek', flavor: 'deepseek', model: 'deepseek-v4-pro' },
  { provider: 'moonshot', flavor: 'moonshot', model: 'kimi-k2.6' },
  { provider: 'openrouter', flavor: 'openrouter', model: 'openai/gpt-6.1-terra' },
]

interface Setup {
  keys?: Record<string, string | null>
  baseUrls?: Record<string, string | null>
  servers?: ServerEntry[]
  overrides?: Record<string, PriceOverride>
  now?: number
  timeouts?: CloudProvidersDeps['timeouts']
}

function providers(setup: Setup = {}): CloudProviders {
  const keys: Record<string, string | null> = { ...Object.fromEntries(CASES.map((c) => [c.provider, FAKE_CLOUD_VALID_KEY])), ...setup.keys }
  const baseUrls: Record<string, string | null> = { ...Object.fromEntries(CASES.map((c) => [c.provider, cloud.baseUrls[c.flavor]])), ...setup.baseUrls }
  return new CloudProviders({
    key: (p) => keys[p] ?? null,
    baseUrl: (p) => baseUrls[p] ?? null,
    servers: () => setup.servers ?? [{ id: 'local', name: 'Test server', baseUrl: cloud.baseUrls.local }],
    priceOverrides: () => setup.overrides ?? {},
    clock: { now: () => setup.now ?? PEAK },
    timeouts: { firstTokenMs: 1_500, idleMs: 400, requestMs: 10_000, keyTestMs: 2_000, listMs: 2_000, ...setup.timeouts },
  })
}

const ask = (model: string, text = 'hello there', extra: Partial<Parameters<CloudProviders['generate']>[0]> = {}) => ({
  model,
  messages: [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: text },
  ],
  maxTokens: 200,
  temperature: 0.2,
  ...extra,
})

/** USD for `input`/`output` tokens at the catalog's standard price. */
function expectedCost(provider: string, model: string, input: number, output: number, factor = 1): number {
  const price = catalogModel(provider, model)!.price
  return ((input * price.inputPerMTokens + output * price.outputPerMTokens) * factor) / 1_000_000
}

beforeAll(async () => {
  cloud = await startFakeCloud()
  // A port nothing listens on: "offline".
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  closedPort = (probe.address() as { port: number }).port
  await new Promise<void>((resolve) => probe.close(() => resolve()))
})

afterAll(async () => {
  await cloud.close()
})

beforeEach(() => {
  cloud.reset()
})

describe('generate: each provider family streams a reply with usage and cost', () => {
  for (const c of CASES) {
    it(`${c.provider} (${c.model})`, async () => {
      const pieces: string[] = []
      const result = await providers().generate(ask(`${c.provider}:${c.model}`, 'hello there', { onText: (t) => pieces.push(t) }))
      const expected = fakeReplyText('hello there')
      expect(result.text).toBe(expected)
      expect(pieces.join('')).toBe(expected)
      expect(pieces.length).toBeGreaterThan(1)
      expect(result.stopReason).toBe('end')
      const output = countTokens(expected)
      const input = countTokens('Be brief.') + countTokens('hello there')
      expect(result.stats.tokens).toBe(output)
      expect(result.stats.inputTokens).toBe(input)
      expect(result.stats.costUsd).toBeCloseTo(expectedCost(c.provider, c.model, input, output), 12)
      expect(result.stats.costUsd).toBeGreaterThan(0)
      expect(result.stats.timeToFirstTokenMs).toBeGreaterThan(0)

      const chats = cloud.requestsFor(c.flavor, { chatOnly: true })
      expect(chats).toHaveLength(1)
      const sent = chats[0]!
      expect(sent.apiKey).toBe(FAKE_CLOUD_VALID_KEY)
      if (c.flavor === 'google') expect(sent.path).toMatch(/:streamGenerateContent$/)
      else if (c.flavor === 'anthropic') expect(sent.path).toMatch(/\/v1\/messages$/)
      else {
        // Chat Completions, with the usage chunk asked for.
        expect(sent.path).toMatch(/\/chat\/completions$/)
        expect((sent.body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage).toBe(true)
      }
    })
  }

  it('an added OpenAI-compatible server: its model, no key, cost 0', async () => {
    const result = await providers().generate(ask('server.local:llama-3.2-3b-instruct'))
    expect(result.text).toBe(fakeReplyText('hello there'))
    expect(result.stats.costUsd).toBe(0)
    expect(result.stats.inputTokens).toBe(4)
    const sent = cloud.requestsFor('local', { chatOnly: true })[0]!
    expect(sent.hasAuth).toBe(false)
    expect((sent.body as { stream_options?: { include_usage?: boolean } }).stream_options?.include_usage).toBe(true)
  })

  it('a server with a key sends it; a bare address gets /v1', async () => {
    const p = providers({ servers: [{ id: 'box', name: 'GPU box', baseUrl: `${cloud.url}/local` }], keys: { 'server.box': 'sk-box-secret-1234' } })
    const result = await p.generate(ask('server.box:qwen3-4b'))
    expect(result.stopReason).toBe('end')
    expect(cloud.requestsFor('local', { chatOnly: true })[0]!.apiKey).toBe('sk-box-secret-1234')
  })

  it('DeepSeek off-peak costs half', async () => {
    const result = await providers({ now: OFF_PEAK }).generate(ask('deepseek:deepseek-v4-pro'))
    expect(result.stats.costUsd).toBeCloseTo(expectedCost('deepseek', 'deepseek-v4-pro', result.stats.inputTokens!, result.stats.tokens, 0.5), 12)
  })

  it('an edited price wins', async () => {
    const p = providers({ overrides: { 'openai:gpt-6.1-terra': { inputPerMTokens: 100, outputPerMTokens: 1_000 } } })
    const result = await p.generate(ask('openai:gpt-6.1-terra'))
    expect(result.stats.costUsd).toBeCloseTo((result.stats.inputTokens! * 100 + result.stats.tokens * 1_000) / 1e6, 12)
  })

  it('a model outside the catalog is never free: booked at the provider’s most expensive price, marked estimated', async () => {
    const result = await providers().generate(ask('openai:gpt-4.1-mini'))
    expect(result.stopReason).toBe('end')
    // OpenAI's most expensive catalog prices: GPT-6 Astra, $10 in / $50 out per million.
    expect(result.stats.costUsd).toBeCloseTo((result.stats.inputTokens! * 10 + result.stats.tokens * 50) / 1e6, 12)
    expect(result.stats.costEstimated).toBe(true)
    // OpenRouter resells every vendor: the stand-in is the highest of the whole catalog.
    const routed = await providers().generate(ask('openrouter:mistralai/mistral-large-9'))
    expect(routed.stats.costUsd).toBeCloseTo((routed.stats.inputTokens! * 10 + routed.stats.tokens * 50) / 1e6, 12)
    expect(routed.stats.costEstimated).toBe(true)
    // A known price is not estimated.
    expect((await providers().generate(ask('openai:gpt-6-luna'))).stats.costEstimated).toBeUndefined()
  })

  it('max tokens → stopReason max_tokens', async () => {
    cloud.set({ replyTokens: 40 })
    for (const model of ['openai:gpt-6-luna', 'anthropic:claude-haiku-5-5', 'google:gemini-3.8-flash']) {
      const result = await providers().generate(ask(model, 'count', { maxTokens: 5 }))
      expect(result.stopReason).toBe('max_tokens')
      expect(result.stats.tokens).toBe(5)
    }
  })
})

describe('generate: stop', () => {
  for (const [model, flavor] of [
    ['openai:gpt-6.1-terra', 'openai'],
    ['anthropic:claude-sonnet-5-5', 'anthropic'],
    ['google:gemini-3.5-flash', 'google'],
  ] as const) {
    it(`stopping midway resolves 'aborted' with the text so far (${flavor})`, async () => {
      cloud.set({ replyTokens: 200, delayMs: 10 })
      const controller = new AbortController()
      let pieces = 0
      const result = await providers().generate(
        ask(model, 'go on', {
          signal: controller.signal,
          onText: () => {
            if (++pieces === 3) controller.abort()
          },
        }),
      )
      expect(result.stopReason).toBe('aborted')
      expect(result.text.length).toBeGreaterThan(0)
      expect(fakeReplyText('go on', 200).startsWith(result.text)).toBe(true)
      expect(result.stats.tokens).toBeGreaterThan(0)
      // The request was really cut: far fewer than 200 chunks went out.
      await new Promise((r) => setTimeout(r, 50))
      expect(cloud.requestsFor(flavor, { chatOnly: true })[0]!.chunksSent).toBeLessThan(50)
    })
  }

  it('stopping before the first word resolves too (the request is still waiting)', async () => {
    cloud.set({ delayMs: 2_000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const started = performance.now()
    const result = await providers().generate(ask('anthropic:claude-opus-5-5', 'hi', { signal: controller.signal }))
    expect(result).toMatchObject({ text: '', stopReason: 'aborted', stats: { tokens: 0, costUsd: null } })
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('an already-aborted signal resolves at once without a request', async () => {
    const controller = new AbortController()
    controller.abort()
    const result = await providers().generate(ask('openai:gpt-6.1-terra', 'hi', { signal: controller.signal }))
    expect(result).toMatchObject({ text: '', stopReason: 'aborted' })
    expect(cloud.requestsFor('openai')).toHaveLength(0)
  })
})

describe('generate: errors in plain words', () => {
  const KEY = 'sk-wrong-key-0123456789'

  /** Rejects with the expected code/reason; the key is in neither message nor data. */
  async function failure(p: CloudProviders, model: string, code: string, reason?: string) {
    const error = await rejection(p.generate(ask(model)))
    expect(error.code).toBe(code)
    if (reason) expect((error.data as { reason?: string }).reason).toBe(reason)
    expect(error.message).not.toContain(KEY)
    expect(error.message).not.toContain(FAKE_CLOUD_VALID_KEY)
    expect(JSON.stringify(error.data ?? {})).not.toContain(FAKE_CLOUD_VALID_KEY)
    return error
  }

  for (const c of CASES) {
    it(`${c.provider}: invalid key, no credit, rate limit, server error, model not found`, async () => {
      const model = `${c.provider}:${c.model}`
      const bad = await failure(providers({ keys: { [c.provider]: KEY } }), model, 'unauthorized')
      expect(bad.message).toContain('did not accept this key')
      expect(bad.message).toContain('https://')

      cloud.set({ noCredit: true }, { provider: c.flavor })
      const credit = await failure(providers(), model, 'generation_failed', 'no_credit')
      expect(credit.message).toMatch(/credit|allowance/)

      cloud.set({ rateLimit: { retryAfterSeconds: 7 } }, { provider: c.flavor })
      const limited = await failure(providers(), model, 'generation_failed', 'rate_limited')
      expect(limited.data).toMatchObject({ retryAfterSeconds: 7 })
      expect(limited.message).toContain('Try again in 7 seconds')

      cloud.set({ serverError: true }, { provider: c.flavor })
      const down = await failure(providers(), model, 'generation_failed', 'provider_down')
      expect(down.message).toMatch(/trouble|overloaded/)

      cloud.set({ modelNotFound: true }, { provider: c.flavor })
      const missing = await failure(providers(), model, 'generation_failed', 'model_not_found')
      expect(missing.message).toContain(c.model)

      // No automatic retries: one request per attempt.
      expect(cloud.requestsFor(c.flavor, { chatOnly: true })).toHaveLength(5)
    })
  }

  for (const c of CASES.filter((x) => ['openai', 'anthropic', 'google'].includes(x.provider))) {
    it(`${c.provider}: a stream that stalls is cut off by the idle timeout; one that never starts by the first-token timeout`, async () => {
      const model = `${c.provider}:${c.model}`
      cloud.set({ stallAfterChunks: 2, replyTokens: 30 })
      const started = performance.now()
      const idle = await failure(providers(), model, 'generation_failed', 'timed_out')
      expect(performance.now() - started).toBeLessThan(1_400)
      expect(idle.message).toContain('stopped sending')

      cloud.set({ stallAfterChunks: 0 })
      const never = await failure(providers({ timeouts: { firstTokenMs: 600 } }), model, 'generation_failed', 'timed_out')
      expect(never.message).toContain('did not start answering')
    })

    it(`${c.provider}: a malformed stream → bad_response; a dropped one → broken off`, async () => {
      const model = `${c.provider}:${c.model}`
      cloud.set({ malformed: { afterChunks: 2 }, replyTokens: 10 })
      const garbled = await failure(providers(), model, 'generation_failed', 'bad_response')
      expect(garbled.message).toContain('could not read')

      cloud.set({ dropAfterChunks: 2, replyTokens: 10 })
      const dropped = await failure(providers(), model, 'generation_failed', 'provider_down')
      expect(dropped.message).toContain('broke off')
    })
  }

  for (const c of CASES) {
    it(`${c.provider}: an error inside the stream (after HTTP 200) → provider down, or no credit`, async () => {
      const model = `${c.provider}:${c.model}`
      cloud.set({ streamError: { afterChunks: 2 }, replyTokens: 10 })
      await failure(providers(), model, 'generation_failed', 'provider_down')
      cloud.set({ streamError: { afterChunks: 2, noCredit: true }, replyTokens: 10 })
      await failure(providers(), model, 'generation_failed', 'no_credit')
    })
  }

  it('the whole-request timeout stops a reply that trickles on forever', async () => {
    cloud.set({ replyTokens: 500, delayMs: 20 })
    const error = await failure(providers({ timeouts: { requestMs: 500 } }), 'openai:gpt-6.1-terra', 'generation_failed', 'timed_out')
    expect(error.message).toContain('took longer than')
  })

  it('nothing listening → offline, naming the address set', async () => {
    const p = providers({ baseUrls: { openai: `http://127.0.0.1:${closedPort}/v1` } })
    const error = await failure(p, 'openai:gpt-6.1-terra', 'generation_failed', 'offline')
    expect(error.message).toContain(`127.0.0.1:${closedPort}`)
    const server = providers({ servers: [{ id: 'gone', name: 'Old box', baseUrl: `http://127.0.0.1:${closedPort}/v1` }] })
    const gone = await failure(server, 'server.gone:any', 'generation_failed', 'offline')
    expect(gone.message).toContain('Check that the server is running')
  })

  it('a server started with an API key: without one, and with a wrong one', async () => {
    cloud.set({ anyKey: false }, { provider: 'local' })
    const none = await failure(providers(), 'server.local:qwen3-4b', 'unauthorized')
    expect(none.message).toBe("Test server asks for a key. Add the server's key to it in Aura, then try again.")
    expect(await providers().testKey('server.local')).toMatchObject({ status: 'invalid' })
    const wrong = await failure(providers({ keys: { 'server.local': KEY } }), 'server.local:qwen3-4b', 'unauthorized')
    expect(wrong.message).toContain('did not accept the key Aura sent')
  })

  it('no key, unknown server, not a cloud id', async () => {
    const none = await rejection(providers({ keys: { anthropic: null } }).generate(ask('anthropic:claude-opus-5-5')))
    expect(none.code).toBe('unauthorized')
    expect(none.message).toContain('There is no Anthropic key')
    expect((await rejection(providers().generate(ask('server.nope:x')))).code).toBe('not_found')
    expect((await rejection(providers().generate(ask('imported/llama3.2:3b')))).code).toBe('invalid_input')
  })

  it('after errors the same instance keeps working', async () => {
    const p = providers()
    cloud.set({ serverError: { times: 1 } })
    await rejection(p.generate(ask('openai:gpt-6.1-terra')))
    const ok = await p.generate(ask('openai:gpt-6.1-terra'))
    expect(ok.stopReason).toBe('end')
  })
})

describe('testKey', () => {
  for (const c of CASES) {
    it(`${c.provider}: valid, invalid, no credit, rate limited, unreachable`, async () => {
      expect(await providers().testKey(c.provider)).toMatchObject({ status: 'valid' })

      const invalid = await providers({ keys: { [c.provider]: 'sk-not-this-one-123456' } }).testKey(c.provider)
      expect(invalid.status).toBe('invalid')
      expect(invalid.message).toContain('did not accept this key')
      expect(invalid.message).not.toContain('sk-not-this-one-123456')

      cloud.set({ noCredit: true }, { provider: c.flavor })
      expect(await providers().testKey(c.provider)).toMatchObject({ status: 'no_credit' })

      cloud.set({ rateLimit: { retryAfterSeconds: 30 } }, { provider: c.flavor })
      const limited = await providers().testKey(c.provider)
      expect(limited.status).toBe('rate_limited')
      expect(limited.message).toContain('30 seconds')
      cloud.reset()

      const offline = await providers({ baseUrls: { [c.provider]: `http://127.0.0.1:${closedPort}/v1` } }).testKey(c.provider)
      expect(offline.status).toBe('unreachable')
    })
  }

  it('uses the cheapest call per provider (xAI key info, DeepSeek balance, OpenRouter key info, models lists)', async () => {
    const p = providers()
    for (const c of CASES) await p.testKey(c.provider)
    const paths = cloud.requests.map((r) => `${r.provider} ${r.method} ${r.path}`)
    expect(paths).toEqual([
      'openai GET /openai/v1/models',
      'anthropic GET /anthropic/v1/models',
      'google GET /google/v1beta/models',
      'xai GET /xai/v1/api-key',
      'deepseek GET /deepseek/user/balance',
      'moonshot GET /moonshot/v1/models',
      'openrouter GET /openrouter/api/v1/key',
    ])
  })

  it('a wrong address (something else answers) → unreachable, in words', async () => {
    const result = await providers({ baseUrls: { openai: `${cloud.url}/nowhere/v1` } }).testKey('openai')
    expect(result.status).toBe('unreachable')
    expect(result.message).toContain('Check the address set for OpenAI')
  })

  it('no key → invalid with where to make one', async () => {
    const result = await providers({ keys: { google: null } }).testKey('google')
    expect(result.status).toBe('invalid')
    expect(result.message).toContain('aistudio.google.com')
  })

  it('a server: how many models it offers; a server that is not running', async () => {
    expect(await providers().testKey('server.local')).toEqual({ status: 'valid', message: 'Test server answered with 2 models.' })
    const gone = providers({ servers: [{ id: 'gone', name: 'Old box', baseUrl: `http://127.0.0.1:${closedPort}/v1` }] })
    expect(await gone.testKey('gone')).toMatchObject({ status: 'unreachable' })
  })
})

describe('models', () => {
  it('catalog models for the providers given, plus each server’s live list at price 0', async () => {
    const list = await providers().models(['anthropic', 'deepseek'])
    const ids = list.map((m) => m.id)
    expect(ids).toContain('anthropic:claude-opus-5-5')
    expect(ids).toContain('deepseek:deepseek-flash')
    expect(ids.some((id) => id.startsWith('openai:'))).toBe(false)
    const server = list.filter((m) => m.provider === 'server.local')
    expect(server.map((m) => m.id)).toEqual(['server.local:llama-3.2-3b-instruct', 'server.local:qwen3-4b'])
    expect(server[0]!.price).toMatchObject({ inputPerMTokens: 0, outputPerMTokens: 0, source: 'runs on your server', edited: false })
    expect(server[0]!.providerName).toBe('Test server')
  })

  it('by default, the providers that have a key', async () => {
    const list = await providers({ keys: { openai: null, google: null, xai: null, deepseek: null, moonshot: null, openrouter: null } }).models()
    expect(new Set(list.map((m) => m.provider))).toEqual(new Set(['anthropic', 'server.local']))
  })

  it('a server that is down is left out; the others still list', async () => {
    const p = providers({
      servers: [
        { id: 'gone', name: 'Old box', baseUrl: `http://127.0.0.1:${closedPort}/v1` },
        { id: 'local', name: 'Test server', baseUrl: cloud.baseUrls.local },
      ],
    })
    const list = await p.models([])
    expect(list.map((m) => m.provider)).toEqual(['server.local', 'server.local'])
    await expect(p.serverModels('gone')).rejects.toMatchObject({ code: 'generation_failed', data: { reason: 'offline' } })
  })

  it('edited prices win and are marked; catalog prices carry date and source', async () => {
    const p = providers({ overrides: { 'openai:gpt-6-luna': { inputPerMTokens: 0.2, outputPerMTokens: 0.9, editedAt: Date.parse('2026-11-20T10:00:00Z') } } })
    const list = await p.models(['openai'])
    expect(list.find((m) => m.id === 'openai:gpt-6-luna')!.price).toEqual({ inputPerMTokens: 0.2, outputPerMTokens: 0.9, asOf: '2026-11-20', source: 'edited by you', edited: true })
    expect(list.find((m) => m.id === 'openai:gpt-6.1-terra')!.price).toMatchObject({ inputPerMTokens: 1, outputPerMTokens: 5, asOf: '2026-10-26', edited: false })
    expect(p.model('server.local:anything')!.price).toMatchObject({ inputPerMTokens: 0 })
    expect(p.model('openai:gpt-4.1')).toMatchObject({ name: 'gpt-4.1', price: { inputPerMTokens: 10, outputPerMTokens: 50, estimated: true, source: expect.stringMatching(/^estimated/) } })
    expect(p.model('server.nope:x')).toBeNull()
  })

  it('a price announced for later applies from its date', () => {
    const before = providers({ now: Date.parse('2026-12-31T12:00:00Z') }).model('google:gemini-3.8-flash')!
    const after = providers({ now: Date.parse('2027-01-01T12:00:00Z') }).model('google:gemini-3.8-flash')!
    expect(before.price).toMatchObject({ inputPerMTokens: 0.75, outputPerMTokens: 3.75 })
    expect(after.price).toMatchObject({ inputPerMTokens: 1.5, outputPerMTokens: 7.5, asOf: '2027-01-01' })
  })
})
