import { describe, expect, it } from 'vitest'
import type { CloudModel, EngineStatus, ModelListItem } from '../../../api'
import { i18n } from '../../../i18n'
import { whereItGoes, autoChatModel } from '../../../lib/useModel'
import { formatMoney } from '../../../lib/money'
import { friendlyName } from '../../../lib/modelNames'
import { moveActive, pickerGroups, searchGroups, type PickerInput } from './rows'

const local = (id: string, name: string, extra: Partial<ModelListItem> = {}) =>
  ({ id, name, sizeBytes: 2.5 * 2 ** 30, problem: null, contextLength: 8192, fit: { label: 'runs_well' }, ...extra }) as unknown as ModelListItem
const cloudModel = (provider: string, providerName: string, model: string, name: string, price: CloudModel['price']) =>
  ({ id: `${provider}:${model}`, provider, providerName, model, name, contextWindow: null, capabilities: [], price }) as CloudModel
const price = (input: number, output: number) => ({ inputPerMTokens: input, outputPerMTokens: output, asOf: '2026-01-01', source: 'test', edited: false })

const qwen = local('qwen/Qwen3-4B-Q4_K_M', 'Qwen3-4B-Instruct-Q4_K_M')
const broken = local('broken', 'broken', { problem: 'The file is damaged.', fit: null })
const embedder = local('bge', 'BGE Small', { embedding: true })
const gpt = cloudModel('openai', 'OpenAI', 'gpt-x', 'GPT-X', price(0.4, 1.6))
const served = cloudModel('server.ollama', 'Ollama', 'llama3.2:3b', 'llama3.2:3b', null)
const input = (extra: Partial<PickerInput> = {}): PickerInput => ({
  models: [qwen, broken, embedder],
  cloud: [gpt, served],
  engine: null,
  localOnly: false,
  speeds: [],
  money: (usd) => formatMoney(usd, { currency: 'EUR', currencyPerUsd: 0.5 }, { locale: 'en-US' }),
  ...extra,
})

describe('model picker rows', () => {
  it('groups models by where they run: Auto, this computer, your servers, the cloud', () => {
    const groups = pickerGroups(input())
    expect(groups.map((g) => [g.label, g.rows.map((r) => r.id)])).toEqual([
      ['Auto', ['auto']],
      ['On this computer', ['qwen/Qwen3-4B-Q4_K_M', 'broken']],
      ['Your servers', ['server.ollama:llama3.2:3b']],
      ['Cloud', ['openai:gpt-x']],
    ])
    expect(pickerGroups(input({ models: [], cloud: [] }))).toEqual([])
  })

  it('names a local model in words, with its size and fit, and says when it cannot be used', () => {
    const [, onThisComputer] = pickerGroups(input())
    expect(onThisComputer!.rows[0]).toMatchObject({ name: 'Qwen3 4B Instruct', detail: '2.5 GiB · Runs well', price: null, load: 'unloaded', disabled: false })
    expect(onThisComputer!.rows[1]).toMatchObject({ detail: 'Can’t be used: The file is damaged.', load: null, disabled: true })
    expect(['Llama-3.2-3B-Instruct-Q4_K_M', 'tinyllama.Q8_0', 'phi-3-mini-F16', 'gemma-2b-it-IQ3_XXS', 'stories260K', 'llama3.2:3b'].map(friendlyName)).toEqual([
      'Llama 3.2 3B Instruct',
      'tinyllama',
      'phi 3 mini',
      'gemma 2b it',
      'stories260K',
      'llama3.2:3b',
    ])
  })

  it('prices cloud models per million tokens in the user’s currency; a server is free', () => {
    const groups = pickerGroups(input())
    expect(groups[3]!.rows[0]!.price).toBe('€0.20 in · €0.80 out per million tokens')
    expect(groups[2]!.rows[0]!.price).toBe('Free (your server)')
  })

  it('shows the loaded state and the speed measured here', () => {
    const engine = (state: EngineStatus['state']): EngineStatus => ({ state, modelId: qwen.id, threads: 1 })
    const rowOf = (extra: Partial<PickerInput>) => pickerGroups(input(extra))[1]!.rows[0]!
    expect(rowOf({ engine: engine('ready') }).load).toBe('ready')
    expect(rowOf({ engine: engine('generating') }).load).toBe('ready')
    expect(rowOf({ engine: engine('loading') }).load).toBe('loading')
    expect(rowOf({ engine: engine('idle') }).load).toBe('unloaded')
    expect(rowOf({ speeds: [{ modelId: qwen.id, tokensPerSecond: 42.44, replies: 3 }] }).speed).toBe('42.4 tokens/s here')
  })

  it('with Local only on, keeps cloud models listed but out of reach; your servers stay', () => {
    const groups = pickerGroups(input({ localOnly: true }))
    expect(groups[0]!.rows[0]!.name).toBe('Auto · Local only')
    expect(groups[3]!.rows[0]).toMatchObject({ disabled: true, detail: 'OpenAI · off while Local only is on' })
    expect(groups[2]!.rows[0]!.disabled).toBe(false)
  })

  it('search keeps the rows holding every word typed, in any case, across names, details and groups', () => {
    const groups = pickerGroups(input())
    const ids = (query: string) => searchGroups(groups, query).flatMap((g) => g.rows.map((r) => r.id))
    expect(ids('qwen')).toEqual(['qwen/Qwen3-4B-Q4_K_M'])
    expect(ids('OPENAI')).toEqual(['openai:gpt-x'])
    expect(ids('cloud')).toEqual(['openai:gpt-x'])
    expect(ids('runs well')).toEqual(['qwen/Qwen3-4B-Q4_K_M'])
    expect(ids('  ')).toHaveLength(5)
    expect(searchGroups(groups, 'nothing like it')).toEqual([])
  })

  it('speaks the language on screen: groups, prices, load words, and search over those words', async () => {
    await i18n.changeLanguage('es')
    try {
      const groups = pickerGroups(input({ engine: { state: 'ready', modelId: qwen.id, threads: 1 } }))
      expect(groups.map((g) => g.label)).toEqual(['Auto', 'En este ordenador', 'Tus servidores', 'En la nube'])
      expect(groups[1]!.rows[1]!.detail).toBe('No se puede usar: The file is damaged.')
      expect(groups[3]!.rows[0]!.price).toBe('€0.20 de entrada · €0.80 de salida por millón de tokens')
      expect(groups[2]!.rows[0]!.price).toBe('Gratis (tu servidor)')
      expect(searchGroups(groups, 'nube').flatMap((g) => g.rows.map((r) => r.id))).toEqual(['openai:gpt-x'])
      expect(whereItGoes(autoChatModel(true))).toBe('Solo local: nada sale de este ordenador.')
      expect(autoChatModel(true).name).toBe('Auto · Solo local')
    } finally {
      await i18n.changeLanguage('en')
    }
  })

  it('arrows step through the rows that can be picked and wrap; Home, End and Page keys jump', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    expect(moveActive(ids, null, 'ArrowDown')).toBe('a')
    expect(moveActive(ids, null, 'ArrowUp')).toBe('g')
    expect(moveActive(ids, 'a', 'ArrowDown')).toBe('b')
    expect(moveActive(ids, 'g', 'ArrowDown')).toBe('a')
    expect(moveActive(ids, 'a', 'ArrowUp')).toBe('g')
    expect(moveActive(ids, 'c', 'Home')).toBe('a')
    expect(moveActive(ids, 'c', 'End')).toBe('g')
    expect(moveActive(ids, 'a', 'PageDown')).toBe('f')
    expect(moveActive(ids, 'f', 'PageDown')).toBe('g')
    expect(moveActive(ids, 'b', 'PageUp')).toBe('a')
    expect(moveActive([], 'a', 'ArrowDown')).toBeNull()
  })
})
