import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type Services } from '../createServices'
import type { Dispatch } from '../dispatch'
import { memoryStore } from '../testing/memoryStore'
import { writeTinyLlama } from '../testing/tinyLlama'
import { Gateway, LIST_REUSE_MS } from './core'
import type { AppKey } from './keys'

/**
 * The models' list every named request is placed with: reading it (headers, fit, keys) takes
 * 25–150 ms on a busy machine, so a request does not wait for it once it has been read.
 */
describe('the API’s models list', () => {
  let dir: string
  let services: Services
  let gateway: Gateway
  let app: AppKey
  let now = 1_000_000
  /** While set, reading the installed models waits for it (a slow disk). */
  let hold: Promise<void> | null = null
  const listed = async () => (await gateway.models(app)).map((m) => m.id)
  /** The model that answers a one-token request naming `model`. */
  const answeredBy = async (model: string) =>
    (await gateway.reply(app, { model, messages: [{ role: 'user', content: 'Hi' }], maxTokens: 1, reply: {} }, { signal: new AbortController().signal })).modelId

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-api-list-'))
    await writeTinyLlama(join(dir, 'models', 'first.gguf'))
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: dir }, env: {}, settingsStore: memoryStore({ threads: 1 }) })
    const dispatch: Dispatch = async (procedure, input) => {
      if (procedure === 'models.list' && hold) await hold
      return services.dispatch(procedure, input)
    }
    gateway = new Gateway({ keys: services.apiKeys, attempts: services.attempts, dispatch, settings: services.settings, records: () => [], clock: { now: () => now } })
    app = services.apiKeys.create('lister').app
  }, 60_000)
  afterAll(async () => {
    await services.dispose()
    rmSync(dir, { recursive: true, force: true })
  })

  it('answers a request from the last read while a new one is under way; a model installed in Aura is seen at once', async () => {
    expect(await listed()).toEqual(['auto', 'first'])
    expect(await answeredBy('first')).toBe('first') // loads it
    now += LIST_REUSE_MS + 1
    let release!: () => void
    hold = new Promise((resolve) => (release = resolve))
    // The list went stale and its new read is held: a request does not wait for it.
    const waited = new Promise<'waited for the list'>((resolve) => setTimeout(() => resolve('waited for the list'), 10_000))
    expect(await Promise.race([answeredBy('first'), waited])).toBe('first')
    release()
    // Installed through Aura (models.changed): the next request reads the list again and finds it.
    await writeTinyLlama(join(dir, 'models', 'second.gguf'))
    gateway.forgetModels()
    expect(await answeredBy('second')).toBe('second')
    expect(await listed()).toEqual(['auto', 'first', 'second'])
  })
})
