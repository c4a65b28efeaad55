import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI, { type APIError } from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_TEST_APP, type UsageSummary } from '../../../shared/api'
import { createServices, type Services } from '../createServices'
import { FAKE_CLOUD_VALID_KEY, startFakeCloud, type FakeCloud } from '../testing/fakeCloud'
import { memoryStore } from '../testing/memoryStore'
import { freePort } from '../testing/ports'
import { writeTinyLlama } from '../testing/tinyLlama'

/**
 * What Settings → Connect apps drives, through the app's own listener (services.serveApi, as the
 * desktop app and `aura serve` run it): a key's models, its limits changed after it was made, and
 * the Test button's real request. Answered by llama.cpp on a generated tiny model and the fake cloud.
 */
describe('Connect apps: per-key models, editing a key, the Test button', () => {
  let dir: string
  let fake: FakeCloud
  let services: Services
  let url: string

  const call = async <T>(name: string, input: unknown): Promise<T> => {
    const result = (await services.dispatch(name as never, input as never)) as { ok: true; data: T } | { ok: false; error: { code: string; message: string } }
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code })
    return result.data
  }
  const client = async (name: string, allowedModels: string[]) => new OpenAI({ baseURL: url, apiKey: (await call<{ key: string }>('api.createKey', { name, allowedModels })).key, maxRetries: 0 })

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'aura-connect-'))
    fake = await startFakeCloud()
    await writeTinyLlama(join(dir, 'models', 'chatty.gguf'), { chatTemplate: true, eosBias: 2 })
    services = createServices({
      shell: 'host',
      version: '0.0.0-test',
      paths: { dataDir: dir },
      // The tiny model's words look weak to Auto: kept, so "which model answered" stays Auto's first pick.
      settingsStore: memoryStore({ threads: 1, maxTokens: 24, retryWeakAnswers: false, dailyBudget: null, monthlyBudget: null, confirmCostAbove: null }),
      env: { AURA_OPENAI_BASE_URL: fake.baseUrls.openai, OPENAI_API_KEY: FAKE_CLOUD_VALID_KEY },
    })
    const port = await freePort()
    await services.dispatch('settings.update', { api: { enabled: true, port } })
    await services.serveApi()
    url = `http://127.0.0.1:${port}/v1`
  }, 60_000)
  afterAll(async () => {
    await services.dispose()
    await fake.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('a key limited to some models lists only those, and is refused any other with 403 permission_error in each API’s shape', async () => {
    const api = await client('local model only', ['chatty'])
    expect((await api.models.list()).data.map((m) => m.id)).toEqual(['auto', 'chatty'])
    const error = await api.chat.completions.create({ model: 'openai:gpt-6.1-terra', messages: [{ role: 'user', content: 'hi' }] }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError)
    expect((error as APIError).type).toBe('permission_error')
    expect((error as APIError).code).toBe('model_not_allowed')
    expect((error as APIError).message).toContain('may not use “openai:gpt-6.1-terra”')

    const { key } = await call<{ key: string }>('api.createKey', { name: 'cloud only', allowedModels: ['openai:gpt-6.1-terra'] })
    const response = await fetch(`${url}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chatty', max_tokens: 8, messages: [{ role: 'user', content: 'hi' }] }),
    })
    expect(response.status).toBe(403)
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'permission_error' } })
  })

  it('`auto` for such a key picks only among its models (the router’s scope), where Auto alone would pick another', async () => {
    const ask = (api: OpenAI) => api.chat.completions.create({ model: 'auto', messages: [{ role: 'user', content: 'Say hello' }], max_tokens: 8 })
    // A short hello stays on this computer for a key without a list…
    expect((await ask(await client('anything', []))).model).toBe('chatty')
    // …and goes to the only model this key may use, in the cloud.
    const cloudOnly = new OpenAI({ baseURL: url, apiKey: (await call<{ key: string }>('api.createKey', { name: 'terra only', allowedModels: ['openai:gpt-6.1-terra'] })).key, maxRetries: 0 })
    expect((await ask(cloudOnly)).model).toBe('openai:gpt-6.1-terra')
    // Local only and a cloud-only list leave nothing: said in words, not a 500.
    await call('api.updateKey', { name: 'terra only', localOnly: true })
    const error = await ask(cloudOnly).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError)
    expect((error as APIError).code).toBe('local_only')
    expect((error as APIError).message).toContain('None of the models “terra only” may use can answer now')
  })

  it('edits a key’s budget, Local only and models; the list shows them with what the app spent today', async () => {
    await call('api.createKey', { name: 'Cursor' })
    const updated = await call<Record<string, unknown>>('api.updateKey', { name: 'cursor', dailyBudgetUsd: 2, localOnly: true, allowedModels: ['chatty', 'chatty', ' openai:gpt-6.1-terra '] })
    expect(updated).toMatchObject({ name: 'Cursor', dailyBudgetUsd: 2, localOnly: true, allowedModels: ['chatty', 'openai:gpt-6.1-terra'], spentTodayUsd: 0 })
    expect(readFileSync(join(dir, 'api-keys.json'), 'utf8')).toContain('"allowedModels"')
    await call('api.updateKey', { name: 'Cursor', allowedModels: [], dailyBudgetUsd: null })
    const listed = (await call<Record<string, unknown>[]>('api.keys', {})).find((k) => k.name === 'Cursor')
    expect(listed).toMatchObject({ dailyBudgetUsd: null, localOnly: true, allowedModels: [] })
    expect(listed).not.toHaveProperty('hash')
    // The cloud reply above cost something: the list says what that app spent today.
    expect((await call<{ name: string; spentTodayUsd: number }[]>('api.keys', {})).find((k) => k.name === 'terra only')!.spentTodayUsd).toBeGreaterThan(0)
    await expect(call('api.updateKey', { name: 'nobody', localOnly: true })).rejects.toMatchObject({ code: 'not_found' })
  })

  it('the Test button makes a real request through the listener with a key that is never written, and says why when it cannot', async () => {
    const result = await call<{ text: string; modelId: string; latencyMs: number }>('api.test', {})
    expect(result.modelId).toBe('chatty')
    expect(result.latencyMs).toBeGreaterThan(0)
    // Booked as its own app, as Usage shows it.
    const byApp = (await call<UsageSummary>('usage.summary', {})).byApp
    expect(byApp.find((group) => group.key === `app:${API_TEST_APP.toLowerCase()}`)).toMatchObject({ label: API_TEST_APP, requests: 1, localRequests: 1 })
    expect(readFileSync(join(dir, 'api-keys.json'), 'utf8')).not.toContain(API_TEST_APP)
    expect((await call<{ name: string }[]>('api.keys', {})).map((k) => k.name)).not.toContain(API_TEST_APP)
    await expect(call('api.createKey', { name: API_TEST_APP.toUpperCase() })).rejects.toMatchObject({ code: 'invalid_input' })

    const port = (await call<{ port: number }>('api.status', {})).port
    await call('settings.update', { api: { enabled: false, port } })
    await expect(call('api.test', {})).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('The API is off') })
    await call('settings.update', { api: { enabled: true, port } })
    expect((await call<{ modelId: string }>('api.test', {})).modelId).toBe('chatty')
  })
})
