import { describe, expect, it } from 'vitest'
import { i18n } from '../i18n'
import type { CloudModel } from '../api'
import {
  baseUrlEnvVar,
  cloudModelLabel,
  formatCost,
  formatPrice,
  isCloudModelId,
  keyProblem,
  modelPartOf,
  priceSource,
  providerOfModelId,
  serverUrlProblem,
} from './cloudWords'

const model = (over: Partial<CloudModel>): CloudModel => ({
  id: 'openai:gpt-x',
  provider: 'openai',
  providerName: 'OpenAI',
  model: 'gpt-x',
  name: 'GPT-x',
  contextWindow: 128_000,
  capabilities: [],
  price: { inputPerMTokens: 0.4, outputPerMTokens: 1.6, asOf: '2025-06-01', source: 'openai.com/pricing', edited: false },
  ...over,
})

describe('cloud words', () => {
  it('tells cloud model ids from local ones', () => {
    expect(isCloudModelId('openai:gpt-x')).toBe(true)
    expect(isCloudModelId('server.ollama:llama3.2:3b')).toBe(true)
    expect(isCloudModelId('qwen/Qwen3-4B-Q4_K_M')).toBe(false)
    expect(isCloudModelId('stories260K')).toBe(false)
    expect(isCloudModelId('notaprovider:thing')).toBe(false)
    expect(isCloudModelId(null)).toBe(false)
    expect(providerOfModelId('server.ollama:llama3.2:3b')).toBe('server.ollama')
    expect(modelPartOf('server.ollama:llama3.2:3b')).toBe('llama3.2:3b')
    expect(modelPartOf('stories260K')).toBe('stories260K')
  })

  it('writes prices and costs the way people read them', () => {
    expect(formatPrice(0.4)).toBe('$0.40')
    expect(formatPrice(15)).toBe('$15.00')
    expect(formatPrice(0.075)).toBe('$0.075')
    expect(formatPrice(0.0375)).toBe('$0.0375')
    expect(formatCost(0.0012)).toBe('$0.0012')
    expect(formatCost(0.01234)).toBe('$0.012')
    expect(formatCost(0.5)).toBe('$0.50')
    expect(formatCost(1.349)).toBe('$1.35')
    expect(formatCost(0.00002)).toBe('< $0.0001')
    expect(formatCost(0)).toBe('$0')
  })

  it('writes prices and costs in the language on screen', async () => {
    try {
      await i18n.changeLanguage('es')
      expect(formatPrice(0.4)).toBe('0,40\u00a0US$')
      expect(formatCost(0.5)).toBe('0,50\u00a0US$')
      expect(formatCost(0.00002)).toBe('< 0,0001\u00a0US$')
    } finally {
      await i18n.changeLanguage('en')
    }
  })

  it('labels picker lines with the price, or where the model runs', () => {
    expect(cloudModelLabel(model({}))).toBe('GPT-x — $0.40 in / $1.60 out per M tokens')
    expect(cloudModelLabel(model({ price: null }))).toBe('GPT-x — price unknown')
    expect(cloudModelLabel(model({ provider: 'server.ollama', providerName: 'Ollama', name: 'llama3.2', price: null }))).toBe(
      'llama3.2 — on your server',
    )
    expect(
      cloudModelLabel(model({ price: { inputPerMTokens: 0, outputPerMTokens: 0, asOf: '2025-06-01', source: 'x', edited: false } })),
    ).toBe('GPT-x — free')
  })

  it('says what is wrong with a key or an address before sending it', () => {
    expect(keyProblem('')).toBeNull()
    expect(keyProblem('  sk-test-valid  ')).toBeNull()
    expect(keyProblem('sk-a b')).toMatch(/no spaces/)
    expect(keyProblem('sk-1')).toMatch(/too short/)
    expect(serverUrlProblem('http://127.0.0.1:11434/v1')).toBeNull()
    expect(serverUrlProblem('127.0.0.1:11434')).toMatch(/http/)
    expect(serverUrlProblem('ftp://host/v1')).toMatch(/http/)
    expect(baseUrlEnvVar('openai')).toBe('AURA_OPENAI_BASE_URL')
    expect(priceSource('Claude Sonnet 5.5 overview [CL-SON55; PF-23; CLAUDIT]')).toBe('Claude Sonnet 5.5 overview')
    expect(priceSource('[X]')).toBe('[X]')
  })
})
