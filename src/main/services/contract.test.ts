import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { procedureNames, procedures, type ProcedureName } from '../../shared/api'
import { createServices, type Services } from './createServices'
import { createDispatcher, type Handlers } from './dispatch'
import { memoryStore } from './testing/memoryStore'
import { silentLogger } from './ports'
import { LlamaEngine } from './engine/llamaEngine'
import { loadRecording, replayProbe } from './testing/replayProbe'

/** Inputs every procedure must refuse before its handler runs. */
const alwaysInvalid: unknown[] = [null, undefined, 42, 'text', [], { unexpected: true }]

/** Inputs that only look right: each breaks one rule of the procedure's schema. */
const nearlyValid: Partial<Record<ProcedureName, unknown[]>> = {
  'settings.update': [{ threads: 0 }, { threads: 'many' }, { temperature: 9 }, { contextSize: 1.5 }],
  'conversations.list': [{ query: 7 }],
  'conversations.get': [{ id: '' }, { id: 5 }, {}],
  'conversations.create': [{ title: '' }, { modelId: 3 }],
  'conversations.rename': [{ id: 'x' }, { id: 'x', title: '   ' }],
  'conversations.delete': [{}],
  'chat.send': [{ conversationId: 'x', modelId: 'm' }, { conversationId: 'x', text: '  ', modelId: 'm' }, { conversationId: 'x', text: 'hi' }],
  'chat.regenerate': [{ conversationId: 'x' }, { conversationId: 'x', modelId: 'm', loadAnyway: 'yes' }, { conversationId: 'x', modelId: 'm', messageId: '' }],
  'chat.edit': [{ conversationId: 'x', messageId: 'y', modelId: 'm' }, { conversationId: 'x', messageId: 'y', text: '  ', modelId: 'm' }],
  'conversations.setInstructions': [{ id: 'x' }, { id: 'x', instructions: 'x'.repeat(20_001) }],
  'conversations.showVersion': [{ id: 'x' }, { id: 'x', messageId: '' }],
  'conversations.deleteMessage': [{ messageId: 'y' }],
  'assistants.save': [
    { name: '  ', description: '', instructions: '', modelId: null, temperature: null },
    { name: 'A', description: '', instructions: '', modelId: null, temperature: 3 },
    { name: 'A', description: '', instructions: '', modelId: null, temperature: null, builtIn: true },
  ],
  'models.fit': [{ id: 'x', contextSize: 1 }, { contextSize: 4096 }],
  'models.delete': [{}, { id: '' }],
  'models.import': [{ path: '' }, { path: 3 }],
  'models.setFolder': [{ path: '/tmp/x' }, { path: '', moveFiles: true }],
  'hub.search': [{ query: '' }, { query: '   ' }],
  'hub.files': [{ repo: 'no-slash' }, { repo: '../etc' }, { repo: '../x/y' }, { repo: 'a/b/c' }, { repo: './x' }],
  'downloads.start': [
    { repo: 'a/b', file: '/etc/passwd' },
    { repo: 'a/b', file: '../../x.gguf' },
    { repo: 'a/b', file: 'x/../../y.gguf' },
    { repo: 'a/b', file: 'a\\b.gguf' },
    { repo: '../a', file: 'x.gguf' },
    { repo: 'a/b' },
  ],
  'providers.setBaseUrl': [{ provider: 'openai', baseUrl: 'ftp://x' }, { provider: 'nobody', baseUrl: null }],
  'keys.set': [{ provider: 'openai' }, { provider: 'openai', key: 'short' }, { provider: 'openai', key: 'has a space in it' }, { provider: '../etc', key: 'sk-aaaaaaaaaaaa' }],
  'keys.test': [{ provider: 'server.' }, { provider: 'Server.X' }],
  'keys.remove': [{}],
  'servers.add': [{ name: 'x' }, { name: '', baseUrl: 'http://127.0.0.1:1/v1' }, { name: 'x', baseUrl: 'file:///etc' }],
  'servers.remove': [{ id: 'ollama' }],
  'servers.setPrivate': [{ id: 'server.box' }, { id: 'box', private: true }],
  'prices.set': [{ modelId: 'openai:x' }, { modelId: 'openai:x', price: { inputPerMTokens: -1, outputPerMTokens: 1 } }],
  'downloads.pause': [{}],
  'downloads.resume': [{ id: '' }],
  'downloads.cancel': [{ id: 7 }],
  'chat.stop': [{}],
}

describe('the API contract', () => {
  let dataDir: string
  let services: Services
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'aura-contract-'))
    services = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir }, settingsStore: memoryStore() })
  })
  afterAll(async () => {
    await services.dispose()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('names every procedure domain.verb', () => {
    for (const procedure of procedureNames) expect(procedure).toMatch(/^[a-z]+\.[a-zA-Z]+$/)
  })

  it('refuses to build a dispatcher with a procedure that has no handler', () => {
    const handlers = Object.fromEntries(procedureNames.map((procedure) => [procedure, () => ({})])) as unknown as Handlers
    expect(() => createDispatcher(handlers, silentLogger)).not.toThrow()
    delete (handlers as Partial<Handlers>)['chat.stop']
    expect(() => createDispatcher(handlers, silentLogger)).toThrow(/chat\.stop/)
  })

  it.each(procedureNames)('%s validates its input before its handler runs', async (procedure) => {
    for (const input of [...alwaysInvalid, ...(nearlyValid[procedure] ?? [])]) {
      const result = await services.dispatch(procedure, input)
      expect(result, `${procedure} accepted ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    }
    // Nothing was created by the refused inputs.
    expect(await services.dispatch('conversations.list', {})).toEqual({ ok: true, data: [] })
  })

  it('answers a well-formed request with data that matches the procedure output schema', async () => {
    const created = await services.dispatch('conversations.create', { title: 'Hello' })
    expect(created.ok).toBe(true)
    if (created.ok) expect(procedures['conversations.create'].output.parse(created.data)).toMatchObject({ title: 'Hello' })
    const info = await services.dispatch('app.info', {})
    expect(info.ok && procedures['app.info'].output.parse(info.data).modelsDir).toBe(join(dataDir, 'models'))
  })

  it('updates only the settings a patch names', async () => {
    await services.dispatch('settings.update', { threads: 1, maxTokens: 200 })
    expect(await services.dispatch('settings.update', { lastModelId: 'm' })).toMatchObject({ ok: true, data: { threads: 1, maxTokens: 200, lastModelId: 'm' } })
  })

  it('turns unknown procedures and service errors into envelopes, never throws', async () => {
    expect(await services.dispatch('nope.nothing', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await services.dispatch('toString', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await services.dispatch('conversations.get', { id: 'missing' })).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('takes the engine and the hardware probe from its ports', async () => {
    const engine = new LlamaEngine({ logger: silentLogger, cacheDir: join(dataDir, 'other-cache') })
    const { readings } = await loadRecording('gaming-pc-rtx4070-12gb')
    const own = createServices({ shell: 'host', version: '0.0.0-test', paths: { dataDir: join(dataDir, 'ports') }, settingsStore: memoryStore(), engine, systemProbe: replayProbe(readings) })
    try {
      expect(own.engine).toBe(engine)
      const hardware = await own.dispatch('hardware.get', {})
      expect(hardware.ok && procedures['hardware.get'].output.parse(hardware.data).gpus.map((gpu) => gpu.model)).toEqual([expect.stringContaining('RTX 4070')])
    } finally {
      await own.dispose()
    }
  })
})
