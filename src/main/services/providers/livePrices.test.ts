/**
 * OpenRouter's live prices: fetched from the fake OpenRouter's `GET /api/v1/models` (per-token price
 * strings, as OpenRouter publishes them), dated, kept on disk, refreshed when a day old, and used for
 * OpenRouter replies' costs.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { AuraError } from '../../../shared/api'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { rejection } from '../testing/rejection'
import { CloudProviders } from './cloudProviders'

let cloud: FakeCloud
let dir: string
const DAY = 24 * 60 * 60 * 1000
const NOW = Date.parse('2026-11-18T12:00:00Z')

function providers(opts: { file?: string; now?: () => number; key?: string | null } = {}): CloudProviders {
  return new CloudProviders({
    key: (p) => (p === 'openrouter' ? (opts.key === undefined ? FAKE_CLOUD_VALID_KEY : opts.key) : null),
    baseUrl: (p) => (p === 'openrouter' ? cloud.baseUrls.openrouter : null),
    servers: () => [],
    priceOverrides: () => ({}),
    livePricesFile: opts.file,
    clock: { now: opts.now ?? (() => NOW) },
  })
}

const listCalls = () => cloud.requestsFor('openrouter').filter((r) => r.method === 'GET' && r.path.endsWith('/models')).length

async function reply(p: CloudProviders, model: string) {
  return p.generate({ model, messages: [{ role: 'user', content: 'hello there' }], maxTokens: 50, temperature: 0 })
}

beforeAll(async () => {
  cloud = await startFakeCloud()
  dir = mkdtempSync(join(tmpdir(), 'aura-live-prices-'))
})
beforeEach(() => cloud.reset())
afterAll(async () => {
  await cloud.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('OpenRouter’s live prices', () => {
  it('a model only OpenRouter lists: a stand-in before the list is fetched, its published price after, dated', async () => {
    const p = providers()
    expect(p.price('openrouter:mistralai/mistral-medium-4')).toMatchObject({ estimated: true })
    expect(p.livePrices()).toEqual({ asOf: null, models: 0 })

    expect(await p.refreshLivePrices()).toEqual({ asOf: '2026-11-18', models: 4 })
    expect(p.price('openrouter:mistralai/mistral-medium-4')).toEqual({ inputPerMTokens: 0.4, outputPerMTokens: 2, asOf: '2026-11-18', source: 'OpenRouter’s model list', edited: false })

    // 1,000,000 prompt tokens × $0.40 + 10 reply tokens × $2 (per million) = $0.40002
    cloud.set({ replyTokens: 10, usage: { extraPromptTokens: 1_000_000 - 2 } })
    const result = await reply(p, 'openrouter:mistralai/mistral-medium-4')
    expect(result.stats.costUsd).toBeCloseTo(0.40002, 9)
    expect(result.stats.costEstimated).toBeUndefined()
  })

  it('cache reads and writes at OpenRouter’s published cache prices (cache_write_tokens read from the raw usage)', async () => {
    const p = providers()
    await p.refreshLivePrices()
    cloud.set({ replyTokens: 10, usage: { extraPromptTokens: 200_000 - 2, cacheReadTokens: 100_000, cacheWriteTokens: 50_000 } })
    const result = await reply(p, 'openrouter:anthropic/claude-sonnet-5-5')
    // 50,000 × $2 + 100,000 × $0.10 + 50,000 × $2.50 + 10 × $10 = $0.10 + $0.01 + $0.125 + $0.0001
    expect(result.stats.costUsd).toBeCloseTo(0.2351, 9)
  })

  it('is kept on disk with its date: the next start prices from it without asking', async () => {
    const file = join(dir, 'kept.json')
    await providers({ file }).refreshLivePrices()
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ fetchedAt: NOW, models: { 'mistralai/mistral-medium-4': { inputPerMTokens: 0.4, outputPerMTokens: 2 } } })
    cloud.reset()
    const next = providers({ file, now: () => NOW + DAY / 2 })
    await next.refreshLivePricesIfStale()
    expect(listCalls()).toBe(0)
    expect(next.price('openrouter:mistralai/mistral-medium-4')).toMatchObject({ inputPerMTokens: 0.4, asOf: '2026-11-18' })
  })

  it('refreshed once a day old; not at all without an OpenRouter key; a damaged file is as none', async () => {
    const file = join(dir, 'daily.json')
    let now = NOW
    await providers({ file }).refreshLivePrices()
    cloud.reset()
    cloud.set({ openRouterPrices: { 'mistralai/mistral-medium-4': { prompt: '0.0000005', completion: '0.0000025' } } })
    now = NOW + DAY
    const later = providers({ file, now: () => now })
    await providers({ file, now: () => now, key: null }).refreshLivePricesIfStale()
    expect(listCalls()).toBe(0)
    await later.refreshLivePricesIfStale()
    expect(listCalls()).toBe(1)
    expect(later.price('openrouter:mistralai/mistral-medium-4')).toMatchObject({ inputPerMTokens: 0.5, outputPerMTokens: 2.5, asOf: '2026-11-19' })

    writeFileSync(file, '{"fetchedAt": 1, "mod')
    const fresh = providers({ file })
    await fresh.refreshLivePricesIfStale()
    expect(fresh.livePrices().asOf).toBe('2026-11-18')
  })

  it('a failed refresh says why in plain words and keeps the last list', async () => {
    const p = providers()
    await p.refreshLivePrices()
    cloud.set({ noCredit: true }, { provider: 'openrouter' })
    const error = await rejection(p.refreshLivePrices())
    expect(error).toBeInstanceOf(AuraError)
    expect((error as AuraError).message).toMatch(/OpenRouter/)
    expect(p.price('openrouter:mistralai/mistral-medium-4')).toMatchObject({ inputPerMTokens: 0.4, asOf: '2026-11-18' })
  })
})
