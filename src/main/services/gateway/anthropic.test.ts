import Anthropic, { type APIError } from '@anthropic-ai/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Services } from '../createServices'
import { countTokens, parseMessagesRequest } from './anthropic'
import { ANSWERING_MODELS, startApiHarness, type ApiHarness } from '../testing/apiHarness'
import type { GatewayServer } from './server'

const textOf = (message: Anthropic.Message) => message.content.map((block) => (block.type === 'text' ? block.text : '')).join('')

/**
 * The official `@anthropic-ai/sdk` against Aura's real listener on 127.0.0.1, answered by real
 * llama.cpp on a generated tiny model (one thread).
 */
describe('the Anthropic-compatible API', () => {
  let services: Services
  let server: GatewayServer
  let api: Anthropic
  const baseURL = () => `http://127.0.0.1:${server.port}`

  let harness: ApiHarness
  beforeAll(async () => {
    harness = await startApiHarness({ models: ANSWERING_MODELS, settings: { maxTokens: 48 } })
    services = harness.services
    server = harness.server
    api = new Anthropic({ baseURL: baseURL(), apiKey: services.apiKeys.create('claude code').key, maxRetries: 0 })
  }, 60_000)
  afterAll(() => harness.close())

  it('answers with a text block, a stop reason and usage (the system prompt as text blocks)', async () => {
    const reply = await api.messages.create({
      model: 'chatty',
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: 'Say hello' }],
      max_tokens: 16,
      // Older clients (and Claude Code's own calls) still send these; the SDK's types no longer list them.
      ...({ temperature: 0.5, top_p: 0.9 } as object),
    })
    expect(reply.type).toBe('message')
    expect(reply.role).toBe('assistant')
    expect(reply.model).toBe('chatty')
    expect(reply.content[0]!.type).toBe('text')
    expect(['end_turn', 'max_tokens']).toContain(reply.stop_reason)
    expect(reply.usage.input_tokens).toBeGreaterThan(0)
    expect(reply.usage.output_tokens).toBeGreaterThan(0)
  })

  it('stops at max_tokens and before a stop sequence', async () => {
    const long = await api.messages.create({ model: 'endless', messages: [{ role: 'user', content: 'Go on' }], max_tokens: 5 })
    expect(long.stop_reason).toBe('max_tokens')
    expect(long.usage.output_tokens).toBe(5)
    const stopped = await api.messages.create({ model: 'endless', messages: [{ role: 'user', content: 'Go on' }], max_tokens: 200, stop_sequences: ['e'], ...({ temperature: 0 } as object) })
    expect(stopped.stop_reason).toBe('stop_sequence')
    expect(stopped.stop_sequence).toBe('e')
    expect(textOf(stopped)).not.toContain('e')
  })

  it('names which of several stop sequences ended the reply', async () => {
    const ask = { model: 'endless', messages: [{ role: 'user' as const, content: 'Go on' }], max_tokens: 200, ...({ temperature: 0 } as object) }
    // The same greedy reply without stops shows which of the strings comes first.
    const whole = textOf(await api.messages.create(ask))
    const stops = ['zq', 'e', 'a', 'o']
    const first = stops.filter((s) => whole.includes(s)).sort((a, b) => whole.indexOf(a) - whole.indexOf(b))[0]!
    const stopped = await api.messages.create({ ...ask, stop_sequences: stops })
    expect(stopped.stop_reason).toBe('stop_sequence')
    expect(stopped.stop_sequence).toBe(first)
    expect(textOf(stopped)).toBe(whole.slice(0, whole.indexOf(first)))
  })

  it('streams every event type; the SDK’s stream helper builds the final message', async () => {
    const stream = api.messages.stream({ model: 'endless', messages: [{ role: 'user', content: 'Tell a story' }], max_tokens: 12 })
    const types: string[] = []
    let text = ''
    let estimated = 0
    stream.on('streamEvent', (event) => {
      types.push(event.type)
      if (event.type === 'message_start') estimated = event.message.usage.input_tokens
    })
    stream.on('text', (piece) => (text += piece))
    const final = await stream.finalMessage()
    expect(types[0]).toBe('message_start')
    expect(types).toEqual(expect.arrayContaining(['content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta']))
    expect(types.at(-1)).toBe('message_stop')
    expect(types.filter((t) => t === 'content_block_delta').length).toBeGreaterThan(1)
    expect(textOf(final)).toBe(text)
    expect(final.stop_reason).toBe('max_tokens')
    expect(final.usage.output_tokens).toBe(12)
    // message_start carries an estimate; message_delta the count.
    expect(estimated).toBeGreaterThan(0)
    expect(final.usage.input_tokens).toBeGreaterThan(0)
  })

  it('calls a forced tool with input that validates, streamed too, and continues after its tool_result', async () => {
    const tools: Anthropic.Tool[] = [
      { name: 'get_weather', description: 'The weather in a city', input_schema: { type: 'object', properties: { city: { type: 'string', maxLength: 20 } }, required: ['city'] } },
    ]
    const ask: Anthropic.MessageParam = { role: 'user', content: 'Weather in Oslo?' }
    const reply = await api.messages.create({ model: 'chatty', messages: [ask], tools, tool_choice: { type: 'tool', name: 'get_weather' }, max_tokens: 200 })
    expect(reply.stop_reason).toBe('tool_use')
    const use = reply.content.find((block) => block.type === 'tool_use')!
    expect(use.name).toBe('get_weather')
    expect(typeof (use.input as { city: unknown }).city).toBe('string')
    expect((use.input as { city: string }).city.length).toBeLessThanOrEqual(20)

    // Streamed: the tool_use block's input arrives as input_json_delta, and the SDK parses it.
    const streamed = await api.messages.stream({ model: 'chatty', messages: [ask], tools, tool_choice: { type: 'any' }, max_tokens: 200 }).finalMessage()
    expect(streamed.stop_reason).toBe('tool_use')
    const streamedUse = streamed.content.find((block) => block.type === 'tool_use')!
    expect(streamedUse.input).toHaveProperty('city')

    const next = await api.messages.create({
      model: 'chatty',
      // As Claude Code sends it: the last reply's thinking (not the local model's to read) and a server tool of Anthropic's (not offered).
      messages: [
        ask,
        { role: 'assistant', content: [{ type: 'thinking', thinking: 'Call the tool.', signature: 'x' }, ...reply.content] },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: [{ type: 'text', text: 'Sunny, 21 °C' }] }] },
      ],
      tools: [...tools, { type: 'web_search_20250305', name: 'web_search' }],
      max_tokens: 16,
    })
    expect(['end_turn', 'max_tokens', 'tool_use']).toContain(next.stop_reason)
    expect(next.usage.input_tokens).toBeGreaterThan(reply.usage.input_tokens)
  })

  it('counts a request’s tokens', async () => {
    const counted = await api.messages.countTokens({ model: 'chatty', system: 'Be brief.', messages: [{ role: 'user', content: 'word '.repeat(100) }] })
    expect(counted.input_tokens).toBeGreaterThan(100)
  })

  it('refuses a bad key with AuthenticationError, and answers errors in Anthropic’s shape', async () => {
    const bad = new Anthropic({ baseURL: baseURL(), apiKey: 'not-a-key', maxRetries: 0 })
    const denied = await bad.messages.create({ model: 'chatty', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 }).catch((e: unknown) => e)
    expect(denied).toBeInstanceOf(Anthropic.AuthenticationError)
    expect((denied as APIError).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } })
    // Claude Code sends its key as a bearer token (ANTHROPIC_AUTH_TOKEN).
    const bearer = new Anthropic({ baseURL: baseURL(), apiKey: null, authToken: services.apiKeys.create('bearer').key, maxRetries: 0 })
    expect((await bearer.messages.create({ model: 'chatty', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 })).type).toBe('message')

    const missing = await api.messages.create({ model: 'nobody/missing', messages: [{ role: 'user', content: 'hi' }], max_tokens: 8 }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(Anthropic.NotFoundError)
    expect((missing as APIError).error).toMatchObject({ error: { type: 'not_found_error' } })
    const sloppy = await fetch(`${baseURL()}/v1/messages`, { method: 'POST', headers: { 'x-api-key': services.apiKeys.create('sloppy').key }, body: JSON.stringify({ model: 'auto', messages: [] }) })
    expect(sloppy.status).toBe(400)
    expect(await sloppy.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error', message: expect.stringContaining('messages') as string } })
  })

  it('answers a prompt too long for the model with invalid_request_error, streamed or not', async () => {
    const long = 'word '.repeat(6000)
    const error = await api.messages.create({ model: 'chatty', messages: [{ role: 'user', content: long }], max_tokens: 16 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(Anthropic.BadRequestError)
    expect((error as APIError).error).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } })
    const streamed = await api.messages.stream({ model: 'chatty', messages: [{ role: 'user', content: long }], max_tokens: 16 }).finalMessage().catch((e: unknown) => e)
    expect(streamed).toBeInstanceOf(Anthropic.BadRequestError)
  })
}, 120_000)

/** What Claude Code sends besides the basics (its requests are recorded in docs/api.md). */
describe('a Messages request as Claude Code sends it', () => {
  const base = { model: 'claude-opus-5-5', max_tokens: 32_000, stream: true }

  it('reads a system turn mid-conversation into the system prompt (its environment comes as one)', () => {
    const { request } = parseMessagesRequest({
      ...base,
      system: [{ type: 'text', text: 'You are an agent.', cache_control: { type: 'ephemeral' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'Say hello', cache_control: { type: 'ephemeral' } }] },
        { role: 'system', content: [{ type: 'text', text: '# Environment\nPlatform: linux' }] },
      ],
      thinking: { type: 'adaptive', display: 'omitted' },
      metadata: { user_id: '{"session_id":"s"}' },
      context_management: { edits: [{ type: 'clear_thinking_20251015', keep: 'all' }] },
      output_config: { effort: 'medium' },
    })
    expect(request.messages).toEqual([
      { role: 'system', content: 'You are an agent.\n\n# Environment\nPlatform: linux' },
      { role: 'user', content: 'Say hello' },
    ])
    // count_tokens reads the same request.
    expect(countTokens({ model: base.model, messages: [{ role: 'system', content: 'Platform: linux' }, { role: 'user', content: 'Say hello' }] }).input_tokens).toBeGreaterThan(0)
  })

  it('does not offer a tool deferred until a tool search loads it', () => {
    const schema = { type: 'object', properties: {} }
    const { request } = parseMessagesRequest({
      ...base,
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [
        { name: 'Read', input_schema: schema },
        { name: 'DeferredToolPlaceholder', description: 'never call this tool', input_schema: schema, defer_loading: true },
      ],
    })
    expect(request.reply.tools?.map((tool) => tool.name)).toEqual(['Read'])
  })
})
