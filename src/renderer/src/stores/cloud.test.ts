import { beforeEach, describe, expect, it } from 'vitest'
import type { CloudModel, KeyStatus, ProviderInfo } from '../api'
import { findChatModel } from '../lib/useModel'
import { tableBridge } from '../testing/tableBridge'
import { chatTotal } from '../components/chat/ChatCost'
import { useCloud } from './cloud'

const provider = (id: string, over: Partial<ProviderInfo> = {}): ProviderInfo => ({
  id,
  kind: id.startsWith('server.') ? 'server' : 'cloud',
  name: id,
  keyUrl: null,
  envVar: null,
  baseUrl: 'https://example.com/v1',
  baseUrlFromEnv: false,
  keyRequired: true,
  key: null,
  ...over,
})

const cloudModel = (id: string): CloudModel => ({
  id,
  provider: id.slice(0, id.indexOf(':')),
  providerName: 'OpenAI',
  model: id.slice(id.indexOf(':') + 1),
  name: id,
  contextWindow: null,
  capabilities: [],
  price: null,
})

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('cloud store', () => {
  beforeEach(() => {
    useCloud.setState({ providers: null, providersError: null, vault: null, models: [], modelsSettled: false, modelsError: null })
  })

  it('keeps a key without ever holding it, and shows the models it opens', async () => {
    const secret = 'sk-test-valid-0123456789'
    let key: KeyStatus | null = null
    let models: CloudModel[] = []
    const calls = tableBridge({
      'providers.list': () => ({ ok: true, data: [provider('server.box'), provider('anthropic'), provider('openai')] }),
      'vault.info': () => ({ ok: true, data: { backend: 'key_file', notice: 'Only a key file protects your keys.' } }),
      'cloud.models': () => ({ ok: true, data: models }),
      'keys.set': (input) => {
        const { provider: id, key: pasted } = input as { provider: string; key: string }
        key = { provider: id, last4: pasted.slice(-4), source: 'vault', status: 'untested', savedFor: 'api.openai.com', message: null, lastTestedAt: null }
        return { ok: true, data: key }
      },
      'keys.test': () => {
        key = { ...key!, status: 'valid', message: 'The key works.', lastTestedAt: 5 }
        models = [cloudModel('openai:gpt-x')]
        return { ok: true, data: key }
      },
      'keys.remove': () => {
        key = null
        models = []
        return { ok: true, data: provider('openai') }
      },
    })
    await useCloud.getState().load()
    // Cloud providers first in the page's order, servers after.
    expect(useCloud.getState().providers?.map((p) => p.id)).toEqual(['openai', 'anthropic', 'server.box'])
    expect(useCloud.getState().vault?.notice).toMatch(/key file/)
    expect(useCloud.getState().modelsSettled).toBe(true)

    expect(await useCloud.getState().setKey('openai', `  ${secret} `)).toBeNull()
    expect(calls.find((c) => c.route === 'keys.set')?.input).toEqual({ provider: 'openai', key: secret })
    expect(useCloud.getState().providers?.[0]?.key).toMatchObject({ last4: '6789', status: 'untested' })

    expect(await useCloud.getState().testKey('openai')).toBeNull()
    await flush()
    expect(useCloud.getState().providers?.[0]?.key?.status).toBe('valid')
    expect(useCloud.getState().models.map((m) => m.id)).toEqual(['openai:gpt-x'])
    expect(JSON.stringify(useCloud.getState())).not.toContain(secret)

    expect(await useCloud.getState().removeKey('openai')).toBeNull()
    await flush()
    expect(useCloud.getState().providers?.[0]?.key).toBeNull()
    expect(useCloud.getState().models).toEqual([])
  })

  it('says why a key was not kept, and keeps going when the routes are not there yet', async () => {
    tableBridge({ 'keys.set': () => ({ ok: false, error: { code: 'invalid_input', message: 'a key has no spaces' } }) })
    expect(await useCloud.getState().setKey('openai', 'sk a b c d e')).toMatch(/no spaces/)
    await useCloud.getState().load()
    expect(useCloud.getState().providersError).toMatch(/providers.list/)
    expect(useCloud.getState().modelsSettled).toBe(true)
    expect(useCloud.getState().models).toEqual([])
  })

  it('adds and removes a server, and edits a price', async () => {
    const calls = tableBridge({
      'servers.add': () => ({ ok: true, data: provider('server.ollama', { name: 'Ollama', keyRequired: false }) }),
      'servers.remove': () => ({ ok: true, data: {} }),
      'cloud.models': () => ({ ok: true, data: [cloudModel('openai:gpt-x')] }),
      'prices.set': () => ({
        ok: true,
        data: { ...cloudModel('openai:gpt-x'), price: { inputPerMTokens: 1, outputPerMTokens: 2, asOf: '2025-07-01', source: 'you', edited: true } },
      }),
    })
    useCloud.setState({ providers: [provider('openai')], models: [cloudModel('server.ollama:llama3'), cloudModel('openai:gpt-x')] })
    expect(await useCloud.getState().addServer({ name: ' Ollama ', baseUrl: 'http://127.0.0.1:11434/v1', key: '  ' })).toBeNull()
    expect(calls.find((c) => c.route === 'servers.add')?.input).toEqual({ name: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1' })
    expect(useCloud.getState().providers?.map((p) => p.id)).toEqual(['openai', 'server.ollama'])

    expect(await useCloud.getState().setPrice('openai:gpt-x', { inputPerMTokens: 1, outputPerMTokens: 2 })).toBeNull()
    expect(useCloud.getState().models.find((m) => m.id === 'openai:gpt-x')?.price?.edited).toBe(true)

    expect(await useCloud.getState().removeServer('server.ollama')).toBeNull()
    expect(useCloud.getState().providers?.map((p) => p.id)).toEqual(['openai'])
  })

  it('finds the chosen model among local and cloud ones, and keeps a cloud choice while the list is on its way', () => {
    const local = [{ id: 'tiny', name: 'Tiny', problem: null }, { id: 'broken', name: 'Broken', problem: 'damaged' }] as never[]
    const cloud = [cloudModel('openai:gpt-x')]
    expect(findChatModel('tiny', local, cloud, true)).toMatchObject({ kind: 'local', id: 'tiny' })
    expect(findChatModel('broken', local, cloud, true)).toBeNull()
    expect(findChatModel('openai:gpt-x', local, cloud, true)).toMatchObject({ kind: 'cloud', name: 'openai:gpt-x' })
    expect(findChatModel('anthropic:claude-x', local, cloud, false)).toMatchObject({ kind: 'cloud', name: 'claude-x', cloud: null })
    expect(findChatModel('anthropic:claude-x', local, cloud, true)).toBeNull()
  })

  it('adds up what a chat cost', () => {
    const reply = (id: string, modelId: string, costUsd: number | null | undefined) => ({
      id,
      role: 'assistant' as const,
      content: '',
      createdAt: 1,
      status: 'done' as const,
      modelId,
      error: null,
      stats: { tokens: 10, tokensPerSecond: 1, timeToFirstTokenMs: 100, inputTokens: 5, costUsd },
    })
    expect(chatTotal({ a: reply('a', 'tiny', 0) })).toBeNull()
    expect(chatTotal({ a: reply('a', 'tiny', 0), b: reply('b', 'openai:gpt-x', 0.002), c: reply('c', 'openai:gpt-x', 0.001) })).toEqual({
      usd: 0.003,
      tokens: 30,
      unknown: 0,
      estimated: 0,
    })
    expect(chatTotal({ b: reply('b', 'openai:gpt-x', null) })).toEqual({ usd: 0, tokens: 15, unknown: 1, estimated: 0 })
    const standIn = reply('d', 'openai:gpt-x', 0.004)
    expect(chatTotal({ d: { ...standIn, stats: { ...standIn.stats, costEstimated: true } } })).toEqual({ usd: 0.004, tokens: 15, unknown: 0, estimated: 1 })
  })
})
