/** Tool calls and results in a conversation reach the cloud as each API's own blocks (fake cloud, real HTTP). */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import type { ChatTurn } from '../engine/inferenceEngine'
import { CloudProviders } from './cloudProviders'

let cloud: FakeCloud
beforeAll(async () => {
  cloud = await startFakeCloud()
})
afterAll(async () => {
  await cloud.close()
})

const TURNS: ChatTurn[] = [
  { role: 'user', content: 'Weather in Paris?' },
  { role: 'assistant', content: 'Let me look.', toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: { city: 'Paris' } }] },
  { role: 'tool', toolCallId: 'call_1', name: 'get_weather', content: '{"temperature": 21}' },
]

it.each([
  ['anthropic', 'claude-haiku-5-5'],
  ['openai', 'gpt-6.1-terra'],
] as const)('%s: the call and its result go as tool blocks', async (provider, model) => {
  const providers = new CloudProviders({
    key: () => FAKE_CLOUD_VALID_KEY,
    baseUrl: (p) => cloud.baseUrls[p as 'anthropic' | 'openai'] ?? null,
    servers: () => [],
    priceOverrides: () => ({}),
    clock: { now: () => Date.now() },
    timeouts: { firstTokenMs: 1_500, idleMs: 400, requestMs: 10_000, keyTestMs: 2_000, listMs: 2_000 },
  })
  const result = await providers.generate({ model: `${provider}:${model}`, messages: TURNS, maxTokens: 50, temperature: 0 })
  expect(result.text.length).toBeGreaterThan(0)
  const body = JSON.stringify(cloud.requestsFor(provider, { chatOnly: true }).at(-1)?.body)
  if (provider === 'anthropic') {
    expect(body).toContain('"type":"tool_use","id":"call_1","name":"get_weather","input":{"city":"Paris"}')
    expect(body).toContain('"type":"tool_result","tool_use_id":"call_1"')
  } else {
    expect(body).toContain('"tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]')
    expect(body).toContain('"role":"tool","tool_call_id":"call_1"')
  }
})
