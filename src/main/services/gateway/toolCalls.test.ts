import Anthropic from '@anthropic-ai/sdk'
import OpenAI from 'openai'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Services } from '../createServices'
import type { FakeCloud } from '../testing/fakeCloud'
import { startApiHarness, type ApiHarness } from '../testing/apiHarness'
import type { GatewayServer } from './server'

type Json = Record<string, unknown>
const weather = { name: 'get_weather', description: 'The weather in a city', schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } }
const RESULT = '21 degrees and sunny'

/**
 * Tool calls across wire formats, end to end: a Messages request (the official Anthropic SDK) answered
 * by the fake OpenAI cloud, and a Chat Completions request (the official OpenAI SDK) answered by the
 * fake Anthropic cloud. The fake cloud asks for the tool, then answers with the tool's result.
 */
describe('cloud tool calls through the API', () => {
  let fake: FakeCloud
  let services: Services
  let server: GatewayServer
  let anthropic: Anthropic
  let openai: OpenAI
  /** The last chat request the fake provider received, as Aura translated it. */
  const lastBody = (provider: 'openai' | 'anthropic') => fake.requestsFor(provider, { chatOnly: true }).at(-1)!.body as Json

  let harness: ApiHarness
  beforeAll(async () => {
    harness = await startApiHarness({ cloud: ['openai', 'anthropic'] })
    services = harness.services
    server = harness.server
    fake = harness.fake!
    const key = services.apiKeys.create('agent').key
    anthropic = new Anthropic({ baseURL: `http://127.0.0.1:${server.port}`, apiKey: key, maxRetries: 0 })
    openai = new OpenAI({ baseURL: server.url, apiKey: key, maxRetries: 0 })
  }, 60_000)
  beforeEach(() => {
    fake.reset()
    fake.set({ toolCall: { name: 'get_weather', arguments: { city: 'Paris' } } })
  })
  afterAll(() => harness.close())

  describe.each([false, true])('a Messages request answered by OpenAI (streamed: %s)', (streamed) => {
    it('gets a tool_use block, and its tool_result turn gets the answer', async () => {
      const request: Anthropic.MessageCreateParamsNonStreaming = {
        model: 'openai:gpt-6.1-terra',
        max_tokens: 200,
        tools: [{ name: weather.name, description: weather.description, input_schema: weather.schema as Anthropic.Tool.InputSchema }],
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      }
      const ask = (params: Anthropic.MessageCreateParamsNonStreaming) => (streamed ? anthropic.messages.stream(params).finalMessage() : anthropic.messages.create(params))
      const first = await ask(request)
      expect(first.stop_reason).toBe('tool_use')
      const use = first.content.find((block) => block.type === 'tool_use')!
      expect(use).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } })
      // OpenAI was offered the tool as a function.
      expect(lastBody('openai').tools).toEqual([expect.objectContaining({ type: 'function', function: expect.objectContaining({ name: 'get_weather' }) })])

      const second = await ask({
        ...request,
        messages: [...request.messages, { role: 'assistant', content: first.content }, { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: RESULT }] }],
      })
      expect(second.stop_reason).toBe('end_turn')
      expect(second.content).toEqual([{ type: 'text', text: `The tool said: ${RESULT}.` }])
      // The call and its result reached OpenAI in its own shape: the assistant's tool_calls, then a tool message.
      const messages = lastBody('openai').messages as Json[]
      expect(messages.at(-2)).toMatchObject({ role: 'assistant', tool_calls: [{ id: use.id, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }] })
      expect(messages.at(-1)).toMatchObject({ role: 'tool', tool_call_id: use.id, content: RESULT })
    })
  })

  describe.each([false, true])('a Chat Completions request answered by Anthropic (streamed: %s)', (streamed) => {
    it('gets tool_calls, and its tool turn gets the answer', async () => {
      const request: OpenAI.ChatCompletionCreateParamsNonStreaming = {
        model: 'anthropic:claude-sonnet-5-5',
        tools: [{ type: 'function', function: { name: weather.name, description: weather.description, parameters: weather.schema } }],
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      }
      const ask = async (params: OpenAI.ChatCompletionCreateParamsNonStreaming) => {
        if (!streamed) return (await openai.chat.completions.create(params)).choices[0]!
        const stream = openai.chat.completions.stream({ ...params, stream: true })
        return (await stream.finalChatCompletion()).choices[0]!
      }
      const first = await ask(request)
      expect(first.finish_reason).toBe('tool_calls')
      const call = first.message.tool_calls![0]!
      expect(call.type === 'function' && call.function.name).toBe('get_weather')
      expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' })
      // Anthropic was offered the tool with its input_schema.
      expect(lastBody('anthropic').tools).toEqual([expect.objectContaining({ name: 'get_weather', input_schema: expect.objectContaining({ type: 'object' }) })])

      const second = await ask({
        ...request,
        messages: [...request.messages, { role: 'assistant', content: null, tool_calls: first.message.tool_calls! }, { role: 'tool', tool_call_id: call.id, content: RESULT }],
      })
      expect(second.finish_reason).toBe('stop')
      expect(second.message.content).toBe(`The tool said: ${RESULT}.`)
      // The call and its result reached Anthropic as tool_use and tool_result blocks.
      const messages = lastBody('anthropic').messages as Json[]
      expect(messages.at(-2)).toMatchObject({ role: 'assistant', content: [expect.objectContaining({ type: 'tool_use', id: call.id, name: 'get_weather', input: { city: 'Paris' } })] })
      expect(messages.at(-1)).toMatchObject({ role: 'user', content: [expect.objectContaining({ type: 'tool_result', tool_use_id: call.id })] })
    })
  })
})
