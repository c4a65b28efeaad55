import { describe, expect, it } from 'vitest'
import { PROVIDER_IDS } from '../../../shared/api'
import { CLOUD_CATALOG, catalogCost, isDeepSeekPeak } from './catalog'
import { parseCloudModelId } from './modelId'
import { classifyHttp, problemError, redact } from './problems'
import { PROVIDERS, SERVER_PRESETS, keyFromEnv, normalizeServerBaseUrl, resolveBaseUrl } from './providerTable'

describe('parseCloudModelId', () => {
  it('reads <provider>:<model>, the model keeping its own colons and slashes', () => {
    expect(parseCloudModelId('openai:gpt-6.1-terra')).toEqual({ provider: 'openai', model: 'gpt-6.1-terra' })
    expect(parseCloudModelId('openrouter:anthropic/claude-opus-5.5')).toEqual({ provider: 'openrouter', model: 'anthropic/claude-opus-5.5' })
    expect(parseCloudModelId('server.ollama:llama3.2:3b')).toEqual({ provider: 'server.ollama', model: 'llama3.2:3b' })
  })

  it('is null for local ids and anything else', () => {
    for (const id of ['imported/llama3.2:3b', 'llama3.2:3b', 'bartowski/Qwen3-4B-GGUF:Q4_K_M', 'openai:', ':gpt', 'openai', 'server.:x', 'server.UP:x', 'openai: gpt', 'OpenAI:gpt-6']) {
      expect(parseCloudModelId(id), id).toBeNull()
    }
  })
})

describe('catalog', () => {
  it('has a handful of models for every provider, each priced with a date and a source', () => {
    for (const provider of PROVIDER_IDS) expect(CLOUD_CATALOG.filter((m) => m.provider === provider).length, provider).toBeGreaterThanOrEqual(2)
    const ids = CLOUD_CATALOG.map((m) => `${m.provider}:${m.model}`)
    expect(new Set(ids).size).toBe(ids.length)
    for (const m of CLOUD_CATALOG) {
      expect(m.price.asOf, m.model).toMatch(/^2026-\d\d-\d\d$/)
      expect(m.price.source.length).toBeGreaterThan(5)
      expect(m.price.inputPerMTokens).toBeGreaterThan(0)
      expect(m.price.outputPerMTokens).toBeGreaterThanOrEqual(m.price.inputPerMTokens)
      expect(m.contextWindow).toBeGreaterThanOrEqual(200_000)
      expect(m.capabilities).toContain('chat')
    }
  })

  it('costs: cached input, long prompts, DeepSeek off-peak', () => {
    const terra = CLOUD_CATALOG.find((m) => m.model === 'gpt-6.1-terra')!.price
    const at = new Date('2026-11-18T02:00:00Z')
    expect(catalogCost(terra, { inputTokens: 100_000, outputTokens: 100_000 }, at)).toBe(0.6)
    expect(catalogCost(terra, { inputTokens: 100_000, outputTokens: 0, cachedInputTokens: 50_000 }, at)).toBeCloseTo(0.05 + 0.0025, 9)
    // A 300K-token prompt is billed at the long-prompt price for the whole request.
    expect(catalogCost(terra, { inputTokens: 300_000, outputTokens: 100_000 }, at)).toBeCloseTo(0.6 + 0.75, 9)
    const pro = CLOUD_CATALOG.find((m) => m.model === 'deepseek-v4-pro')!.price
    expect(catalogCost(pro, { inputTokens: 1_000_000, outputTokens: 1_000_000 }, at)).toBeCloseTo(1.32 + 3.96, 9)
    expect(catalogCost(pro, { inputTokens: 1_000_000, outputTokens: 1_000_000 }, new Date('2026-11-21T02:00:00Z'))).toBeCloseTo(0.66 + 1.98, 9) // a Saturday
    expect(isDeepSeekPeak(new Date('2026-11-18T07:30:00Z'))).toBe(true)
    expect(isDeepSeekPeak(new Date('2026-11-18T04:00:00Z'))).toBe(false)
  })
})

describe('provider errors from the reference', () => {
  it('OpenAI: bad key, no quota (429), rate limit with "try again in 174ms", unknown model', () => {
    expect(classifyHttp(401, {}, { error: { message: 'Incorrect API key provided: sk-...1JMA.', type: 'invalid_request_error', code: 'invalid_api_key' } })).toEqual({ kind: 'unauthorized' })
    expect(classifyHttp(429, {}, { error: { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', code: 'insufficient_quota' } })).toEqual({
      kind: 'no_credit',
    })
    expect(classifyHttp(429, {}, { error: { message: 'Rate limit reached for gpt-4.1 … Please try again in 174ms. Visit …', type: 'tokens', code: 'rate_limit_exceeded' } })).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 1,
    })
    expect(classifyHttp(404, {}, { error: { message: 'The model `gpt-4o` does not exist or you do not have access to it.', code: 'model_not_found' } })).toEqual({ kind: 'model_not_found' })
    expect(classifyHttp(400, {}, { error: { message: "Unsupported parameter: 'max_tokens' is not supported with this model.", code: 'unsupported_parameter' } })).toMatchObject({
      kind: 'request_rejected',
      status: 400,
    })
  })

  it('Anthropic: credit as a 400, 402 billing_error, 529 overloaded, retry-after as a date', () => {
    const credit = { type: 'error', error: { type: 'invalid_request_error', message: 'Your credit balance is too low to access the Anthropic API.' } }
    expect(classifyHttp(400, {}, credit, { family: 'anthropic' })).toEqual({ kind: 'no_credit' })
    expect(classifyHttp(402, {}, { type: 'error', error: { type: 'billing_error', message: '…' } })).toEqual({ kind: 'no_credit' })
    expect(classifyHttp(529, {}, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toMatchObject({ kind: 'provider_down', overloaded: true })
    const now = Date.parse('2026-11-21T10:00:00Z')
    expect(classifyHttp(429, { 'retry-after': 'Sat, 21 Nov 2026 10:01:30 GMT' }, { type: 'error', error: { type: 'rate_limit_error' } }, { now })).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 90,
    })
  })

  it('Gemini: bad key is a 400; per-minute quota waits (RetryInfo); a daily quota is spent', () => {
    const badKey = { error: { code: 400, message: 'API key not valid. Please pass a valid API key.', status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] } }
    expect(classifyHttp(400, {}, badKey, { family: 'google' })).toEqual({ kind: 'unauthorized' })
    const perMinute = {
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        message: 'You exceeded your current quota, please check your plan.',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '34.4s' },
        ],
      },
    }
    expect(classifyHttp(429, {}, perMinute, { family: 'google' })).toEqual({ kind: 'rate_limited', retryAfterSeconds: 35 })
    const perDay = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', details: [{ violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel' }] }] } }
    expect(classifyHttp(429, {}, perDay, { family: 'google' })).toEqual({ kind: 'no_credit', dailyQuota: true })
  })

  it('Moonshot 403, DeepSeek 402, OpenRouter 402 are no credit; OpenRouter 403 is a refusal, not a bad key', () => {
    expect(classifyHttp(403, {}, { error: { message: 'suspended' } }, { family: 'moonshot' })).toEqual({ kind: 'no_credit' })
    expect(classifyHttp(402, {}, { error: { message: 'Insufficient Balance' } }, { family: 'deepseek' })).toEqual({ kind: 'no_credit' })
    expect(classifyHttp(403, {}, { error: { code: 403, message: 'Input was flagged by moderation' } }, { family: 'openrouter' })).toMatchObject({ kind: 'request_rejected' })
  })

  it('a key test that gets a 404 blames the address, not a model', () => {
    expect(classifyHttp(404, {}, undefined, { forKeyTest: true })).toEqual({ kind: 'wrong_address' })
  })

  it('words never carry the key; refusals quote the provider with key-like strings blacked out', () => {
    const key = 'sk-proj-abcdefghijklmnop1234'
    const error = problemError(
      { kind: 'request_rejected', status: 400, providerMessage: `Bad request for key ${key} and sk-other-0123456789` },
      { name: 'OpenAI', kind: 'cloud', baseUrl: 'https://api.openai.com/v1', customBaseUrl: false, hasKey: true, secrets: [key] },
    )
    expect(error.message).toBe('OpenAI refused the request: Bad request for key ••• and •••.')
    expect(error.data).toEqual({ reason: 'request_rejected', status: 400 })
    expect(redact('AIzaSyA1234567890abcdefghij')).toBe('•••')
  })
})

describe('provider table', () => {
  it('every provider has a name, key page, env var, https base URL and AURA_ env name', () => {
    for (const id of PROVIDER_IDS) {
      const spec = PROVIDERS[id]
      expect(spec.keyUrl).toMatch(/^https:\/\//)
      expect(spec.defaultBaseUrl).toMatch(/^https:\/\//)
      expect(spec.baseUrlEnvVar).toBe(`AURA_${id.toUpperCase()}_BASE_URL`)
      expect(spec.envVars.length).toBeGreaterThan(0)
    }
    expect(PROVIDERS.google.envVars).toEqual(['GEMINI_API_KEY', 'GOOGLE_GENERATIVE_AI_API_KEY'])
    expect(SERVER_PRESETS.map((s) => s.baseUrl)).toEqual([
      'http://127.0.0.1:11434/v1',
      'http://127.0.0.1:1234/v1',
      'http://127.0.0.1:8000/v1',
      'http://127.0.0.1:8080/v1',
      'http://127.0.0.1:5272/v1',
    ])
  })

  it('base URL: env over settings over the default; keys from env; server addresses get /v1', () => {
    expect(resolveBaseUrl('openai', {}, {})).toEqual({ baseUrl: 'https://api.openai.com/v1', override: null, fromEnv: false })
    expect(resolveBaseUrl('openai', { openai: 'https://gw.example/v1' }, {})).toMatchObject({ override: 'https://gw.example/v1', fromEnv: false })
    expect(resolveBaseUrl('openai', { openai: 'https://gw.example/v1' }, { AURA_OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })).toMatchObject({
      baseUrl: 'http://127.0.0.1:9/v1',
      fromEnv: true,
    })
    expect(keyFromEnv('google', { GOOGLE_GENERATIVE_AI_API_KEY: 'AIza-x' })).toEqual({ key: 'AIza-x', envVar: 'GOOGLE_GENERATIVE_AI_API_KEY' })
    expect(keyFromEnv('openai', { OPENAI_API_KEY: '  ' })).toBeNull()
    expect(normalizeServerBaseUrl('http://127.0.0.1:11434')).toBe('http://127.0.0.1:11434/v1')
    expect(normalizeServerBaseUrl('http://gpu-box:8000/v1/')).toBe('http://gpu-box:8000/v1')
  })
})
