import { createAnthropic } from '@ai-sdk/anthropic'
import { createDeepSeek } from '@ai-sdk/deepseek'
import { createGoogleGenerativeAI } from '@ai-sdk/google'
import { createMoonshotAI } from '@ai-sdk/moonshotai'
import { createOpenAI } from '@ai-sdk/openai'
import { createOpenAICompatible } from '@ai-sdk/openai-compatible'
import { createXai } from '@ai-sdk/xai'
import { APICallError, generateText, streamText, type LanguageModel } from 'ai'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_CLOUD_VALID_KEY as KEY, fakeReplyText, startFakeCloud, type FakeCloud, type FakeCloudProvider } from './fakeCloud'

let cloud: FakeCloud
beforeAll(async () => {
  cloud = await startFakeCloud()
})
afterAll(async () => {
  await cloud.close()
})
afterEach(() => cloud.reset())

const json = { 'content-type': 'application/json' }
const oaiHeaders = (key = KEY): Record<string, string> => ({ ...json, authorization: `Bearer ${key}` })
const antHeaders = (key = KEY): Record<string, string> => ({ ...json, 'x-api-key': key, 'anthropic-version': '2023-06-01' })
const gemHeaders = (key = KEY): Record<string, string> => ({ ...json, 'x-goog-api-key': key })

function oaiChat(p: FakeCloudProvider, body: Record<string, unknown>, key = KEY): Promise<Response> {
  return fetch(`${cloud.baseUrls[p]}/chat/completions`, {
    method: 'POST',
    headers: oaiHeaders(key),
    body: JSON.stringify({ model: 'gpt-6.1-terra', messages: [{ role: 'user', content: 'hello there' }], ...body }),
  })
}
function antMessages(body: Record<string, unknown>, key = KEY): Promise<Response> {
  return fetch(`${cloud.baseUrls.anthropic}/messages`, {
    method: 'POST',
    headers: antHeaders(key),
    body: JSON.stringify({ model: 'claude-haiku-5-5', max_tokens: 1024, messages: [{ role: 'user', content: 'hello there' }], ...body }),
  })
}
function gemGenerate(stream: boolean, key = KEY, body: Record<string, unknown> = {}): Promise<Response> {
  const op = stream ? 'streamGenerateContent?alt=sse' : 'generateContent'
  return fetch(`${cloud.baseUrls.google}/models/gemini-3.8-flash:${op}`, {
    method: 'POST',
    headers: gemHeaders(key),
    body: JSON.stringify({ contents: [{ role: 'user', parts: [{ text: 'hello there' }] }], ...body }),
  })
}

/** SSE events of a whole body: `{event?, data}` per blank-line-separated block. */
function parseSse(text: string): { event?: string; data: string }[] {
  return text
    .split(/\r?\n\r?\n/)
    .filter((b) => b.trim())
    .map((b) => {
      const lines = b.split(/\r?\n/)
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7)
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n')
      return event ? { event, data } : { data }
    })
}

/** Read a stream until it goes quiet for `quietMs`; returns the text so far and whether it ended. */
async function readUntilQuiet(res: Response, quietMs: number): Promise<{ text: string; ended: boolean }> {
  const reader = res.body!.getReader()
  const dec = new TextDecoder()
  let text = ''
  for (;;) {
    const next = await Promise.race([reader.read(), new Promise<'quiet'>((r) => setTimeout(() => r('quiet'), quietMs))])
    if (next === 'quiet') {
      await reader.cancel().catch(() => undefined)
      return { text, ended: false }
    }
    if (next.done) return { text, ended: true }
    text += dec.decode(next.value, { stream: true })
  }
}

describe('OpenAI-compatible routes', () => {
  it('lists models, and a bad or missing key gets OpenAI 401 bodies', async () => {
    const ok = await fetch(`${cloud.baseUrls.openai}/models`, { headers: oaiHeaders() })
    expect(ok.status).toBe(200)
    const list = (await ok.json()) as { object: string; data: { id: string; object: string; owned_by: string }[] }
    expect(list.object).toBe('list')
    expect(list.data[0]).toMatchObject({ id: 'gpt-6.1-terra', object: 'model', owned_by: 'openai' })

    const bad = await fetch(`${cloud.baseUrls.openai}/models`, { headers: oaiHeaders('sk-wrong-key-1234') })
    expect(bad.status).toBe(401)
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } })
    const none = await fetch(`${cloud.baseUrls.openai}/models`)
    expect(none.status).toBe(401)
    expect(cloud.requests.map((r) => [r.hasAuth, r.apiKey])).toEqual([
      [true, KEY],
      [true, 'sk-wrong-key-1234'],
      [false, undefined],
    ])
  })

  it('streams word chunks, a finish chunk, the usage chunk, then [DONE]', async () => {
    const res = await oaiChat('openai', {
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: [{ type: 'text', text: 'hello there' }] },
      ],
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const events = parseSse(await res.text())
    expect(events.at(-1)!.data).toBe('[DONE]')
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data) as { choices: { delta: { content?: string }; finish_reason: string | null }[]; usage: unknown })
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')
    expect(text).toBe('You said: hello there.')
    expect(chunks.at(-2)!.choices[0]!.finish_reason).toBe('stop')
    expect(chunks.at(-1)!.choices).toEqual([])
    expect(chunks.at(-1)!.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 })
    expect(cloud.requests[0]!.body).toMatchObject({ stream: true })
  })

  it('no usage chunk without include_usage; replyTokens and max_tokens shape the reply; non-streaming works', async () => {
    const events = parseSse(await (await oaiChat('local', { stream: true })).text())
    expect(events.some((e) => e.data.includes('"usage"'))).toBe(false)

    cloud.set({ replyTokens: 10 })
    const full = (await (await oaiChat('openai', {})).json()) as { choices: { message: { content: string }; finish_reason: string }[]; usage: Record<string, number> }
    expect(full.choices[0]!.message.content).toBe(fakeReplyText('hello there', 10))
    expect(full.choices[0]!.message.content).toBe('You said: hello there. You said: hello there. You said:')
    expect(full.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 10, total_tokens: 12 })

    const capped = (await (await oaiChat('openai', { max_completion_tokens: 3 })).json()) as typeof full
    expect(capped.choices[0]).toMatchObject({ message: { content: 'You said: hello' }, finish_reason: 'length' })
  })

  it('the local flavour takes any key or none; others can be opened with anyKey', async () => {
    expect((await fetch(`${cloud.baseUrls.local}/models`)).status).toBe(200)
    cloud.set({ anyKey: true }, { provider: 'openai' })
    expect((await fetch(`${cloud.baseUrls.openai}/models`)).status).toBe(200)
  })

  it('key-info routes: DeepSeek balance, xAI api-key, OpenRouter key', async () => {
    const bal = await fetch(`${cloud.baseUrls.deepseek}/user/balance`, { headers: oaiHeaders() })
    expect(await bal.json()).toMatchObject({ is_available: true, balance_infos: [{ currency: 'USD', total_balance: '10.00' }] })
    cloud.set({ noCredit: true })
    const empty = await fetch(`${cloud.baseUrls.deepseek}/user/balance`, { headers: oaiHeaders() })
    expect(await empty.json()).toMatchObject({ is_available: false })
    cloud.reset()
    const xk = await fetch(`${cloud.baseUrls.xai}/api-key`, { headers: oaiHeaders() })
    expect(await xk.json()).toMatchObject({ api_key_blocked: false, team_blocked: false })
    const ork = await fetch(`${cloud.baseUrls.openrouter}/key`, { headers: oaiHeaders() })
    expect(await ork.json()).toMatchObject({ data: { is_free_tier: false } })
    expect((await fetch(`${cloud.baseUrls.openai}/nope`, { headers: oaiHeaders() })).status).toBe(404)
  })

  it('DeepSeek puts usage on the finish chunk', async () => {
    const events = parseSse(await (await oaiChat('deepseek', { stream: true, model: 'deepseek-v4-flash' })).text())
    const fin = JSON.parse(events.at(-2)!.data) as { choices: { finish_reason: string }[]; usage: Record<string, number> }
    expect(fin.choices[0]!.finish_reason).toBe('stop')
    expect(fin.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 4, prompt_cache_miss_tokens: 2 })
  })

  it('noCredit: each flavour its own shape', async () => {
    cloud.set({ noCredit: true })
    const cases: [FakeCloudProvider, number, string][] = [
      ['openai', 429, 'insufficient_quota'],
      ['deepseek', 402, 'Insufficient Balance'],
      ['openrouter', 402, 'Insufficient credits'],
      ['moonshot', 403, 'exceeded_current_quota_error'],
      ['xai', 403, 'credits'],
    ]
    for (const [p, status, text] of cases) {
      const res = await oaiChat(p, { stream: true })
      expect([p, res.status]).toEqual([p, status])
      expect(await res.text()).toContain(text)
    }
  })

  it('invalid key per flavour', async () => {
    const cases: [FakeCloudProvider, number, string][] = [
      ['deepseek', 401, 'Authentication Fails'],
      ['openrouter', 401, 'User not found'],
      ['moonshot', 401, 'invalid_authentication_error'],
      ['xai', 400, 'Incorrect API key provided'],
    ]
    for (const [p, status, text] of cases) {
      const res = await oaiChat(p, {}, 'sk-bad')
      expect([p, res.status]).toEqual([p, status])
      expect(await res.text()).toContain(text)
    }
  })

  it('rateLimit: 429 with retry-after, `times` then recovers; serverError 500/503; modelNotFound / strictModels 404', async () => {
    cloud.set({ rateLimit: { retryAfterSeconds: 7, times: 1 } })
    const limited = await oaiChat('openai', {})
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(await limited.json()).toMatchObject({ error: { code: 'rate_limit_exceeded' } })
    expect((await oaiChat('openai', {})).status).toBe(200)

    cloud.set({ serverError: true })
    const s500 = await oaiChat('openai', { stream: true })
    expect(s500.status).toBe(500)
    expect(await s500.json()).toMatchObject({ error: { type: 'server_error' } })
    cloud.set({ serverError: { status: 503 } })
    expect((await oaiChat('openai', {})).status).toBe(503)

    cloud.set({ strictModels: true })
    const nf = await oaiChat('openai', { model: 'gpt-4o' })
    expect(nf.status).toBe(404)
    expect(await nf.json()).toMatchObject({ error: { code: 'model_not_found' } })
    expect((await oaiChat('openai', {})).status).toBe(200)
    cloud.set({ modelNotFound: true })
    expect((await oaiChat('openai', {})).status).toBe(404)
  })

  it('switches per key: one test can mix a good key and a broke key', async () => {
    cloud.keys.add('sk-broke')
    cloud.set({ noCredit: true }, { key: 'sk-broke' })
    expect((await oaiChat('openai', {})).status).toBe(200)
    expect((await oaiChat('openai', {}, 'sk-broke')).status).toBe(429)
    cloud.keys.delete('sk-broke')
  })

  it('models override', async () => {
    cloud.set({ models: ['my-model'] }, { provider: 'local' })
    const list = (await (await fetch(`${cloud.baseUrls.local}/models`)).json()) as { data: { id: string }[] }
    expect(list.data.map((m) => m.id)).toEqual(['my-model'])
  })
})

describe('stream faults (OpenAI, Anthropic, Gemini)', () => {
  it('stallAfterChunks: sends n words then holds the connection open', async () => {
    cloud.set({ stallAfterChunks: 2, replyTokens: 6 })
    const r = await readUntilQuiet(await oaiChat('openai', { stream: true }), 300)
    expect(r.ended).toBe(false)
    expect(r.text).toContain('"You "')
    expect(r.text).toContain('"said: "')
    expect(r.text).not.toContain('hello')
    expect(cloud.requests[0]!.chunksSent).toBe(2)

    const a = await readUntilQuiet(await antMessages({ stream: true }), 300)
    expect(a.ended).toBe(false)
    expect(parseSse(a.text).filter((e) => e.event === 'content_block_delta')).toHaveLength(2)

    const g = await readUntilQuiet(await gemGenerate(true), 300)
    expect(g.ended).toBe(false)
    expect(parseSse(g.text)).toHaveLength(2)
  })

  it('dropAfterChunks: the socket is reset mid-stream', async () => {
    cloud.set({ dropAfterChunks: 1 })
    for (const res of [await oaiChat('openai', { stream: true }), await antMessages({ stream: true }), await gemGenerate(true)]) {
      await expect(res.text()).rejects.toThrow()
    }
  })

  it('malformed: a garbled data line mid-stream, then the rest', async () => {
    cloud.set({ malformed: { afterChunks: 2 } })
    const events = parseSse(await (await oaiChat('openai', { stream: true })).text())
    const bad = events.filter((e) => {
      if (e.data === '[DONE]') return false
      try {
        JSON.parse(e.data)
        return false
      } catch {
        return true
      }
    })
    expect(bad).toHaveLength(1)
    expect(events.at(-1)!.data).toBe('[DONE]')
    const aText = await (await antMessages({ stream: true })).text()
    expect(parseSse(aText).filter((e) => e.event === 'content_block_delta')).toHaveLength(5)
  })

  it('streamError: a 200 stream that ends in the provider\'s in-stream error event', async () => {
    cloud.set({ streamError: { afterChunks: 2 } })
    const a = parseSse(await (await antMessages({ stream: true })).text())
    expect(a.at(-1)).toMatchObject({ event: 'error' })
    expect(JSON.parse(a.at(-1)!.data)).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } })
    expect(a.filter((e) => e.event === 'content_block_delta')).toHaveLength(2)
    cloud.set({ streamError: { noCredit: true } })
    const o = parseSse(await (await oaiChat('openai', { stream: true })).text())
    expect(JSON.parse(o.at(-1)!.data)).toMatchObject({ error: { code: 'insufficient_quota' } })
    const g = parseSse(await (await gemGenerate(true)).text())
    expect(JSON.parse(g.at(-1)!.data)).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED' } })
  })

  it('delayMs paces the chunks', async () => {
    cloud.set({ delayMs: 40 })
    const t0 = Date.now()
    await (await oaiChat('openai', { stream: true })).text()
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40 * 6 - 20)
  })
})

describe('Anthropic routes', () => {
  it('models list; 401 for a bad key; records x-api-key and anthropic-version', async () => {
    const ok = await fetch(`${cloud.baseUrls.anthropic}/models`, { headers: antHeaders() })
    expect(await ok.json()).toMatchObject({ data: [{ type: 'model', id: 'claude-haiku-5-5' }, {}, {}], has_more: false })
    const bad = await antMessages({}, 'sk-ant-bad')
    expect(bad.status).toBe(401)
    expect(await bad.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } })
    expect(cloud.requests[0]!.headers['anthropic-version']).toBe('2023-06-01')
    expect(cloud.requests[1]!.apiKey).toBe('sk-ant-bad')
  })

  it('streams the messages event sequence with usage', async () => {
    const res = await antMessages({ stream: true, system: 'be brief' })
    const events = parseSse(await res.text())
    expect(events.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      ...Array<string>(4).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    const data = events.map((e) => JSON.parse(e.data) as { type: string; delta?: { text?: string } })
    expect(data[0]).toMatchObject({ message: { usage: { input_tokens: 4 } } })
    expect(data.filter((d) => d.type === 'content_block_delta').map((d) => d.delta?.text).join('')).toBe('You said: hello there.')
    expect(data.at(-2)).toMatchObject({ delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 4 } })
  })

  it('non-streaming, and the error switches: credit 400, 429 retry-after, 529 overloaded', async () => {
    const msg = (await (await antMessages({})).json()) as Record<string, unknown>
    expect(msg).toMatchObject({ type: 'message', content: [{ type: 'text', text: 'You said: hello there.' }], usage: { input_tokens: 2, output_tokens: 4 } })

    cloud.set({ noCredit: true })
    const nc = await antMessages({ stream: true })
    expect(nc.status).toBe(400)
    expect(((await nc.json()) as { error: { message: string } }).error.message).toContain('credit balance is too low')
    cloud.set({ rateLimit: { retryAfterSeconds: 3 } })
    const rl = await antMessages({})
    expect([rl.status, rl.headers.get('retry-after')]).toEqual([429, '3'])
    expect(await rl.json()).toMatchObject({ error: { type: 'rate_limit_error' } })
    cloud.set({ serverError: true })
    const ov = await antMessages({ stream: true })
    expect(ov.status).toBe(529)
    expect(await ov.json()).toMatchObject({ error: { type: 'overloaded_error', message: 'Overloaded' } })
  })
})

describe('Gemini routes', () => {
  it('models list via header or ?key=; a bad key gets 400 API_KEY_INVALID', async () => {
    const ok = await fetch(`${cloud.baseUrls.google}/models?key=${KEY}`)
    expect(await ok.json()).toMatchObject({ models: [{ name: 'models/gemini-3.8-flash', inputTokenLimit: 1_048_576 }, {}] })
    const bad = await fetch(`${cloud.baseUrls.google}/models`, { headers: gemHeaders('AIza-bad') })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }, {}] } })
  })

  it('streamGenerateContent?alt=sse and generateContent with usageMetadata', async () => {
    const events = parseSse(await (await gemGenerate(true, KEY, { systemInstruction: { parts: [{ text: 'be brief' }] } })).text())
    const data = events.map((e) => JSON.parse(e.data) as { candidates: { content: { parts: { text: string }[] }; finishReason?: string }[]; usageMetadata: Record<string, number> })
    expect(data.map((d) => d.candidates[0]!.content.parts[0]!.text).join('')).toBe('You said: hello there.')
    expect(data.at(-1)!.candidates[0]!.finishReason).toBe('STOP')
    expect(data.at(-1)!.usageMetadata).toMatchObject({ promptTokenCount: 4, candidatesTokenCount: 4, totalTokenCount: 8 })

    const one = (await (await gemGenerate(false, KEY, { generationConfig: { maxOutputTokens: 2 } })).json()) as (typeof data)[number]
    expect(one.candidates[0]).toMatchObject({ content: { parts: [{ text: 'You said:' }] }, finishReason: 'MAX_TOKENS' })
  })

  it('error switches: quota 429, rate limit with RetryInfo, 500', async () => {
    cloud.set({ noCredit: true })
    const q = await gemGenerate(true)
    expect(q.status).toBe(429)
    expect(await q.json()).toMatchObject({ error: { status: 'RESOURCE_EXHAUSTED' } })
    cloud.set({ rateLimit: { retryAfterSeconds: 5 } })
    const rl = await gemGenerate(false)
    expect(rl.status).toBe(429)
    expect(JSON.stringify(await rl.json())).toContain('"retryDelay":"5s"')
    cloud.set({ serverError: true })
    expect((await gemGenerate(true)).status).toBe(500)
  })
})

describe('the AI SDK packages stream and report usage against the fake', () => {
  const models = (): [string, LanguageModel, number][] => [
    // [label, model, expected prompt tokens for the prompt below]
    ['openai', createOpenAI({ baseURL: cloud.baseUrls.openai, apiKey: KEY }).chat('gpt-6.1-terra'), 2],
    ['anthropic', createAnthropic({ baseURL: cloud.baseUrls.anthropic, apiKey: KEY })('claude-haiku-5-5'), 2],
    ['google', createGoogleGenerativeAI({ baseURL: cloud.baseUrls.google, apiKey: KEY })('gemini-3.8-flash'), 2],
    ['deepseek', createDeepSeek({ baseURL: cloud.baseUrls.deepseek, apiKey: KEY })('deepseek-v4-flash'), 2],
    ['xai', createXai({ baseURL: cloud.baseUrls.xai, apiKey: KEY }).chat('grok-4.7'), 2],
    ['moonshot', createMoonshotAI({ baseURL: cloud.baseUrls.moonshot, apiKey: KEY })('kimi-k2.6'), 2],
    ['openrouter', createOpenAICompatible({ name: 'openrouter', baseURL: cloud.baseUrls.openrouter, apiKey: KEY, includeUsage: true })('openai/gpt-6.1-terra'), 2],
    ['local', createOpenAICompatible({ name: 'ollama', baseURL: cloud.baseUrls.local, includeUsage: true })('qwen3-4b'), 2],
  ]

  it('streamText: text and usage for every provider package', async () => {
    for (const [label, model, prompt] of models()) {
      const result = streamText({ model, prompt: 'hello there', maxRetries: 0 })
      const text = await result.text
      const usage = await result.usage
      expect([label, text]).toEqual([label, 'You said: hello there.'])
      expect([label, usage.inputTokens, usage.outputTokens]).toEqual([label, prompt, 4])
      expect([label, await result.finishReason]).toEqual([label, 'stop'])
    }
  })

  it('a bad key is an APICallError with each provider\'s status and message', async () => {
    const bad = 'sk-bad-key-0000'
    const cases: [string, LanguageModel, number, string][] = [
      ['openai', createOpenAI({ baseURL: cloud.baseUrls.openai, apiKey: bad }).chat('gpt-6.1-terra'), 401, 'Incorrect API key'],
      ['anthropic', createAnthropic({ baseURL: cloud.baseUrls.anthropic, apiKey: bad })('claude-haiku-5-5'), 401, 'invalid x-api-key'],
      ['google', createGoogleGenerativeAI({ baseURL: cloud.baseUrls.google, apiKey: bad })('gemini-3.8-flash'), 400, 'API key not valid'],
      ['deepseek', createDeepSeek({ baseURL: cloud.baseUrls.deepseek, apiKey: bad })('deepseek-v4-flash'), 401, 'Authentication Fails'],
      ['xai', createXai({ baseURL: cloud.baseUrls.xai, apiKey: bad }).chat('grok-4.7'), 400, 'Incorrect API key'],
      ['moonshot', createMoonshotAI({ baseURL: cloud.baseUrls.moonshot, apiKey: bad })('kimi-k2.6'), 401, 'Invalid Authentication'],
      ['openrouter', createOpenAICompatible({ name: 'openrouter', baseURL: cloud.baseUrls.openrouter, apiKey: bad })('openai/gpt-6.1-terra'), 401, 'User not found'],
    ]
    for (const [label, model, status, text] of cases) {
      const err = await generateText({ model, prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e)
      expect([label, APICallError.isInstance(err)]).toEqual([label, true])
      expect([label, (err as APICallError).statusCode]).toEqual([label, status])
      expect((err as APICallError).responseBody).toContain(text)
    }
  })

  it('stream faults as the SDK sees them: stall → abort by the caller\'s timeout, drop → error, malformed → error part then the rest', async () => {
    const model = createOpenAI({ baseURL: cloud.baseUrls.openai, apiKey: KEY }).chat('gpt-6.1-terra')
    const kinds = async (): Promise<string[]> => {
      const out: string[] = []
      const r = streamText({ model, prompt: 'hello there', maxRetries: 0, abortSignal: AbortSignal.timeout(400), onError: () => undefined })
      for await (const p of r.fullStream) if (['text-delta', 'error', 'abort', 'finish'].includes(p.type)) out.push(p.type)
      return out
    }
    cloud.set({ stallAfterChunks: 2 })
    expect(await kinds()).toEqual(['text-delta', 'text-delta', 'abort'])
    cloud.set({ dropAfterChunks: 2 })
    expect(await kinds()).toContain('error')
    cloud.set({ malformed: { afterChunks: 1 } })
    expect(await kinds()).toEqual(['text-delta', 'error', 'text-delta', 'text-delta', 'text-delta', 'finish'])
  })

  it('errors surface as APICallError with the status and body', async () => {
    const bad = createOpenAI({ baseURL: cloud.baseUrls.openai, apiKey: 'sk-bad' }).chat('gpt-6.1-terra')
    const err = await generateText({ model: bad, prompt: 'hi', maxRetries: 0 }).catch((e: unknown) => e)
    expect(APICallError.isInstance(err)).toBe(true)
    expect((err as APICallError).statusCode).toBe(401)

    cloud.set({ rateLimit: { retryAfterSeconds: 1, times: 1 } })
    const ant = createAnthropic({ baseURL: cloud.baseUrls.anthropic, apiKey: KEY })('claude-haiku-5-5')
    const r = await generateText({ model: ant, prompt: 'hi', maxRetries: 1 })
    expect(r.text).toBe('You said: hi.')
    expect(cloud.requestsFor('anthropic', { chatOnly: true }).map((x) => x.status)).toEqual([429, 200])
  })
})
