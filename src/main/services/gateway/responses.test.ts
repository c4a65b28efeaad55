import OpenAI, { type APIError } from 'openai'
import { zodTextFormat } from 'openai/helpers/zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Services } from '../createServices'
import type { FakeCloud } from '../testing/fakeCloud'
import { readLedger } from '../testing/usageRecords'
import { ANSWERING_MODELS, startApiHarness, type ApiHarness } from '../testing/apiHarness'
import type { GatewayServer } from './server'

const weather: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string', maxLength: 20 } }, required: ['city'], additionalProperties: false },
  strict: true,
}

/**
 * The official `openai` client's Responses API (`client.responses`) against Aura's real listener on
 * 127.0.0.1, answered by real llama.cpp on generated tiny models (one thread) and by the fake cloud.
 */
describe('the OpenAI Responses API', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  let server: GatewayServer
  let api: OpenAI
  const post = (body: unknown) =>
    fetch(`${server.url}/responses`, { method: 'POST', headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  const ledger = () => readLedger(dir)

  let harness: ApiHarness
  beforeAll(async () => {
    harness = await startApiHarness({ models: ANSWERING_MODELS, settings: { maxTokens: 48 }, cloud: ['openai'] })
    dir = harness.dir
    services = harness.services
    server = harness.server
    fake = harness.fake!
    api = new OpenAI({ baseURL: server.url, apiKey: services.apiKeys.create('codex').key, maxRetries: 0 })
  }, 60_000)
  afterAll(() => harness.close())

  it('answers a string input with a Response: a message item, usage, booked under the app', async () => {
    const response = await api.responses.create({ model: 'chatty', input: 'Say hello', max_output_tokens: 16 })
    expect(response.id).toMatch(/^resp_/)
    expect(response.object).toBe('response')
    expect(response.model).toBe('chatty')
    expect(['completed', 'incomplete']).toContain(response.status)
    const message = response.output[0]!
    expect(message.type).toBe('message')
    if (message.type !== 'message') return
    expect(message.id).toMatch(/^msg_/)
    expect(message.role).toBe('assistant')
    expect(message.content[0]!.type).toBe('output_text')
    // output_text is the SDK's own sum of the message's text.
    expect(response.output_text.length).toBeGreaterThan(0)
    expect(response.usage!.input_tokens).toBeGreaterThan(0)
    expect(response.usage!.output_tokens).toBeGreaterThan(0)
    expect(response.usage!.total_tokens).toBe(response.usage!.input_tokens + response.usage!.output_tokens)
    await expect.poll(() => ledger().filter((r) => r.app === 'codex').map((r) => r.modelId)).toContain('chatty')
  })

  it('reads instructions and message items (parts and strings, every role), and stops at max_output_tokens as incomplete', async () => {
    const response = await api.responses.create({
      model: 'endless',
      instructions: 'Be brief.',
      input: [
        { role: 'developer', content: 'Answer in English.' },
        { role: 'user', content: [{ type: 'input_text', text: 'Tell a story' }] },
        { type: 'message', role: 'assistant', id: 'msg_1', status: 'completed', content: [{ type: 'output_text', text: 'Once upon a time', annotations: [] }] },
        { role: 'user', content: 'Go on' },
      ],
      max_output_tokens: 5,
      temperature: 0.5,
      top_p: 0.9,
    })
    expect(response.status).toBe('incomplete')
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' })
    expect(response.usage!.output_tokens).toBe(5)
    expect(response.instructions).toBe('Be brief.')
    expect(response.max_output_tokens).toBe(5)
    // Everything sent is read: more than the last message alone.
    const alone = await api.responses.create({ model: 'endless', input: 'Go on', max_output_tokens: 1 })
    expect(response.usage!.input_tokens).toBeGreaterThan(alone.usage!.input_tokens + 10)
  })

  it('calls a forced function tool with arguments that validate, and continues after its function_call_output', async () => {
    const ask: OpenAI.Responses.ResponseInputItem = { role: 'user', content: 'Weather in Oslo?' }
    const response = await api.responses.create({
      model: 'chatty',
      input: [ask],
      // A built-in tool runs on OpenAI's side: it is not offered to the model.
      tools: [weather, { type: 'web_search' }],
      tool_choice: { type: 'function', name: 'get_weather' },
      max_output_tokens: 200,
    })
    expect(response.status).toBe('completed')
    const call = response.output.find((item) => item.type === 'function_call')!
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' })
    expect(call.id).toMatch(/^fc_/)
    const city = (JSON.parse(call.arguments) as { city: unknown }).city
    expect(typeof city).toBe('string')
    expect((city as string).length).toBeLessThanOrEqual(20)
    expect(response.tools.map((tool) => tool.type)).toEqual(['function'])

    // The round trip as the SDK's users write it: the output items back, then the result.
    const next = await api.responses.create({
      model: 'chatty',
      input: [ask, ...(response.output as OpenAI.Responses.ResponseInputItem[]), { type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 21 °C' }],
      tools: [weather],
      max_output_tokens: 16,
    })
    expect(['completed', 'incomplete']).toContain(next.status)
    expect(next.usage!.input_tokens).toBeGreaterThan(response.usage!.input_tokens)
  })

  it('offers only the allowed tools of allowed_tools, in its mode', async () => {
    const clock: OpenAI.Responses.FunctionTool = { type: 'function', name: 'get_time', parameters: { type: 'object', properties: {} }, strict: true }
    const response = await api.responses.create({
      model: 'chatty',
      input: 'Weather in Oslo?',
      tools: [weather, clock],
      tool_choice: { type: 'allowed_tools', mode: 'required', tools: [{ type: 'function', name: 'get_time' }] },
      max_output_tokens: 200,
    })
    expect(response.output.filter((item) => item.type === 'function_call').map((call) => call.name)).toEqual(['get_time'])
    expect(response.tool_choice).toMatchObject({ type: 'allowed_tools', mode: 'required' })
  })

  it('writes JSON that validates against a json_schema text format, which the SDK’s parse helper reads', async () => {
    const Person = z.object({ name: z.string().max(20), adult: z.boolean() })
    const response = await api.responses.parse({ model: 'chatty', input: 'A person as JSON', text: { format: zodTextFormat(Person, 'person') }, max_output_tokens: 300 })
    expect(Person.safeParse(response.output_parsed).success).toBe(true)
    expect(response.text?.format?.type).toBe('json_schema')
  })

  it('streams every event in order, numbered; the SDK’s stream helper builds the final response with usage', async () => {
    const stream = api.responses.stream({ model: 'endless', input: 'Tell a story', max_output_tokens: 12 })
    const events: OpenAI.Responses.ResponseStreamEvent[] = []
    let text = ''
    stream.on('event', (event) => events.push(event))
    stream.on('response.output_text.delta', (event) => (text += event.delta))
    const final = await stream.finalResponse()
    const types = events.map((event) => event.type)
    const deltas = types.filter((type) => type === 'response.output_text.delta').length
    expect(deltas).toBeGreaterThan(1)
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      ...Array<string>(deltas).fill('response.output_text.delta'),
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      // Cut off by max_output_tokens.
      'response.incomplete',
    ])
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, index) => index))
    expect(final.output_text).toBe(text)
    expect(final.status).toBe('incomplete')
    expect(final.usage!.output_tokens).toBe(12)
    expect(final.usage!.input_tokens).toBeGreaterThan(0)
    expect(final.id).toBe((events[0] as OpenAI.Responses.ResponseCreatedEvent).response.id)
  })

  it('streams a function call: its arguments as function_call_arguments events, the call in the final response', async () => {
    const stream = await api.responses.create({ model: 'chatty', input: 'Weather in Oslo?', tools: [weather], tool_choice: 'required', max_output_tokens: 200, stream: true })
    const types: string[] = []
    let args = ''
    let final: OpenAI.Responses.Response | undefined
    for await (const event of stream) {
      types.push(event.type)
      if (event.type === 'response.function_call_arguments.done') args = event.arguments
      if (event.type === 'response.completed') final = event.response
    }
    expect(types).toEqual(expect.arrayContaining(['response.function_call_arguments.delta', 'response.function_call_arguments.done', 'response.completed']))
    expect(types.indexOf('response.function_call_arguments.delta')).toBeGreaterThan(types.indexOf('response.output_item.added'))
    expect(JSON.parse(args)).toHaveProperty('city')
    expect(final!.output.find((item) => item.type === 'function_call')).toMatchObject({ name: 'get_weather', arguments: args })
  })

  it('answers from the cloud, streamed and not, with usage and its cost booked', async () => {
    const response = await api.responses.create({ model: 'openai:gpt-6.1-terra', instructions: 'Be brief.', input: 'Name a color' })
    expect(response.output_text).toContain('You said: Name a color')
    expect(response.status).toBe('completed')
    expect(response.usage!.output_tokens).toBeGreaterThan(0)

    const stream = api.responses.stream({ model: 'openai:gpt-6.1-terra', input: 'Name a shape' })
    let deltas = 0
    stream.on('response.output_text.delta', () => deltas++)
    const final = await stream.finalResponse()
    expect(deltas).toBeGreaterThan(1)
    expect(final.output_text).toContain('You said: Name a shape')
    expect(final.model).toBe('openai:gpt-6.1-terra')
    expect(final.usage!.output_tokens).toBeGreaterThan(0)
    await expect.poll(() => ledger().filter((r) => r.app === 'codex' && r.provider === 'openai').length).toBe(2)
    expect(ledger().find((r) => r.app === 'codex' && r.provider === 'openai')!.costUsd).toBeGreaterThan(0)
  })

  it('ends a stream whose model fails partway with an error event the SDK raises, then response.failed', async () => {
    fake.set({ streamError: { afterChunks: 2 }, replyTokens: 30 }, { provider: 'openai' })
    try {
      const stream = api.responses.stream({ model: 'openai:gpt-6.1-terra', input: 'Name a fruit' })
      const error = await stream.finalResponse().catch((e: unknown) => e)
      // Raised from the stream (no HTTP status: the stream had begun).
      expect(error).toBeInstanceOf(OpenAI.APIError)
      expect((error as APIError).status).toBeUndefined()
      expect((error as APIError).message).toContain('OpenAI is having trouble right now')

      // Clients that follow the response's status read response.failed.
      const raw = await (await post({ model: 'openai:gpt-6.1-terra', input: 'Name a fruit', stream: true })).text()
      const events = raw
        .split('\n\n')
        .filter(Boolean)
        .map((frame) => JSON.parse(frame.split('\ndata: ')[1]!) as { type: string; response?: OpenAI.Responses.Response })
      expect(events.map((e) => e.type).slice(-2)).toEqual(['error', 'response.failed'])
      const failed = events.at(-1)!.response!
      expect(failed.status).toBe('failed')
      expect(failed.error).toMatchObject({ code: 'server_error', message: expect.stringContaining('OpenAI is having trouble right now') as string })
      // What was written before the failure stays in the failed response.
      expect(failed.output[0]).toMatchObject({ type: 'message', status: 'incomplete' })
    } finally {
      fake.reset()
    }
  })

  it('stops the generation when the client goes away', async () => {
    const controller = new AbortController()
    const stream = await api.responses.create({ model: 'endless', input: 'Go on and on', max_output_tokens: 4000, stream: true }, { signal: controller.signal })
    let deltas = 0
    for await (const event of stream) {
      if (event.type === 'response.output_text.delta' && ++deltas === 5) controller.abort()
    }
    await expect.poll(() => ledger().find((r) => r.app === 'codex' && r.outcome === 'stopped'), { timeout: 20_000 }).toBeDefined()
    expect(ledger().find((r) => r.app === 'codex' && r.outcome === 'stopped')!.outputTokens).toBeLessThan(4000)
  })

  it('refuses a bad key, an unknown model, a too-long prompt (streamed or not) in OpenAI’s shape', async () => {
    const bad = new OpenAI({ baseURL: server.url, apiKey: 'not-a-key', maxRetries: 0 })
    await expect(bad.responses.create({ model: 'chatty', input: 'hi' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError)
    const missing = await api.responses.create({ model: 'nobody/missing', input: 'hi' }).catch((e: unknown) => e)
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError)
    expect((missing as APIError).code).toBe('model_not_found')

    const long = 'word '.repeat(6000)
    const error = await api.responses.create({ model: 'chatty', input: long }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.BadRequestError)
    expect((error as APIError).code).toBe('context_length_exceeded')
    const streamed = await api.responses.create({ model: 'chatty', input: long, stream: true }).catch((e: unknown) => e)
    expect(streamed).toBeInstanceOf(OpenAI.BadRequestError)
    expect((streamed as APIError).code).toBe('context_length_exceeded')
  })

  it('says in words what it cannot do: stored responses, images and files, built-in tool choices', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const error = await api.responses.create({ model: 'chatty', input: 'hi', ...body } as OpenAI.Responses.ResponseCreateParamsNonStreaming).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(OpenAI.BadRequestError)
      return (error as APIError).message
    }
    expect(await refused({ previous_response_id: 'resp_123' })).toContain('Aura keeps no responses')
    expect(await refused({ input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'https://example.com/a.png', detail: 'auto' }] }] })).toContain('a "input_image" part cannot be sent yet')
    expect(await refused({ input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'file-1' }] }] })).toContain('a "input_file" part cannot be sent yet')
    expect(await refused({ input: [{ type: 'item_reference', id: 'msg_1' }] })).toContain('item_reference')
    expect(await refused({ tools: [{ type: 'web_search' }], tool_choice: { type: 'web_search' } })).toContain('only function tools')
    const sloppy = await post({ model: 'chatty', input: [] })
    expect(sloppy.status).toBe(400)
    expect(await sloppy.json()).toMatchObject({ error: { type: 'invalid_request_error', param: 'input' } })
  })
}, 180_000)
