/**
 * Cache-read, cache-write, long-prompt and reasoning prices, from the usage each provider reports in
 * its own fields: real streams from the fake cloud (services/testing/fakeCloud/), through the AI SDK,
 * booked against figures worked out by hand from the reference prices (shared/reference/cloud-providers.md §2).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud, type FakeCloudProvider, type FakeUsage } from '../testing/fakeCloud'
import { CloudProviders } from './cloudProviders'

let cloud: FakeCloud

/** A Wednesday, 02:00 UTC: DeepSeek's peak hours; before Gemini 3.8 Flash's 2027 price. */
const PEAK = Date.parse('2026-11-18T02:00:00Z')
/** The prompt below is 4 words ("Be brief." + "hello there"); the reply is 10 words. */
const PROMPT_WORDS = 4
const REPLY_WORDS = 10

function providers(): CloudProviders {
  const flavors: Record<string, FakeCloudProvider> = { openai: 'openai', anthropic: 'anthropic', google: 'google', deepseek: 'deepseek', openrouter: 'openrouter', xai: 'xai', moonshot: 'moonshot' }
  return new CloudProviders({
    key: () => FAKE_CLOUD_VALID_KEY,
    baseUrl: (p) => (flavors[p] ? cloud.baseUrls[flavors[p]] : null),
    servers: () => [],
    priceOverrides: () => ({}),
    clock: { now: () => PEAK },
  })
}

/** Streams one reply whose usage reports `prompt` prompt tokens (cache reads and writes among them) and `reasoning` thinking tokens. */
async function booked(model: string, usage: { prompt: number } & Omit<FakeUsage, 'extraPromptTokens'>) {
  const { prompt, ...rest } = usage
  cloud.set({ replyTokens: REPLY_WORDS, usage: { extraPromptTokens: prompt - PROMPT_WORDS, ...rest } })
  const result = await providers().generate({
    model,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hello there' },
    ],
    maxTokens: 200,
    temperature: 0,
  })
  expect(result.stopReason).toBe('end')
  expect(result.stats.inputTokens).toBe(prompt)
  expect(result.stats.tokens).toBe(REPLY_WORDS + (usage.reasoningTokens ?? 0))
  return result.stats
}

beforeAll(async () => {
  cloud = await startFakeCloud()
})
beforeEach(() => cloud.reset())
afterAll(async () => {
  await cloud.close()
})

describe('cache, long-prompt and reasoning prices, from each provider’s own usage fields', () => {
  it('OpenAI (cached_tokens, cache_write_tokens, reasoning_tokens): GPT-6.1 Terra', async () => {
    const stats = await booked('openai:gpt-6.1-terra', { prompt: 200_000, cacheReadTokens: 150_000, cacheWriteTokens: 20_000, reasoningTokens: 30_000 })
    // 30,000 plain × $1 + 150,000 read × $0.05 + 20,000 written × $1.25 + 30,010 out × $5 (per million)
    // = $0.03 + $0.0075 + $0.025 + $0.15005 = $0.21255
    expect(stats.costUsd).toBeCloseTo(0.21255, 9)
    expect(stats).toMatchObject({ cacheReadTokens: 150_000, cacheWriteTokens: 20_000, reasoningTokens: 30_000 })
    expect(stats.costEstimated).toBeUndefined()
  })

  it('OpenAI above 272K prompt tokens: the whole request at the long-prompt prices', async () => {
    const stats = await booked('openai:gpt-6.1-terra', { prompt: 300_000, cacheReadTokens: 200_000 })
    // 100,000 × $2 + 200,000 × $0.10 + 10 × $7.50 = $0.20 + $0.02 + $0.000075
    expect(stats.costUsd).toBeCloseTo(0.220075, 9)
  })

  it('Anthropic (cache_read_input_tokens, cache_creation_input_tokens; output counts thinking): Claude Sonnet 5.5', async () => {
    const stats = await booked('anthropic:claude-sonnet-5-5', { prompt: 200_000, cacheReadTokens: 120_000, cacheWriteTokens: 50_000, reasoningTokens: 20_000 })
    // input_tokens 30,000 × $2 + 120,000 × $0.10 + 50,000 × $2.50 (5-minute write) + 20,010 × $10
    // = $0.06 + $0.012 + $0.125 + $0.2001 = $0.3971
    expect(stats.costUsd).toBeCloseTo(0.3971, 9)
    expect(stats).toMatchObject({ cacheReadTokens: 120_000, cacheWriteTokens: 50_000 })
  })

  it('Anthropic Haiku 5.5: a prompt over 100K counting cache reads (input_tokens alone is 50K) moves to the long-prompt prices', async () => {
    const stats = await booked('anthropic:claude-haiku-5-5', { prompt: 150_000, cacheReadTokens: 100_000 })
    // 50,000 × $0.50 + 100,000 × $0.05 + 10 × $2.50 = $0.025 + $0.005 + $0.000025
    expect(stats.costUsd).toBeCloseTo(0.030025, 9)
  })

  it('Gemini (cachedContentTokenCount inside promptTokenCount, thoughtsTokenCount apart): Gemini 3.8 Flash', async () => {
    const stats = await booked('google:gemini-3.8-flash', { prompt: 100_000, cacheReadTokens: 60_000, reasoningTokens: 5_000 })
    // 40,000 × $0.75 + 60,000 × $0.075 + (10 + 5,000 thinking) × $3.75 = $0.03 + $0.0045 + $0.0187875
    expect(stats.costUsd).toBeCloseTo(0.0532875, 9)
    expect(stats.reasoningTokens).toBe(5_000)
  })

  it('Gemini above 200K prompt tokens: Gemini 3.1 Pro’s long-prompt tier, thinking at the output price', async () => {
    const stats = await booked('google:gemini-3.1-pro-preview', { prompt: 250_000, cacheReadTokens: 200_000, reasoningTokens: 40_000 })
    // 50,000 × $4 + 200,000 × $0.40 + 40,010 × $18 = $0.20 + $0.08 + $0.72018
    expect(stats.costUsd).toBeCloseTo(1.00018, 9)
  })

  it('DeepSeek (prompt_cache_hit_tokens on the finish chunk), at peak: V4 Pro', async () => {
    const stats = await booked('deepseek:deepseek-v4-pro', { prompt: 100_000, cacheReadTokens: 80_000, reasoningTokens: 10_000 })
    // 20,000 × $1.32 + 80,000 × $0.044 + 10,010 × $3.96 = $0.0264 + $0.00352 + $0.0396396
    expect(stats.costUsd).toBeCloseTo(0.0695596, 9)
  })

  it('a model without cache prices bills its cached tokens as input (never less than it may cost)', async () => {
    const stats = await booked('openai:gpt-4.1-mini', { prompt: 100_000, cacheReadTokens: 90_000 })
    // The stand-in (GPT-6 Astra's $10 / $50): 100,000 × $10 + 10 × $50
    expect(stats.costUsd).toBeCloseTo(1.0005, 9)
    expect(stats.costEstimated).toBe(true)
  })
})
